// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>How a guest stub implements an exported function.</summary>
public enum FunctionKind
{
    /// <summary>Packs the arguments and calls its host thunk.</summary>
    Forwarded,

    /// <summary>A hand-written guest definition from the spec's guestOverrides.</summary>
    GuestOverride,

    /// <summary>Cannot be forwarded: the stub aborts with the reason, so binaries still load.</summary>
    Unavailable,

    /// <summary>Cannot be forwarded: the stub jumps to the real guest library's function (spec fallbackToGuest).</summary>
    GuestFallback,
}

/// <summary>One exported function and every marshalling decision about it.</summary>
/// <param name="ThunkIndex">Slot of its host thunk in the stub's table (Forwarded only).</param>
/// <param name="Strategies">The marshalling strategies that apply (Forwarded only), in
/// <see cref="StrategyTable"/> order.</param>
/// <param name="Override">Path of the override C file (GuestOverride only).</param>
/// <param name="FixedForm">A variadic function called with its fixed arguments only: a static
/// dlcall_fixed_NAME in the stub for overrides, not an export.</param>
/// <param name="FreedParams">Parameters whose struct the function frees (spec freedParams): not written after the call.</param>
public sealed record BoundaryFunction(
    FunctionDecl Decl,
    FunctionKind Kind,
    string? Reason,
    int ThunkIndex,
    IReadOnlyList<Strategy> Strategies,
    string? Override = null,
    bool FixedForm = false,
    IReadOnlyList<string>? FreedParams = null)
{
    /// <summary>The strategy of type <typeparamref name="T"/>, or null when it does not apply.</summary>
    public T? Get<T>() where T : Strategy => Strategies.OfType<T>().FirstOrDefault();

    /// <summary>Whether a strategy of type <typeparamref name="T"/> applies.</summary>
    public bool Has<T>() where T : Strategy => Get<T>() != null;

    /// <summary>This function with <paramref name="s"/> added in table order.</summary>
    public BoundaryFunction With(Strategy s) => this with { Strategies = [.. Strategies.Append(s).OrderBy(StrategyTable.Rank)] };

    /// <summary>The function frees what <paramref name="param"/> points to: the stub must not write it afterwards.</summary>
    public bool Frees(ParamDecl param) => FreedParams?.Contains(param.Name) == true;

    /// <summary>How the call reaches the host: the highest path any strategy needs.</summary>
    public CallPath Path => Strategies.Select(s => s.Path).DefaultIfEmpty(CallPath.Fast).Max();

    /// <summary>The host call may run guest code: it needs the coroutine path.</summary>
    public bool MayCallBack => Path != CallPath.Fast;

    /// <summary>Whether guest code may run is known only from the arguments: the stub picks the path per call.</summary>
    public bool ChoosesPathPerCall => Path == CallPath.PerCall;

    /// <summary>Callbacks only when a callback argument is real guest code (spec fastPath).</summary>
    public bool FastWhenSentinel => Path == CallPath.FastUnlessCallback;

    /// <summary>Function-pointer parameters: guest functions wrapped in trampolines.</summary>
    public IReadOnlyList<(ParamDecl Param, int SignatureId)> CallbackParams => Get<CallbackParams>()?.Params ?? [];

    /// <summary>Pointers to records with guest callbacks in fields.</summary>
    public IReadOnlyList<CallbackFieldParam> CallbackFieldParams => Get<CallbackFields>()?.Params ?? [];

    /// <summary>Pointers to records whose string fields the stub copies after the call.</summary>
    public IReadOnlyList<HostStringFieldParam> HostStringFields => Get<HostStringFields>()?.Params ?? [];

    /// <summary>Structs of guest callbacks the library gets as host copies.</summary>
    public IReadOnlyList<CallbackCopy> Copies => Get<CallbackCopies>()?.Copies ?? [];

    /// <summary>Parameters the stub replaces when the guest passes NULL.</summary>
    public IReadOnlyList<NullDefault> NullDefaults => Get<NullDefaults>()?.Params ?? [];

    /// <summary>errno reaches the guest (spec setsErrno).</summary>
    public bool SetsErrno => Has<Errno>();

    /// <summary>The result is a host string the guest gets a copy of (spec returnsHostString).</summary>
    public bool ReturnsHostString => Has<HostStringResult>();

    /// <summary>Takes an object that may keep guest callbacks from an earlier call (spec retainsCallbacks).</summary>
    public bool UsesRetainedCallbacks => Has<RetainedCallbacks>();

    /// <summary>Name of the guest function: the export's, or dlcall_fixed_NAME for a fixed form.</summary>
    public string StubName => FixedForm ? "dlcall_fixed_" + Decl.Name : Decl.Name;

    /// <summary>Name of the host thunk symbol.</summary>
    public string ThunkName => "dlcall_thunk_" + StubName;

    /// <summary>Name of the argument block struct, identical on both sides.</summary>
    public string ArgsStruct => "struct dlcall_args_" + StubName;
}
