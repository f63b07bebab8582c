// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec retainsCallbacks: the function takes an object that may keep guest callbacks from an
/// earlier call (<c>ZSTD_CCtx_s</c>). Once the guest has handed over a callback, every such call
/// takes the coroutine path.
/// </summary>
public sealed record RetainedCallbacks : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        i.Decl.Params.Any(p => p.Type is PointerType { Pointee: RecordType rt } && i.Spec.RetainsCallbacks.Contains(rt.Tag)) ? new RetainedCallbacks() : null;

    public override CallPath Path => CallPath.PerCall;

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath() || CallbackCopies.ChoosePathPerCall(c);
}
