// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Emit;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec guestNaN: a NaN result or floating out-parameter the host made from non-NaN arguments
/// gets the guest ISA's default NaN (<see cref="GuestNanEmitter"/>).
/// </summary>
public sealed record GuestNaN : Strategy
{
    public static Strategy? For(StrategyInput i) => i.Spec.GuestNaN && GuestNanEmitter.Applies(i.Decl) ? new GuestNaN() : null;

    internal override string? GuestRareTest(StubContext c) => GuestNanEmitter.ReturnApplies(c.D) ? GuestNanEmitter.ReturnTest(c.D) : null;

    internal override void GuestRare(StubContext c) => GuestNanEmitter.EmitReturn(c.W, c.D);

    internal override void GuestAfterCall(StubContext c) => GuestNanEmitter.EmitOuts(c.W, c.D);
}
