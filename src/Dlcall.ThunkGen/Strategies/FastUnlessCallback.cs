// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec fastPath (with deferredCallbacks): a function that never runs a kept callback but takes
/// callback parameters (a destructor) stays on the fast path when every callback argument is a
/// marker (NULL, <c>SQLITE_TRANSIENT</c> = <c>(T)-1</c>) or, with hostEquivalents, a host function.
/// </summary>
public sealed record FastUnlessCallback : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        NamePatterns.Matches(i.Spec.DeferredCallbacks, i.Decl.Name) && NamePatterns.Matches(i.Spec.FastPath, i.Decl.Name)
        && i.Get<CallbackParams>() != null && i.Get<CallbackFields>() == null ? new FastUnlessCallback() : null;

    public override CallPath Path => CallPath.FastUnlessCallback;

    // template: if (dlcall__sentinel((uintptr_t)a.p4)) { <fast> } else { dlcall_call_host(&dlcall__rt, &frame); }
    internal override bool GuestCall(StubContext c)
    {
        string test = c.Spec.HostEquivalents.Count > 0 ? "dlcall__fast_cb" : "dlcall__sentinel";
        string cond = string.Join(" && ", c.F.CallbackParams.Select(p => $"{test}((uintptr_t)a.p{c.IndexOf(p.Param)})"));
        c.W.Line($"if ({cond}) {{").Line("    " + c.FastCall).Line("} else {");
        c.W.Line("    dlcall_call_host(&dlcall__rt, &frame);").Line("}");
        return true;
    }

    // template: static inline int dlcall__sentinel(uintptr_t p) { return p + 4096 < 8192; }
    /// <summary>The stub's marker test, once per stub.</summary>
    internal static void EmitSentinel(CWriter w)
    {
        w.Line("/* NULL, (T)-1 and other values within a page of 0 are markers (SQLITE_TRANSIENT), never code. */");
        w.Line("static inline int dlcall__sentinel(uintptr_t p) { return p + 4096 < 8192; }");
        w.Line();
    }
}
