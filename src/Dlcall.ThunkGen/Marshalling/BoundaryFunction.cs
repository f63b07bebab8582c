// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

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
/// <param name="CallbackParams">Function-pointer parameters: guest functions wrapped in trampolines.</param>
/// <param name="CallbackFieldParams">Pointers to records with guest callbacks in fields.</param>
/// <param name="HostStringFields">Pointers to records whose string fields the stub copies after the call.</param>
/// <param name="Override">Path of the override C file (GuestOverride only).</param>
/// <param name="CallbackCopies">Structs of guest callbacks the library gets as host copies (by value,
/// behind const pointers, in pointer fields).</param>
/// <param name="UsesRetainedCallbacks">Takes an object of a type the spec says may keep guest callbacks
/// from an earlier call (retainsCallbacks).</param>
/// <param name="NullDefaults">Parameters the stub replaces when the guest passes NULL.</param>
/// <param name="RoundingGuard">Outside round-to-nearest, calls the real guest function (spec defaultRoundingOnly).</param>
/// <param name="GuestNaN">Floating results get the guest's default NaN (spec guestNaN).</param>
/// <param name="CallsBackLater">May run guest callbacks an earlier call registered (spec deferredCallbacks).</param>
/// <param name="ReturnsHostStringIf">Its result is copied when the spec's hostStringTest says so.</param>
/// <param name="FastWhenSentinel">Takes the fast path when every callback argument is a sentinel (spec fastPath).</param>
/// <param name="FreedParams">Parameters whose struct the function frees (spec freedParams): not written after the call.</param>
/// <param name="FixedForm">A variadic function called with its fixed arguments only: a static
/// dlcall_fixed_NAME in the stub for overrides, not an export.</param>
public sealed record BoundaryFunction(
    FunctionDecl Decl,
    FunctionKind Kind,
    string? Reason,
    int ThunkIndex,
    IReadOnlyList<(ParamDecl Param, int SignatureId)> CallbackParams,
    IReadOnlyList<CallbackFieldParam> CallbackFieldParams,
    IReadOnlyList<HostStringFieldParam> HostStringFields,
    bool SetsErrno,
    bool ReturnsHostString,
    string? Override = null,
    IReadOnlyList<CallbackCopy>? CallbackCopies = null,
    bool UsesRetainedCallbacks = false,
    IReadOnlyList<NullDefault>? NullDefaults = null,
    bool GuestNaN = false,
    bool RoundingGuard = false,
    bool CallsBackLater = false,
    bool FastWhenSentinel = false,
    bool ReturnsHostStringIf = false,
    bool FixedForm = false,
    IReadOnlyList<string>? FreedParams = null)
{
    /// <summary>The function frees what <paramref name="param"/> points to: the stub must not write it afterwards.</summary>
    public bool Frees(ParamDecl param) => FreedParams?.Contains(param.Name) == true;

    /// <summary>The host call may run guest code: it needs the coroutine path.</summary>
    public bool MayCallBack => CallbackParams.Count > 0 || CallbackFieldParams.Count > 0 || Copies.Count > 0 || UsesRetainedCallbacks || CallsBackLater;

    /// <summary>Whether guest code may run is known only from the arguments (copied callback structs
    /// that may hold only NULLs, retained callbacks): the stub picks the path per call.</summary>
    public bool ChoosesPathPerCall => (Copies.Count > 0 || UsesRetainedCallbacks) && !CallsBackLater
        && CallbackParams.Count == 0 && CallbackFieldParams.Count == 0;

    /// <summary><see cref="CallbackCopies"/>, never null.</summary>
    public IReadOnlyList<CallbackCopy> Copies => CallbackCopies ?? [];

    /// <summary>Name of the guest function: the export's, or dlcall_fixed_NAME for a fixed form.</summary>
    public string StubName => FixedForm ? "dlcall_fixed_" + Decl.Name : Decl.Name;

    /// <summary>Name of the host thunk symbol.</summary>
    public string ThunkName => "dlcall_thunk_" + StubName;

    /// <summary>Name of the argument block struct, identical on both sides.</summary>
    public string ArgsStruct => "struct dlcall_args_" + StubName;
}
