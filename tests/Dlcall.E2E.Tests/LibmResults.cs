// SPDX-License-Identifier: GPL-2.0-or-later
using System.Globalization;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Compares two runs of tests/libm/programs/mathdiff (lines "name(args) = values"). Passing libm
/// through swaps the guest's glibc libm for the host's: the same source, but compiled for another
/// ISA (aarch64 contracts to fused multiply-adds, x86_64 picks FMA variants at run time), so the
/// functions glibc does not round correctly may differ in the last bits, within glibc's documented
/// error bounds. Every other line must be identical: correctly rounded functions, NaN signs,
/// errno, out-parameters, the rounding modes and what the real guest libm serves.
/// </summary>
internal static class LibmResults
{
    /// <summary>glibc's not-correctly-rounded functions the program calls (its "Known Maximum Errors").</summary>
    private static readonly HashSet<string> Approximate =
    [
        "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
        "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "cbrt", "erf", "erfc", "tgamma", "j0", "y0",
        "pow", "atan2", "hypot", "sinf", "expf", "powf", "sincos", "lgamma_r",
    ];

    /// <summary>The largest difference accepted, in units in the last place (measured: at most 4).</summary>
    public const long MaxUlps = 8;

    /// <summary>The differences that are not allowed, and how many approximate ones there were.</summary>
    public static (List<string> Problems, int Approximated, long WorstUlps) Compare(string emulated, string passthrough)
    {
        var problems = new List<string>();
        int approximated = 0;
        long worst = 0;
        string[] e = emulated.Split('\n'), p = passthrough.Split('\n');
        if (e.Length != p.Length) problems.Add($"{e.Length} lines emulated, {p.Length} passed through");
        for (int i = 0; i < Math.Min(e.Length, p.Length); i++)
        {
            if (e[i] == p[i]) continue;
            string name = e[i].Split('(')[0];
            long? ulps = Approximate.Contains(name) ? Distance(e[i], p[i]) : null;
            if (ulps is long u && u <= MaxUlps)
            {
                approximated++;
                worst = Math.Max(worst, u);
                continue;
            }
            problems.Add($"line {i + 1}:\n  emulated:         {e[i]}\n  passed through:   {p[i]}");
        }
        return (problems, approximated, worst);
    }

    // The largest ulp distance between the values after " = ", or null when they are not
    // comparable numbers (a different argument, a NaN against a number...).
    private static long? Distance(string a, string b)
    {
        int ea = a.IndexOf(" = ", StringComparison.Ordinal), eb = b.IndexOf(" = ", StringComparison.Ordinal);
        if (ea < 0 || a[..ea] != b[..Math.Max(eb, 0)]) return null;
        string[] va = a[(ea + 3)..].Split(' '), vb = b[(eb + 3)..].Split(' ');
        if (va.Length != vb.Length) return null;
        long worst = 0;
        for (int k = 0; k < va.Length; k++)
        {
            if (va[k] == vb[k]) continue;
            if (Bits(va[k]) is not long x || Bits(vb[k]) is not long y) return null;
            if ((x < 0) != (y < 0)) return null;
            worst = Math.Max(worst, Math.Abs(x - y));
        }
        return worst;
    }

    // A C "%a" double as its IEEE bits (sign-magnitude, so neighbours differ by one), or null.
    private static long? Bits(string hex)
    {
        if (hex.Contains("nan") || hex.Contains("inf")) return null;
        bool neg = hex.StartsWith('-');
        string h = hex.TrimStart('-');
        if (!h.StartsWith("0x", StringComparison.Ordinal)) return null;
        int pIdx = h.IndexOf('p');
        if (pIdx < 0 || !int.TryParse(h[(pIdx + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int exp)) return null;
        string[] parts = h[2..pIdx].Split('.');
        string frac = parts.Length > 1 ? parts[1] : "";
        if (!ulong.TryParse(parts[0] + frac.PadRight(13, '0')[..13], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mant)) return null;
        double d = mant * Math.Pow(2, exp - 52);
        long bits = BitConverter.DoubleToInt64Bits(d);
        return neg ? -bits : bits;
    }
}
