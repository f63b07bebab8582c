// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>Everything the emitters need: the functions in export order, the callback
/// signatures, the records whose layout must agree, and the guest library's version nodes.</summary>
/// <param name="StubSources">C files (full paths) the stub includes before its functions.</param>
public sealed record BoundaryPlan(
    IReadOnlyList<BoundaryFunction> Functions,
    IReadOnlyList<CallbackSignature> Signatures,
    IReadOnlyList<RecordDecl> CheckedRecords,
    IReadOnlyList<string> CheckedTypedefs,
    ElfLibraryInfo GuestLibrary,
    IReadOnlyList<string>? StubSources = null)
{
    /// <summary>
    /// Data symbols the stub defines itself (fallbackToGuest only), so that binaries that use
    /// them (libm's signgam) still link; the real guest library, loaded behind the stub,
    /// binds its own references to the program's copy like it would without dlcall.
    /// </summary>
    public IReadOnlyList<ElfSymbol> GuestData { get; init; } = [];

    /// <summary>Data symbols the stub's own sources define (spec dataSymbols, Annotations/DataSymbols.cs).</summary>
    public IReadOnlyList<ElfSymbol> StubData { get; init; } = [];

    /// <summary>The host thunk library's functions: one per function the host exports, decided
    /// like the guest's (see <see cref="BoundaryPlanner"/>).</summary>
    public IReadOnlyList<BoundaryFunction> HostFunctions { get; init; } = [];

    /// <summary>Records handed to the guest with host methods (spec hostObjectRecords).</summary>
    public IReadOnlyList<HostObject> HostObjects { get; init; } = [];

    /// <summary>The C of the spec's annotations (Annotations/AnnotationEmitter.cs).</summary>
    public Annotations.AnnotationCode Annotations { get; init; } = Dlcall.ThunkGen.Annotations.AnnotationCode.None;
}
