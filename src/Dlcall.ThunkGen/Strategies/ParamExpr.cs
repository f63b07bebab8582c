// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>A spec's C expression over a function's parameters, by name, rewritten for the host thunk,
/// where the arguments are the argument block's fields (a->p0...).</summary>
internal static partial class ParamExpr
{
    [GeneratedRegex(@"(?<![\w.]|->)[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    /// <summary>Whether <paramref name="s"/> is a C expression rather than a function name.</summary>
    public static bool IsExpression(string s) => !Regex.IsMatch(s, @"^[A-Za-z_]\w*$");

    // An identifier after '.' or '->' is a field, not a parameter.
    public static string ForHost(ThunkContext c, string expr) =>
        Identifier().Replace(expr, m => c.D.Params.FirstOrDefault(p => p.Name == m.Value) is { } p ? c.Arg(p) : m.Value);
}
