// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec deferredCallbacks: libraries that keep guest callbacks (sqlite3_create_function, busy
/// handlers, destructors) call them during later calls whose own parameters have no function
/// pointer. Only the coroutine path can run guest code from inside a host call, so the functions
/// it names take it, except the fastPath ones the spec vouches for (<see cref="FastUnlessCallback"/>).
/// </summary>
public sealed record DeferredCallbacks : Strategy
{
    public static Strategy? For(StrategyInput i) =>
        NamePatterns.Matches(i.Spec.DeferredCallbacks, i.Decl.Name) && !NamePatterns.Matches(i.Spec.FastPath, i.Decl.Name) ? new DeferredCallbacks() : null;

    public override CallPath Path => CallPath.Host;

    internal override bool GuestCall(StubContext c) => c.CallHostIfItsPath();
}
