// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;

namespace Dlcall.ThunkGen.Clang;

/// <summary>Replaces typedef names in a type spelling by what they stand for, until none is left
/// ("gzFile" -> "struct gzFile_s *", "const voidpf" -> "const void *").</summary>
internal static partial class TypedefResolver
{
    public static string Resolve(string spelling, IReadOnlyDictionary<string, string> typedefs)
    {
        for (int round = 0; round < 16; round++)
        {
            bool changed = false;
            string next = IdentifierRegex().Replace(spelling, m =>
            {
                if (!typedefs.TryGetValue(m.Value, out var target)) return m.Value;
                changed = true;
                return target;
            });
            spelling = next;
            if (!changed) break;
        }
        return spelling;
    }

    // An identifier not right after struct/union/enum (those name tags, not typedefs).
    [GeneratedRegex(@"(?<!\b(?:struct|union|enum)\s+)\b[A-Za-z_]\w*\b")]
    private static partial Regex IdentifierRegex();
}
