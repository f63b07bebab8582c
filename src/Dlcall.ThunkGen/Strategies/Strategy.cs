// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Strategies;

/// <summary>How a forwarded call reaches its host thunk: the highest any of its strategies needs.</summary>
public enum CallPath
{
    /// <summary><c>dlcall_invoke_fast</c>: no guest code can run during the call.</summary>
    Fast,

    /// <summary>Chosen per call from the arguments: copied callback structs may hold only NULLs, and
    /// retained callbacks exist only once the guest handed some over.</summary>
    PerCall,

    /// <summary><c>dlcall_call_host</c>: the host runs on a coroutine stack and may call guest code back.</summary>
    Host,

    /// <summary>Fast unless a callback argument is real guest code (spec fastPath).</summary>
    FastUnlessCallback,
}

/// <summary>
/// One marshalling strategy, like a marshaller of dotnet's LibraryImport generator: the planner
/// attaches it to the functions it applies to (with what it found there), and the emitters call
/// it at each named stage of the guest stub and of the host thunk. A stage a strategy does not
/// override emits nothing. Stages before the call run in <see cref="StrategyTable"/> order,
/// stages after it in reverse: the last to prepare the call is the first to undo.
/// </summary>
public abstract record Strategy
{
    /// <summary>The path this strategy needs; see <see cref="CallPath"/>.</summary>
    public virtual CallPath Path => CallPath.Fast;

    /// <summary>Guest stub, before the argument block is filled (the parameters may change).</summary>
    internal virtual void GuestSetup(StubContext c) { }

    /// <summary>Guest stub, after the argument block: locals and early exits.</summary>
    internal virtual void GuestLocals(StubContext c) { }

    /// <summary>Guest stub, just before the call: argument block rewrites.</summary>
    internal virtual void GuestBeforeCall(StubContext c) { }

    /// <summary>Guest stub: emits the call and returns true when this strategy owns the function's path.</summary>
    internal virtual bool GuestCall(StubContext c) => false;

    /// <summary>Guest stub, after the call: an integer C expression that is non-zero when
    /// <see cref="GuestRare"/> has work, or null. Rare cases of several strategies share one test
    /// (QEMU ends a translation block at each conditional branch).</summary>
    internal virtual string? GuestRareTest(StubContext c) => null;

    /// <summary>Guest stub, after the call: the rare-case fix-up.</summary>
    internal virtual void GuestRare(StubContext c) { }

    /// <summary>Guest stub, after the call and the rare cases.</summary>
    internal virtual void GuestAfterCall(StubContext c) { }

    /// <summary>Guest stub, after every other stage: code that may not return (a raised error's longjmp).</summary>
    internal virtual void GuestEpilogue(StubContext c) { }

    /// <summary>Host thunk: a host function with the real one's signature to call instead, or null.</summary>
    internal virtual string? HostCall(ThunkContext c) => null;

    /// <summary>Host thunk, after the argument block pointer: locals.</summary>
    internal virtual void HostLocals(ThunkContext c) { }

    /// <summary>Host thunk, before the real call.</summary>
    internal virtual void HostBefore(ThunkContext c) { }

    /// <summary>Host thunk, after the real call.</summary>
    internal virtual void HostAfter(ThunkContext c) { }
}
