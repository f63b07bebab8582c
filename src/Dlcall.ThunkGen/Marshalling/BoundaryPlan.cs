// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>Everything the emitters need: the functions in export order, the callback
/// signatures, the records whose layout must agree, and the guest library's version nodes.</summary>
public sealed record BoundaryPlan(
    IReadOnlyList<BoundaryFunction> Functions,
    IReadOnlyList<CallbackSignature> Signatures,
    IReadOnlyList<RecordDecl> CheckedRecords,
    IReadOnlyList<string> CheckedTypedefs,
    ElfLibraryInfo GuestLibrary)
{
    /// <summary>Records handed to the guest with host methods (spec hostObjectRecords).</summary>
    public IReadOnlyList<HostObject> HostObjects { get; init; } = [];
}
