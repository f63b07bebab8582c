// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec returnsHostStringIf with hostStringTest: the result may point into the host library's
/// static data, and the guest predicate from guestInit says when to hand out an interned copy.
/// </summary>
public sealed record HostStringResultIf : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        i.Spec.HostStringTest != null && NamePatterns.Matches(i.Spec.ReturnsHostStringIf, i.Decl.Name) ? new HostStringResultIf() : null;

    // template: if (dlcall_sqlite3_is_static(r)) { r = (const char *)dlcall__intern((const char *)r); }
    internal override void GuestAfterCall(StubContext c) =>
        c.W.Block($"if ({c.Spec.HostStringTest}(r))", () => c.W.Line($"r = ({c.D.Return.Spelling})dlcall__intern((const char *)r);"));
}
