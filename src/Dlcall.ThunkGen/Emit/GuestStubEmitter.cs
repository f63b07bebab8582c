// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The guest stub library's C source: one function per export that packs its arguments and
/// makes one INVOKE_PROC of its host thunk (through the host runtime when the call may come back
/// into guest code), plus the load-time constructor that finds the plugin and the host side.
/// </summary>
internal static class GuestStubEmitter
{
    public static string Emit(LibrarySpec spec, BoundaryPlan plan, string defaultHostDir, string guestTriple)
    {
        var w = new CWriter();
        var forwarded = plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        ArgsStructEmitter.Prelude(w, $"Guest stub for {spec.Soname}.", spec.Defines, spec.Headers, ["<pthread.h>", "<dlcall/thunk.h>"]);
        ArgsStructEmitter.Emit(w, forwarded);
        HostObjectEmitter.ArgsStructs(w, plan);
        EmitState(w, forwarded.Select(f => f.ThunkName).Concat(HostObjectEmitter.Methods(plan).Select(m => m.ThunkName)).ToList());
        if (spec.RetainsCallbacks.Count > 0)
            w.Line("/* Set once the guest has handed the library callbacks it may keep (spec retainsCallbacks). */").Line("static int dlcall__retained;").Line();
        if (forwarded.Any(f => f.ReturnsHostString || f.ReturnsHostStringIf || f.HostStringFields.Count > 0)) EmitIntern(w);
        if (forwarded.Any(f => f.FastWhenSentinel)) EmitSentinel(w);
        if (forwarded.Any(f => f.GuestNaN && GuestNanEmitter.Applies(f))) GuestNanEmitter.EmitHelpers(w);
        if (spec.HostSources.Count > 0) HostSourceEmitter.GuestLookup(w);
        HostEquivalentEmitter.State(w, spec);
        CallbackEmitter.GuestInvokers(w, plan.Signatures);
        GuestFallbackEmitter.Emit(w, spec, plan, guestTriple);
        if (spec.GuestInit != null) w.Line($"#include \"{spec.GuestInit}\"").Line();
        GuestLoaderEmitter.Emit(w, spec, plan, defaultHostDir);
        foreach (string src in plan.StubSources ?? []) w.Line($"#include \"{src}\"").Line();
        HostObjectEmitter.GuestProxies(w, plan, spec.DeferredCallbacks.Count > 0);
        foreach (var f in plan.Functions)
        {
            switch (f.Kind)
            {
                case FunctionKind.Forwarded: EmitForwarded(w, spec, plan, f); break;
                case FunctionKind.Unavailable: EmitUnavailable(w, spec, f); break;
                case FunctionKind.GuestOverride: w.Line($"#include \"{f.Override}\"").Line(); break;
            }
        }
        CompatVersionEmitter.Emit(w, plan);
        return w.ToString();
    }

    // template: static dlcall_fn dlcall__thunk[N]; static const char *const dlcall__thunk_name[N] = { "dlcall_thunk_deflate", ... };
    private static void EmitState(CWriter w, List<string> thunks)
    {
        w.Line("static struct dlcall_host_runtime dlcall__rt;");
        w.Line($"static dlcall_fn dlcall__thunk[{Math.Max(thunks.Count, 1)}];");
        w.Line($"static const char *const dlcall__thunk_name[{Math.Max(thunks.Count, 1)}] = {{");
        foreach (var name in thunks) w.Line($"    \"{name}\",");
        if (thunks.Count == 0) w.Line("    NULL,");
        w.Line("};").Line();
    }

    // template: static inline int dlcall__sentinel(uintptr_t p) { return p + 4096 < 8192; }
    private static void EmitSentinel(CWriter w)
    {
        w.Line("/* NULL, (T)-1 and other values within a page of 0 are markers (SQLITE_TRANSIENT), never code. */");
        w.Line("static inline int dlcall__sentinel(uintptr_t p) { return p + 4096 < 8192; }");
        w.Line();
    }

    // template: static const char *dlcall__intern(const char *host) -> a guest copy, one per distinct text
    private static void EmitIntern(CWriter w)
    {
        w.Line("/*");
        w.Line(" * Strings the host library returns or stores live in host memory, which guest libc");
        w.Line(" * may read with instructions QEMU refuses there (aarch64 SVE): hand out guest copies,");
        w.Line(" * one per distinct text, kept for the life of the process like the originals.");
        w.Line(" */");
        w.Line("static pthread_mutex_t dlcall__intern_lock = PTHREAD_MUTEX_INITIALIZER;");
        w.Line("static char **dlcall__interned;");
        w.Line("static size_t dlcall__n_interned;");
        w.Line();
        w.Function("static const char *dlcall__intern(const char *host)", () =>
        {
            w.Line("char buf[1024];");
            w.Line("char *copy = NULL;");
            w.Line();
            w.Line("if (host == NULL) {").Line("    return NULL;").Line("}");
            w.Line("dlcall_copy_host_string(buf, host, sizeof(buf));");
            w.Line("pthread_mutex_lock(&dlcall__intern_lock);");
            w.Block("for (size_t i = 0; i < dlcall__n_interned && !copy; i++)", () =>
                w.Line("copy = strcmp(dlcall__interned[i], buf) == 0 ? dlcall__interned[i] : NULL;"));
            w.Block("if (!copy)", () =>
            {
                w.Line("char **grown = realloc(dlcall__interned, (dlcall__n_interned + 1) * sizeof(char *));");
                w.Block("if (grown && (copy = strdup(buf)))", () =>
                {
                    w.Line("dlcall__interned = grown;");
                    w.Line("dlcall__interned[dlcall__n_interned++] = copy;");
                });
            });
            w.Line("pthread_mutex_unlock(&dlcall__intern_lock);");
            w.Line("return copy ? copy : \"(dlcall: out of memory)\";");
        });
    }

    // template: uLong (crc32)(uLong crc, const Bytef *buf, uInt len)
    //           { struct dlcall_args_crc32 a = { .p0 = crc, ... }; uLong r; dlcall_invoke_fast(dlcall__thunk[3], &a, &r); return r; }
    // Calls that may run guest callbacks need the syscall path's stack switching (dlcall_call_host).
    private static void EmitForwarded(CWriter w, LibrarySpec spec, BoundaryPlan plan, BoundaryFunction f)
    {
        var d = f.Decl;
        bool hasRet = d.Return is not VoidType;
        // A fixed form is a static helper for overrides: "static int (dlcall_fixed_f)(int a)".
        string proto = f.FixedForm ? "static " + CDecl.Prototype(d with { Name = f.StubName }) : CDecl.Prototype(d);
        w.Function(proto, () =>
        {
            CallbackCopyEmitter.GuestNullDefaults(w, f);
            string init = d.Params.Count == 0 ? "0" : string.Join(", ", d.Params.Select((p, i) => $".p{i} = {p.Name}"));
            w.Line($"{f.ArgsStruct} a = {{ {init} }};");
            // An out-only string field may hold anything before the call (inflateCopy's fresh dest):
            // its old value tells afterwards whether the call wrote it.
            for (int j = 0; j < f.HostStringFields.Count; j++)
            {
                var sf = f.HostStringFields[j];
                if (sf.OutOnly) w.Line($"__typeof__({sf.Param.Name}->{sf.Field}) dlcall_old{j} = {sf.Param.Name} != NULL ? {sf.Param.Name}->{sf.Field} : NULL;");
            }
            bool plainFast = !f.MayCallBack && !f.FastWhenSentinel && !f.ChoosesPathPerCall;
            if (f.RoundingGuard && !plainFast) GuestFallbackEmitter.EmitRoundingGuard(w, f);
            if (hasRet) w.Line(CDecl.Declare(d.Return, "r") + ";");
            string retPtr = hasRet ? "&r" : "NULL";
            if (f.MayCallBack)
            {
                w.Line("struct dlcall_frame frame = {");
                w.Line($"    .thunk = (uint64_t)(uintptr_t)dlcall__thunk[{f.ThunkIndex}],");
                w.Line("    .args = (uint64_t)(uintptr_t)&a,");
                w.Line($"    .ret = (uint64_t)(uintptr_t){retPtr},");
                w.Line("};");
            }
            w.Line();
            HostObjectEmitter.BeforeCall(w, plan, d);
            if (spec.HostEquivalents.Count > 0)
            {
                // template: a.p4 = (void (*)(void *))dlcall__equiv_of((void *)a.p4);
                foreach (var (p, _) in f.CallbackParams)
                {
                    int i = ArgsStructEmitter.IndexOf(d, p);
                    w.Line($"a.p{i} = ({p.Type.Spelling})dlcall__equiv_of((void *)a.p{i});");
                }
            }
            // A callback passed directly to a call that takes or makes an object that keeps callbacks
            // (expat's XML_SetElementHandler(parser, start, end), pcre2_general_context_create(malloc,
            // free, data)) is run by later calls on the object (XML_Parse, pcre2_compile): those
            // must take the callback path too.
            if (f.CallbackParams.Count > 0 && (f.UsesRetainedCallbacks || MakesRetaining(spec, d)))
            {
                // template: if (a.p1 != NULL || a.p2 != NULL) { __atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED); }
                string passed = string.Join(" || ", f.CallbackParams.Select(c => $"a.p{ArgsStructEmitter.IndexOf(d, c.Param)} != NULL"));
                w.Block($"if ({passed})", () => w.Line("__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);"));
            }
            string fast = $"dlcall_invoke_fast(dlcall__thunk[{f.ThunkIndex}], &a, {retPtr});";
            if (f.FastWhenSentinel)
            {
                // template: if (dlcall__sentinel((uintptr_t)a.p4)) { fast } else { dlcall_call_host(...); }
                string test = spec.HostEquivalents.Count > 0 ? "dlcall__fast_cb" : "dlcall__sentinel";
                string cond = string.Join(" && ", f.CallbackParams.Select(c => $"{test}((uintptr_t)a.p{ArgsStructEmitter.IndexOf(d, c.Param)})"));
                w.Line($"if ({cond}) {{").Line("    " + fast).Line("} else {");
                w.Line("    dlcall_call_host(&dlcall__rt, &frame);").Line("}");
            }
            else if (f.ChoosesPathPerCall)
            {
                CallbackCopyEmitter.GuestPathChoice(w, spec, f, fast);
            }
            else
            {
                if (f.MayCallBack) w.Line("dlcall_call_host(&dlcall__rt, &frame);");
                else if (f.RoundingGuard) GuestFallbackEmitter.EmitGuardedFastCall(w, f, retPtr);
                else w.Line(fast);
            }
            EmitResultFixups(w, f);
            for (int j = 0; j < f.HostStringFields.Count; j++)
            {
                var sf = f.HostStringFields[j];
                if (f.Frees(sf.Param)) continue;
                string p = d.Params[ArgsStructEmitter.IndexOf(f.Decl, sf.Param)].Name;
                string changed = sf.OutOnly ? $" && {p}->{sf.Field} != dlcall_old{j}" : "";
                w.Block($"if ({p} != NULL && {p}->{sf.Field} != NULL{changed})", () =>
                    w.Line($"{p}->{sf.Field} = (char *)dlcall__intern({p}->{sf.Field});"));
            }
            HostObjectEmitter.AfterCall(w, plan, d);
            if (f.ReturnsHostString) w.Line($"r = ({d.Return.Spelling})dlcall__intern(r);");
            if (f.ReturnsHostStringIf)
                w.Block($"if ({spec.HostStringTest}(r))", () => w.Line($"r = ({d.Return.Spelling})dlcall__intern((const char *)r);"));
            if (hasRet) w.Line("return r;");
        });
    }

    /// <summary>The function returns a pointer to an object of a spec retainsCallbacks type.</summary>
    private static bool MakesRetaining(LibrarySpec spec, FunctionDecl d) =>
        d.Return is PointerType { Pointee: RecordType rt } && spec.RetainsCallbacks.Contains(rt.Tag);

    // template: if (__builtin_expect((a.dlcall_errno | dlcall__isnan(r)) != 0, 0)) { errno = a.dlcall_errno (if set); NaN fix-up }
    // Library functions set errno, never clear it: the guest's changes only when the host's did,
    // which keeps __errno_location (two indirect branches under QEMU) off the path. The rare
    // cases share one test: QEMU ends a translation block at each conditional branch.
    private static void EmitResultFixups(CWriter w, BoundaryFunction f)
    {
        bool nanReturn = f.GuestNaN && GuestNanEmitter.ReturnApplies(f);
        void Fixups()
        {
            if (f.SetsErrno) w.Block("if (a.dlcall_errno != 0)", () => w.Line("errno = a.dlcall_errno;"));
            if (nanReturn) GuestNanEmitter.EmitReturn(w, f);
        }
        if (f.SetsErrno && nanReturn)
            w.Block($"if (__builtin_expect((a.dlcall_errno | {GuestNanEmitter.ReturnTest(f)}) != 0, 0))", Fixups);
        else
            Fixups();
        if (f.GuestNaN) GuestNanEmitter.EmitOuts(w, f);
    }

    // template: int (gzprintf)(gzFile file, const char *format, ...) { dlcall__unavailable("gzprintf", "variadic"); }
    private static void EmitUnavailable(CWriter w, LibrarySpec spec, BoundaryFunction f)
    {
        w.Function(CDecl.Prototype(f.Decl), () =>
        {
            foreach (var p in f.Decl.Params) w.Line($"(void){p.Name};");
            w.Line($"fprintf(stderr, \"dlcall: {spec.Soname}: {f.Decl.Name} is not available through dlcall ({f.Reason?.Replace("\"", "'")})\\n\");");
            w.Line("abort();");
        });
    }
}
