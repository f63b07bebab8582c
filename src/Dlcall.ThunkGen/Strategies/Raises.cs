// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec raises (docs/Longjmp.md): the host thunk opens a raise point (a host <c>_setjmp</c>) around the
/// real call, innermost of all stages, so every other strategy's host half still runs after a raise
/// (trampolines put back, strings copied). The raise travels in the argument block
/// (<c>dlcall_raised</c>, <c>dlcall_raise_value</c>, <c>dlcall_raise_arg</c>); the stub hands it to the
/// spec's guest function after every other stage, since that function does not return: its longjmp
/// unwinds guest frames only.
/// </summary>
public sealed record Raises(string Guest) : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        i.Spec.Raises is { } r && NamePatterns.Matches(r.Functions, i.Decl.Name)
            ? new Raises(r.Guest)
            : null;

    /// <summary>The argument block's fields, the same text on both sides.</summary>
    internal static readonly string[] ArgsFields =
        ["int dlcall_raised;", "int dlcall_raise_value;", "uint64_t dlcall_raise_arg;"];

    // template: if (__builtin_expect(a.dlcall_raised, 0)) { dlcall_png_raise(a.dlcall_raise_value, a.dlcall_raise_arg); }
    internal override void GuestEpilogue(StubContext c) =>
        c.W.Block("if (__builtin_expect(a.dlcall_raised, 0))", () => c.W.Line($"{Guest}(a.dlcall_raise_value, a.dlcall_raise_arg);"));

    internal override void HostLocals(ThunkContext c) => c.W.Line("struct dlcall_raise_point rp;");

    // template: dlcall_rt_raise_push(&rp); if (_setjmp(rp.jb) == 0) { <the call> }
    internal override void HostBefore(ThunkContext c)
    {
        c.W.Line("dlcall_rt_raise_push(&rp);");
        c.W.Line("if (_setjmp(rp.jb) == 0) {");
    }

    internal override void HostAfter(ThunkContext c)
    {
        c.W.Line("}");
        c.W.Line("dlcall_rt_raise_pop(&rp);");
        c.W.Line("a->dlcall_raised = rp.raised;");
        c.W.Line("a->dlcall_raise_value = rp.value;");
        c.W.Line("a->dlcall_raise_arg = rp.arg;");
    }
}
