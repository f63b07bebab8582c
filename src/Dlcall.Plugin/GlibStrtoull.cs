// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>
/// The number parser of glib's <c>g_ascii_strtoull(s, &amp;end, 0)</c>, which the seed plugin
/// uses for syscall_num: its exact acceptance rules are part of the protocol.
/// </summary>
internal static class GlibStrtoull
{
    /// <summary>
    /// Parses <paramref name="s"/> with base auto-detection. <paramref name="end"/> is the index
    /// where parsing stopped (0 when no digits were found). Overflow saturates to
    /// <see cref="ulong.MaxValue"/>; a leading '-' negates modulo 2^64, as in glib.
    /// </summary>
    public static ulong Parse(ReadOnlySpan<byte> s, out int end)
    {
        int i = 0;
        while (i < s.Length && IsAsciiSpace(s[i])) i++;

        bool negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }

        int radix = 10;
        if (i < s.Length && s[i] == '0')
        {
            if (i + 1 < s.Length && (s[i + 1] | 0x20) == 'x')
            {
                radix = 16;
                i += 2;
            }
            else
            {
                radix = 8;
            }
        }

        int digitsStart = i;
        ulong value = 0;
        bool overflow = false;
        ulong cutoff = ulong.MaxValue / (ulong)radix;
        ulong cutlim = ulong.MaxValue % (ulong)radix;
        for (; i < s.Length; i++)
        {
            int d = DigitValue(s[i]);
            if (d < 0 || d >= radix) break;
            if (value > cutoff || (value == cutoff && (ulong)d > cutlim))
                overflow = true;
            else
                value = value * (ulong)radix + (ulong)d;
        }

        if (i == digitsStart)
        {
            // glib: "0x" with no hex digit parses as 0 and stops at the 'x'.
            bool hexPrefix = radix == 16;
            end = hexPrefix ? digitsStart - 1 : 0;
            return 0;
        }

        end = i;
        if (overflow) return ulong.MaxValue;
        return negative ? unchecked(0UL - value) : value;
    }

    private static bool IsAsciiSpace(byte c) => c == ' ' || (c >= '\t' && c <= '\r');

    private static int DigitValue(byte c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        int lower = c | 0x20;
        if (lower >= 'a' && lower <= 'z') return lower - 'a' + 10;
        return -1;
    }
}
