// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Marshalling;

/// <summary>Where a struct of guest callbacks the thunk cannot wrap in place comes from.</summary>
public enum CallbackCopyKind
{
    /// <summary>A struct parameter by value (zstd's <c>ZSTD_customMem</c>): wrapped in the argument block.</summary>
    ByValue,

    /// <summary>A pointer to a const struct (<c>const lzma_allocator *</c>), maybe read-only guest memory:
    /// the library gets a host copy.</summary>
    ConstPointer,

    /// <summary>A pointer field of a struct passed by pointer (<c>lzma_stream.allocator</c>): points to a
    /// host copy during the call, to the guest's struct again after it.</summary>
    PointerField,
}

/// <summary>A struct with guest callbacks reached through a parameter without writing guest memory
/// the guest may not expect written (except a PointerField, restored after the call).</summary>
/// <param name="Field">The pointer field of the parameter's struct (PointerField only).</param>
/// <param name="Record">The struct holding the callbacks.</param>
public sealed record CallbackCopy(CallbackCopyKind Kind, ParamDecl Param, FieldDecl? Field, RecordDecl Record,
    IReadOnlyList<CallbackField> Fields);

/// <summary>A parameter the stub replaces when the guest passes NULL (spec nullDefaults).</summary>
/// <param name="Value">C expression of the parameter's type, evaluated in the stub.</param>
public sealed record NullDefault(ParamDecl Param, string Value);
