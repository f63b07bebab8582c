// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec defaultRoundingOnly (with fallbackToGuest): once a rounding-mode setter ran, a call made
/// outside round-to-nearest goes to the real guest function. Reading the rounding mode costs a
/// QEMU helper call (a register-table lookup); until a setter ran, one load decides.
/// </summary>
public sealed record RoundingGuard : Strategy
{
    public static Strategy? For(StrategyInput i) => i.Spec.DefaultRoundingOnly && i.Spec.FallbackToGuest ? new RoundingGuard() : null;

    // template: if (__builtin_expect(dlcall__rounding_touched, 0) && !dlcall_arch_round_to_nearest() && dlcall__real[3])
    //               return ((double (*)(double))dlcall__real[3])(x);
    // On the fast path the guard is part of the call (below); other paths test it up front.
    internal override void GuestLocals(StubContext c)
    {
        if (c.F.Path == CallPath.Fast) return;
        c.W.Line();
        c.W.Block($"if (__builtin_expect(dlcall__rounding_touched, 0) && !dlcall_arch_round_to_nearest() && dlcall__real[{c.F.ThunkIndex}] != NULL)",
            () => EmitRealCall(c));
    }

    // template: if (__builtin_expect(dlcall_invoke_fast_unless(dlcall__rounding_touched, dlcall__thunk[3], &a, &r) == DLCALL_FAST_DECLINED, 0)) {
    //               if (!dlcall_arch_round_to_nearest() && dlcall__real[3] != NULL) return ((double (*)(double))dlcall__real[3])(x);
    //               dlcall_invoke_fast_cold(dlcall__thunk[3], &a, &r); }
    // The guard tested in the fast path's own branch of rare cases.
    internal override bool GuestCall(StubContext c)
    {
        if (c.F.Path != CallPath.Fast) return false;
        c.W.Block($"if (__builtin_expect(dlcall_invoke_fast_unless(dlcall__rounding_touched, {c.Thunk}, &a, {c.RetPtr}) == DLCALL_FAST_DECLINED, 0))", () =>
        {
            c.W.Block($"if (!dlcall_arch_round_to_nearest() && dlcall__real[{c.F.ThunkIndex}] != NULL)", () => EmitRealCall(c));
            c.W.Line($"dlcall_invoke_fast_cold({c.Thunk}, &a, {c.RetPtr});");
        });
        return true;
    }

    // template: return ((double (*)(double))dlcall__real[3])(x);
    private static void EmitRealCall(StubContext c)
    {
        var d = c.D;
        string type = CDecl.Declare(d.Return, "(*)(" + (d.Params.Count == 0 ? "void" : string.Join(", ", d.Params.Select(p => p.Type.Spelling))) + ")");
        string call = $"(({type})dlcall__real[{c.F.ThunkIndex}])({string.Join(", ", d.Params.Select(p => p.Name))})";
        if (d.Return is VoidType) c.W.Line(call + ";").Line("return;");
        else c.W.Line($"return {call};");
    }
}
