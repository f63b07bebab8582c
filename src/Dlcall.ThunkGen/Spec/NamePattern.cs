// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>Function-name patterns of a spec: a literal name, or '*' standing for any run of characters.</summary>
public static class NamePattern
{
    /// <summary>Whether <paramref name="name"/> matches any of <paramref name="patterns"/>.</summary>
    public static bool MatchesAny(IEnumerable<string> patterns, string name) => patterns.Any(p => Matches(p, name));

    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string name)
    {
        string[] parts = pattern.Split('*');
        if (parts.Length == 1) return pattern == name;
        if (!name.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        int at = parts[0].Length;
        for (int i = 1; i < parts.Length - 1; i++)
        {
            int found = name.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return name.Length - at >= parts[^1].Length && name.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}
