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
    public static string Emit(LibrarySpec spec, BoundaryPlan plan, string defaultHostDir)
    {
        var w = new CWriter();
        var forwarded = plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        ArgsStructEmitter.Prelude(w, $"Guest stub for {spec.Soname}.", spec.Defines, spec.Headers, ["<pthread.h>", "<dlcall/thunk.h>"]);
        ArgsStructEmitter.Emit(w, forwarded);
        EmitState(w, forwarded);
        if (forwarded.Any(f => f.ReturnsHostString || f.HostStringFields.Count > 0)) EmitIntern(w);
        CallbackEmitter.GuestInvokers(w, plan.Signatures);
        GuestLoaderEmitter.Emit(w, spec, plan, defaultHostDir);
        foreach (var f in plan.Functions)
        {
            switch (f.Kind)
            {
                case FunctionKind.Forwarded: EmitForwarded(w, f); break;
                case FunctionKind.Unavailable: EmitUnavailable(w, spec, f); break;
                case FunctionKind.GuestOverride: w.Line($"#include \"{f.Override}\"").Line(); break;
            }
        }
        return w.ToString();
    }

    // template: static dlcall_fn dlcall__thunk[N]; static const char *const dlcall__thunk_name[N] = { "dlcall_thunk_deflate", ... };
    private static void EmitState(CWriter w, List<BoundaryFunction> forwarded)
    {
        w.Line("static struct dlcall_host_runtime dlcall__rt;");
        w.Line($"static dlcall_fn dlcall__thunk[{Math.Max(forwarded.Count, 1)}];");
        w.Line($"static const char *const dlcall__thunk_name[{Math.Max(forwarded.Count, 1)}] = {{");
        foreach (var f in forwarded) w.Line($"    \"{f.ThunkName}\",");
        if (forwarded.Count == 0) w.Line("    NULL,");
        w.Line("};").Line();
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
    private static void EmitForwarded(CWriter w, BoundaryFunction f)
    {
        var d = ParamNames.Safe(f.Decl);
        bool hasRet = d.Return is not VoidType;
        // A fixed form is a static helper for overrides: "static int (dlcall_fixed_f)(int a)".
        string proto = f.FixedForm ? "static " + CDecl.Prototype(d with { Name = f.StubName }) : CDecl.Prototype(d);
        w.Function(proto, () =>
        {
            string init = d.Params.Count == 0 ? "0" : string.Join(", ", d.Params.Select((p, i) => $".p{i} = {p.Name}"));
            w.Line($"{f.ArgsStruct} a = {{ {init} }};");
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
            if (f.SetsErrno) w.Line("a.dlcall_errno = errno;");
            w.Line(f.MayCallBack ? "dlcall_call_host(&dlcall__rt, &frame);" : $"dlcall_invoke_fast(dlcall__thunk[{f.ThunkIndex}], &a, {retPtr});");
            if (f.SetsErrno) w.Line("errno = a.dlcall_errno;");
            foreach (var sf in f.HostStringFields)
            {
                string p = d.Params[ArgsStructEmitter.IndexOf(f.Decl, sf.Param)].Name;
                w.Block($"if ({p} != NULL && {p}->{sf.Field} != NULL)", () =>
                    w.Line($"{p}->{sf.Field} = (char *)dlcall__intern({p}->{sf.Field});"));
            }
            if (f.ReturnsHostString) w.Line($"r = ({d.Return.Spelling})dlcall__intern(r);");
            if (hasRet) w.Line("return r;");
        });
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
