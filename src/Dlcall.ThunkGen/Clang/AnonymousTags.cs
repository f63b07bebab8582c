// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.Json;

namespace Dlcall.ThunkGen.Clang;

/// <summary>
/// <c>typedef struct { ... } lzma_stream;</c> and <c>typedef enum { ... } lzma_ret;</c>: a tag
/// without a name, known only by its typedef. clang 14 desugars such a typedef to itself, so
/// the typedef would never resolve; here it resolves to "struct lzma_stream" / "enum lzma_ret",
/// and the record is filed under the typedef's name (spelled without "struct" in C).
/// </summary>
internal static class AnonymousTags
{
    /// <summary>The id of an unnamed struct, union or enum declaration, or null.</summary>
    public static string? UnnamedTagId(JsonElement decl, string kind) =>
        kind is "RecordDecl" or "EnumDecl" && !decl.TryGetProperty("name", out _) && decl.TryGetProperty("id", out var id)
            ? id.GetString() : null;

    /// <summary>For a typedef that names an unnamed tag declared just before it: the tag's id
    /// and keyword ("struct", "union" or "enum").</summary>
    public static (string Id, string Keyword)? NamedTag(JsonElement typedefDecl)
    {
        if (!typedefDecl.TryGetProperty("inner", out var inner) || inner.GetArrayLength() == 0) return null;
        var elaborated = inner[0];
        if (!elaborated.TryGetProperty("ownedTagDecl", out var owned) || !owned.TryGetProperty("id", out var id)) return null;
        if (owned.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 }) return null;
        string? spelled = elaborated.TryGetProperty("type", out var t) && t.TryGetProperty("qualType", out var q) ? q.GetString() : null;
        string keyword = spelled?.Split(' ')[0] ?? "";
        return keyword is "struct" or "union" or "enum" ? (id.GetString()!, keyword) : null;
    }
}
