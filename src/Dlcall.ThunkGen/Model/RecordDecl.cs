// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Model;

/// <summary>A field of a struct or union.</summary>
public sealed record FieldDecl(string Name, CType Type);

/// <summary>A struct or union definition (incomplete ones have no fields and are opaque).</summary>
public sealed record RecordDecl(string Tag, bool IsUnion, IReadOnlyList<FieldDecl> Fields, bool IsComplete, string Location)
{
    /// <summary>How to name it in C: "struct tag" or "union tag".</summary>
    public string CName => (IsUnion ? "union " : "struct ") + Tag;
}
