// SPDX-License-Identifier: GPL-2.0-or-later
using System.IO.Enumeration;

namespace Dlcall.ThunkGen.Spec;

/// <summary>Function-name lists in a spec: exact names or globs with * and ?.</summary>
public static class SpecPattern
{
    /// <summary>True when <paramref name="name"/> matches any entry of <paramref name="patterns"/>.</summary>
    public static bool Matches(IReadOnlyList<string> patterns, string name) =>
        patterns.Any(p => p == name || ((p.Contains('*') || p.Contains('?')) && FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: false)));
}
