// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>A field of a struct or union.</summary>
public sealed record FieldDecl(string Name, CType Type);

/// <summary>A struct or union definition (incomplete ones have no fields and are opaque).</summary>
/// <param name="NamedByTypedef">An unnamed struct known by its typedef (<c>typedef struct { } lzma_stream;</c>):
/// <paramref name="Tag"/> is the typedef's name.</param>
public sealed record RecordDecl(string Tag, bool IsUnion, IReadOnlyList<FieldDecl> Fields, bool IsComplete, string Location,
    bool NamedByTypedef = false)
{
    /// <summary>How to name it in C: "struct tag", "union tag", or the typedef's name.</summary>
    public string CName => NamedByTypedef ? Tag : (IsUnion ? "union " : "struct ") + Tag;
}
