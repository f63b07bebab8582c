// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

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
        var forwarded = plan.Functions.Where(f => f.Kind == FunctionKind.Forwarded).ToList();
        var persistent = PersistentRecordEmitter.Used(plan);
        bool copies = plan.Functions.Any(f => f.Copies.Any(c => c.Kind != CallbackCopyKind.ByValue));
        ArgsStructEmitter.Prelude(w, $"Host thunks for {spec.Soname}.", spec.Defines, spec.Headers,
            ["<dlfcn.h>", "\"dlcall_host.h\"", .. copies || persistent.Count > 0 ? new[] { "<pthread.h>" } : []]);
        ArgsStructEmitter.Emit(w, forwarded);
        HostObjectEmitter.ArgsStructs(w, plan);
        if (plan.Signatures.Count > 0) EmitCallbackSupport(w, spec, plan);
        CallbackCopyEmitter.HostSupport(w, spec, plan);
        foreach (var p in persistent) PersistentRecordEmitter.Emit(w, spec.Library, p);
        foreach (var f in forwarded) EmitThunk(w, spec, f);
        HostObjectEmitter.HostThunks(w, plan);
        HostSourceEmitter.HostIncludes(w, spec);
        return w.ToString() + plan.Annotations.Host;
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
        CallbackEmitter.HostEntries(w, plan.Signatures);
        w.Line("/* Host functions already seen (dladdr is slow): a small lock-free cache. */");
        w.Line("static void *dlcall__host_fn_cache[8];");
        w.Line("static unsigned dlcall__host_fn_next;");
        w.Line();
        // template: static void *dlcall__wrap(void *fn, int sig, const char *what) -> fn itself for host code, else a trampoline
        w.Function("static void *dlcall__wrap(void *fn, int sig, const char *what)", () =>
        {
            w.Line("Dl_info info;");
            w.Line();
            w.Block("if (fn == NULL || dlcall_rt_guest_fn(fn) != (uint64_t)(uintptr_t)fn)", () => w.Line("return fn; /* NULL, or already a trampoline */"));
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
        w.Function($"void {f.ThunkName}(void *args, void *ret)", () =>
        {
            w.Line($"{f.ArgsStruct} *a = args;");
            for (int k = 0; k < f.CallbackFieldParams.Count; k++)
            {
                var fp = f.CallbackFieldParams[k];
                if (fp.Persistent) continue;
                w.Line($"{fp.Record.CName} *r{k} = ({fp.Record.CName} *)a->p{ArgsStructEmitter.IndexOf(d, fp.Param)};");
            }
            // An out-only field may hold anything before the call: kept as it was, to tell afterwards
            // whether the call wrote it.
            EachField(f, (k, fp, cf, type) =>
            {
                if (cf.OutOnly) w.Line($"{type} {OldValue(k, cf)} = r{k} != NULL ? r{k}->{cf.Field} : NULL;");
            });
            CallbackCopyEmitter.HostDeclarations(w, f);
            w.Line();
            if (d.Return is VoidType) w.Line("(void)ret;");
            foreach (var (p, sig) in f.CallbackParams)
            {
                int i = ArgsStructEmitter.IndexOf(d, p);
                w.Line($"a->p{i} = ({p.Type.Spelling})dlcall__wrap((void *)a->p{i}, {sig}, \"{spec.Library}: {d.Name}({p.Name})\");");
            }
            foreach (var fp in f.CallbackFieldParams.Where(fp => fp.Persistent))
            {
                int i = ArgsStructEmitter.IndexOf(d, fp.Param);
                w.Line($"a->p{i} = ({fp.Param.Type.Spelling}){PersistentRecordEmitter.FunctionName(fp.Record)}(a->p{i});");
            }
            EmitFieldSwap(w, f, inbound: true, (fp, cf, field, type) =>
                $"{field} = ({type})dlcall__wrap((void *){field}, {cf.SignatureId}, \"{spec.Library}: {fp.Record.CName}.{cf.Field}\");");
            CallbackCopyEmitter.HostBefore(w, f);
            if (f.SetsErrno) w.Line("errno = 0;");
            string call = $"({d.Name})({string.Join(", ", d.Params.Select((_, i) => $"a->p{i}"))})";
            // A returned function pointer that is one of our trampolines goes back as the guest's function.
            if (d.Return is FunctionPointerType)
                w.Line($"*(uintptr_t *)ret = (uintptr_t)dlcall_rt_guest_fn((const void *){call});");
            else
                w.Line(d.Return is VoidType ? call + ";" : $"*({d.Return.Spelling} *)ret = {call};");
            if (f.SetsErrno) w.Line("a->dlcall_errno = errno;");
            CallbackCopyEmitter.HostAfter(w, f);
            // The guest sees its own functions again, not our trampolines.
            EmitFieldSwap(w, f, inbound: false, (_, _, field, type) => $"{field} = ({type})(uintptr_t)dlcall_rt_guest_fn((const void *){field});");
        });
    }

    /// <summary>Local holding an out-only field's value from before the call.</summary>
    private static string OldValue(int k, CallbackField cf) => $"old{k}_{cf.Field}";

    private static void EachField(BoundaryFunction f, Action<int, CallbackFieldParam, CallbackField, string> action)
    {
        for (int k = 0; k < f.CallbackFieldParams.Count; k++)
        {
            var fp = f.CallbackFieldParams[k];
            if (fp.Persistent) continue;
            foreach (var cf in fp.Fields) action(k, fp, cf, fp.Record.Fields.First(x => x.Name == cf.Field).Type.Spelling);
        }
    }

    // template: if (r0 != NULL) { r0->zalloc = <expr>; r0->zfree = <expr>; }
    // Inbound, out-only fields are left alone (the function never reads them; they may be garbage:
    // inflateCopy's fresh dest); outbound, one is translated only when the call changed it, so a
    // failed call leaves the guest's bytes as they were. A value the call wrote that equals the old
    // one needs no translation either way: the guest never holds trampolines.
    private static void EmitFieldSwap(CWriter w, BoundaryFunction f, bool inbound, Func<CallbackFieldParam, CallbackField, string, string, string> line)
    {
        for (int k = 0; k < f.CallbackFieldParams.Count; k++)
        {
            var fp = f.CallbackFieldParams[k];
            var fields = fp.Fields.Where(cf => !inbound || !cf.OutOnly).ToList();
            // A struct the call freed is no longer the guest's to write (NCONF_free).
            if (fp.Persistent || fields.Count == 0 || (!inbound && f.Frees(fp.Param))) continue;
            w.Block($"if (r{k} != NULL)", () =>
            {
                foreach (var cf in fields)
                {
                    string field = $"r{k}->{cf.Field}";
                    string text = line(fp, cf, field, fp.Record.Fields.First(x => x.Name == cf.Field).Type.Spelling);
                    if (cf.OutOnly) w.Block($"if ({field} != {OldValue(k, cf)})", () => w.Line(text));
                    else w.Line(text);
                }
            });
        }
    }
}
