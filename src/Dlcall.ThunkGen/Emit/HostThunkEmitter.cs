// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// The host thunk library's C source: per forwarded function a <c>void thunk(void *args, void *ret)</c>
/// that unpacks the argument block, swaps guest callbacks for trampolines, makes the real call
/// and puts everything back.
/// </summary>
internal static class HostThunkEmitter
{
    public static string Emit(LibrarySpec spec, BoundaryPlan plan)
    {
        var w = new CWriter();
        var forwarded = plan.HostFunctions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        var persistent = PersistentRecordEmitter.Used(forwarded);
        OverrideUnits.Prelude(w, OverrideUnits.HostUnits(spec).Count > 0, OverrideUnits.HostHeader, $"Host thunks for {spec.Soname}.", spec,
            PreludeIncludes(spec, plan));
        ArgsStructEmitter.Emit(w, forwarded);
        HostObjectEmitter.ArgsStructs(w, plan);
        HostEquivalentEmitter.Host(w, spec);
        if (plan.Signatures.Count > 0) EmitCallbackSupport(w, spec, plan);
        CallbackCopyEmitter.HostSupport(w, spec, forwarded);
        foreach (var p in persistent) PersistentRecordEmitter.Emit(w, spec.Library, p);
        foreach (var f in forwarded) EmitThunk(w, spec, f);
        HostObjectEmitter.HostThunks(w, plan);
        EmitLookup(w);
        ThunkTableEmitter.Host(w, plan, forwarded.Select(f => f.ThunkName).Concat(HostObjectEmitter.Methods(plan).Select(m => m.ThunkName)).ToHashSet());
        HostSourceEmitter.HostIncludes(w, spec);
        return w.ToString() + plan.Annotations.Host;
    }

    /// <summary>What the thunk source's prelude includes after the library's headers (and so does dlcall_thunks.h).</summary>
    public static string[] PreludeIncludes(LibrarySpec spec, BoundaryPlan plan)
    {
        var forwarded = plan.HostFunctions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        bool copies = forwarded.Any(f => f.Copies.Any(c => c.Kind != CallbackCopyKind.ByValue));
        return ["<dlfcn.h>", "\"dlcall_host.h\"", .. copies || PersistentRecordEmitter.Used(forwarded).Count > 0 ? new[] { "<pthread.h>" } : []];
    }

    /// <summary>The host function the stub's constructor resolves its thunks with.</summary>
    public const string LookupName = "dlcall_thunk_lookup";

    // template: void dlcall_thunk_lookup(void *args, void *ret) { out[i] = dlsym(this library, names[i]) for i < count }
    // One request for every thunk address the stub needs: one GET_PROC_ADDRESS each cost libm's
    // stub 438 requests (~1.7 ms) of every start-up. The names are the stub's own table (guest
    // memory, readable as is); a name this library lacks answers 0, and the stub reports it.
    private static void EmitLookup(CWriter w)
    {
        w.Function($"void {LookupName}(void *args, void *ret)", () =>
        {
            w.Line("const struct { uint64_t count; uint64_t names; uint64_t out; } *a = args;");
            w.Line("const char *const *names = (const char *const *)(uintptr_t)a->names;");
            w.Line("uint64_t *out = (uint64_t *)(uintptr_t)a->out;");
            w.Line("Dl_info info;");
            w.Line($"void *self = dladdr((void *){LookupName}, &info) ? dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD) : NULL;");
            w.Line();
            w.Line("(void)ret;");
            w.Block("for (uint64_t i = 0; i < a->count; i++)", () =>
                w.Line("out[i] = self && names[i] ? (uint64_t)(uintptr_t)dlsym(self, names[i]) : 0;"));
            w.Block("if (self)", () => w.Line("dlclose(self);"));
        });
    }

    private static void EmitCallbackSupport(CWriter w, LibrarySpec spec, BoundaryPlan plan)
    {
        int n = plan.Signatures.Count;
        w.Line($"/* Guest invoker per callback signature, handed over by the stub at load. */");
        w.Line($"static uint64_t dlcall__invoker[{n}];");
        w.Line();
        // template: void dlcall_register_invokers(void *args, void *ret) { copy count addresses }
        w.Function("void dlcall_register_invokers(void *args, void *ret)", () =>
        {
            w.Line("const uint64_t *in = args;");
            w.Line();
            w.Line("(void)ret;");
            w.Block($"for (uint64_t i = 0; i < in[0] && i < {n}; i++)", () => w.Line("dlcall__invoker[i] = in[1 + i];"));
        });
        CallbackEmitter.HostEntries(w, spec.Library, plan.Signatures);
        w.Line("/* Host functions already seen (dladdr is slow): a small lock-free cache. */");
        w.Line("static void *dlcall__host_fn_cache[8];");
        w.Line("static unsigned dlcall__host_fn_next;");
        w.Line();
        // template: static void *dlcall__wrap(void *fn, int sig, const char *what) -> fn itself for host code, else a trampoline
        w.Function("static void *dlcall__wrap(void *fn, int sig, const char *what)", () =>
        {
            w.Line("Dl_info info;");
            if (spec.HostEquivalents.Count > 0) w.Line("void *equiv;");
            w.Line();
            w.Block("if (fn == NULL || dlcall_rt_guest_fn(fn) != (uint64_t)(uintptr_t)fn)", () => w.Line("return fn; /* NULL, or already a trampoline */"));
            // A stub function standing for the library's own (a SAX2 handler the guest read from a
            // parser context): the host function, no round trip (spec hostEquivalents).
            if (spec.HostEquivalents.Count > 0)
                w.Block("if ((equiv = dlcall__host_equiv(fn)) != NULL)", () => w.Line("return equiv;"));
            w.Block("for (int i = 0; i < 8; i++)", () =>
                w.Block("if (__atomic_load_n(&dlcall__host_fn_cache[i], __ATOMIC_RELAXED) == fn)", () => w.Line("return fn;")));
            w.Line("/* Host code (the library's own default, say) is in a loaded host object; guest code never is. */");
            w.Block("if (dladdr(fn, &info) != 0)", () =>
            {
                w.Line("__atomic_store_n(&dlcall__host_fn_cache[__atomic_fetch_add(&dlcall__host_fn_next, 1, __ATOMIC_RELAXED) % 8], fn, __ATOMIC_RELAXED);");
                w.Line("return fn;");
            });
            w.Line("return dlcall_rt_trampoline((uint64_t)(uintptr_t)fn, dlcall__invoker[sig], dlcall__entry[sig], what);");
        });
    }

    // template: void dlcall_thunk_deflate(void *args, void *ret) { struct dlcall_args_deflate *a = args; *(int *)ret = (deflate)(a->p0, a->p1); }
    private static void EmitThunk(CWriter w, LibrarySpec spec, BoundaryFunction f)
    {
        var d = f.Decl;
        var c = new ThunkContext(w, spec, f);
        w.Function($"void {f.ThunkName}(void *args, void *ret)", () =>
        {
            w.Line($"{f.ArgsStruct} *a = args;");
            foreach (var s in f.Strategies) s.HostLocals(c);
            w.Line();
            if (d.Return is VoidType) w.Line("(void)ret;");
            foreach (var s in f.Strategies) s.HostBefore(c);
            string callee = f.Strategies.Select(s => s.HostCall(c)).FirstOrDefault(n => n != null) ?? d.Name;
            // A hostCalls expression (parenthesised by HostCallee) is the whole call.
            string call = callee.StartsWith('(') ? callee : $"({callee})({string.Join(", ", d.Params.Select((_, i) => $"a->p{i}"))})";
            // A returned function pointer that is one of our trampolines goes back as the guest's function.
            if (d.Return is FunctionPointerType)
                w.Line($"*(uintptr_t *)ret = (uintptr_t)dlcall_rt_guest_fn((const void *){call});");
            else
                w.Line(d.Return is VoidType ? call + ";" : $"*({d.Return.Spelling} *)ret = {call};");
            foreach (var s in f.Strategies.Reverse()) s.HostAfter(c);
        });
    }
}
