// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>
/// Libraries that keep guest callbacks (sqlite3_create_function, busy handlers, destructors) call
/// them during later calls whose own parameters have no function pointer. Only the coroutine path
/// can run guest code from inside a host call, so the functions the spec's deferredCallbacks names
/// take it, except the fastPath ones the spec vouches for.
/// </summary>
public static class DeferredCallbackPolicy
{
    /// <summary><paramref name="f"/> with its path decided by <paramref name="spec"/>.</summary>
    public static BoundaryFunction Apply(LibrarySpec spec, BoundaryFunction f)
    {
        if (!NamePatterns.Matches(spec.DeferredCallbacks, f.Decl.Name)) return f;
        if (!NamePatterns.Matches(spec.FastPath, f.Decl.Name)) return f with { CallsBackLater = true };
        // A fast function that takes callbacks (a destructor) may still be handed a guest one.
        return f with { FastWhenSentinel = f.CallbackParams.Count > 0 && f.CallbackFieldParams.Count == 0 };
    }
}
