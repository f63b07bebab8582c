// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// Structs of guest callbacks the thunk cannot wrap in place (<see cref="CallbackCopy"/>): by value,
/// behind a const pointer, in a pointer field. The library gets host copies with trampolines
/// (<see cref="CallbackCopyEmitter"/> writes the shared copy cache); whether guest code may run is
/// known only from the arguments, so the stub picks the path per call.
/// </summary>
public sealed record CallbackCopies(IReadOnlyList<CallbackCopy> Copies) : Strategy
{
    public static Strategy? For(StrategyInput i)
    {
        if (i.Spec.HostHooksFor(i.Decl.Name) is not null) return null; // the hooks own those structs
        var found = CallbackCopyPlanner.Plan(i.Decl, i.Headers, i.SignatureOf, i.Spec.PersistentRecords.ToHashSet(), i.OutOnly,
            i.Spec.StateRecords.ToHashSet());
        return found.Count > 0 ? new CallbackCopies(found) : null;
    }

    public override CallPath Path => CallPath.PerCall;

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath() || ChoosePathPerCall(c);

    // template: const lzma_allocator * s0 = a->p0 != NULL ? a->p0->allocator : NULL;
    internal override void HostLocals(ThunkContext c)
    {
        for (int k = 0; k < Copies.Count; k++)
        {
            var cp = Copies[k];
            if (cp.Kind == CallbackCopyKind.PointerField)
                c.W.Line(CDecl.Declare(cp.Field!.Type, $"s{k}") + $" = {c.Arg(cp.Param)} != NULL ? {c.Arg(cp.Param)}->{cp.Field.Name} : NULL;");
        }
    }

    // template: dlcall__wrap_fields_ZSTD_customMem(&a->p0);  a->p1 = dlcall__host_copy(a->p1, sizeof(*a->p1), ...);
    internal override void HostBefore(ThunkContext c)
    {
        for (int k = 0; k < Copies.Count; k++)
        {
            var cp = Copies[k];
            string p = c.Arg(cp.Param), wrap = CallbackCopyEmitter.WrapFields(cp.Record);
            int n = k;
            switch (cp.Kind)
            {
                case CallbackCopyKind.ByValue:
                    c.W.Line($"{wrap}(&{p});");
                    break;
                case CallbackCopyKind.ConstPointer:
                    c.W.Block($"if ({p} != NULL)", () => c.W.Line($"{p} = dlcall__host_copy({p}, sizeof(*{p}), {wrap});"));
                    break;
                default:
                    c.W.Block($"if (s{n} != NULL)", () => c.W.Line($"{p}->{cp.Field!.Name} = dlcall__host_copy(s{n}, sizeof(*s{n}), {wrap});"));
                    break;
            }
        }
    }

    // template: if (s0 != NULL) { a->p0->allocator = s0; }
    internal override void HostAfter(ThunkContext c)
    {
        for (int k = 0; k < Copies.Count; k++)
        {
            var cp = Copies[k];
            // A struct the call freed (NCONF_free) is no longer there to point back.
            if (cp.Kind != CallbackCopyKind.PointerField || c.F.Frees(cp.Param)) continue;
            int n = k;
            c.W.Block($"if (s{n} != NULL)", () => c.W.Line($"{c.Arg(cp.Param)}->{cp.Field!.Name} = s{n};"));
        }
    }

    // template: (allocator != NULL && (allocator->alloc != NULL || allocator->free != NULL))
    /// <summary>C condition: this call hands the host a guest callback.</summary>
    private string Carries() => string.Join(" || ", Copies.Select(cp =>
    {
        string p = cp.Param.Name;
        string Any(string s) => "(" + string.Join(" || ", cp.Fields.Select(x => $"{s}{x.Field} != NULL")) + ")";
        return cp.Kind switch
        {
            CallbackCopyKind.ByValue => Any(p + "."),
            CallbackCopyKind.ConstPointer => $"({p} != NULL && {Any(p + "->")})",
            _ => $"({p} != NULL && {p}->{cp.Field!.Name} != NULL && {Any($"{p}->{cp.Field.Name}->")})",
        };
    }));

    // template: if (cb) { __atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED); }
    //           if (cb || __atomic_load_n(&dlcall__retained, __ATOMIC_RELAXED)) { dlcall_call_host(&dlcall__rt, &frame); } else { <fast> }
    /// <summary>The per-call choice, shared with <see cref="RetainedCallbacks"/>: true when it is the function's path.</summary>
    internal static bool ChoosePathPerCall(StubContext c)
    {
        if (c.F.Path != CallPath.PerCall) return false;
        var conditions = new List<string>();
        if (c.F.Get<CallbackCopies>() is CallbackCopies copies)
        {
            c.W.Line($"int cb = {copies.Carries()};");
            c.W.Line();
            if (c.Spec.RetainsCallbacks.Count > 0)
                c.W.Block("if (cb)", () => c.W.Line("__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);"));
            conditions.Add("cb");
        }
        if (c.F.UsesRetainedCallbacks) conditions.Add("__atomic_load_n(&dlcall__retained, __ATOMIC_RELAXED)");
        c.W.Line($"if ({string.Join(" || ", conditions)}) {{");
        c.W.Line("    dlcall_call_host(&dlcall__rt, &frame);");
        c.W.Line("} else {");
        c.W.Line("    " + c.FastCall);
        c.W.Line("}");
        return true;
    }
}
