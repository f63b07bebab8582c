// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>Spec lists that name functions by exact name or by a glob with '*' ("OPENSSL_sk_*", "*");
/// an entry starting with '!' takes names out again ("!BIO_get_data").</summary>
public static class NamePatterns
{
    /// <summary>Whether <paramref name="name"/> matches one of <paramref name="patterns"/> and no '!' entry.</summary>
    public static bool Matches(IEnumerable<string> patterns, string name) =>
        patterns.Any(p => !p.StartsWith('!') && Glob(p, name)) && !patterns.Any(p => p.StartsWith('!') && Glob(p[1..], name));

    /// <summary>Whether <paramref name="name"/> matches the one glob <paramref name="pattern"/>.</summary>
    public static bool MatchesOne(string pattern, string name) => Glob(pattern, name);

    private static bool Glob(string pattern, string name)
    {
        if (!pattern.Contains('*')) return pattern == name;
        string[] parts = pattern.Split('*');
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
