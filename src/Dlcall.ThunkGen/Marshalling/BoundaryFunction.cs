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
}

/// <summary>One exported function and every marshalling decision about it.</summary>
/// <param name="ThunkIndex">Slot of its host thunk in the stub's table (Forwarded only).</param>
/// <param name="CallbackParams">Function-pointer parameters: guest functions wrapped in trampolines.</param>
/// <param name="CallbackFieldParams">Pointers to records with guest callbacks in fields.</param>
/// <param name="HostStringFields">Pointers to records whose string fields the stub copies after the call.</param>
/// <param name="Override">Path of the override C file (GuestOverride only).</param>
/// <param name="FixedForm">A variadic function called with its fixed arguments only: a static
/// dlcall_fixed_NAME in the stub for overrides, not an export.</param>
/// <param name="RunsDeferredCallbacks">The spec says the call may run guest callbacks stored earlier.</param>
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
    bool RunsDeferredCallbacks = false,
    bool FixedForm = false)
{
    /// <summary>The host call may run guest code: it needs the coroutine path.</summary>
    public bool MayCallBack => CallbackParams.Count > 0 || CallbackFieldParams.Count > 0 || RunsDeferredCallbacks;

    /// <summary>Name of the guest function: the export's, or dlcall_fixed_NAME for a fixed form.</summary>
    public string StubName => FixedForm ? "dlcall_fixed_" + Decl.Name : Decl.Name;

    /// <summary>Name of the host thunk symbol.</summary>
    public string ThunkName => "dlcall_thunk_" + StubName;

    /// <summary>Name of the argument block struct, identical on both sides.</summary>
    public string ArgsStruct => "struct dlcall_args_" + StubName;
}
