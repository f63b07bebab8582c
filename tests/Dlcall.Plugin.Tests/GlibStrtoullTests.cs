// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;
using Dlcall.Plugin;

namespace Dlcall.Plugin.Tests;

/// <summary>GlibStrtoull follows g_ascii_strtoull(s, &amp;end, 0) case by case.</summary>
public class GlibStrtoullTests
{
    [Theory]
    [InlineData("4096", 4096UL, 4)]
    [InlineData("0x1000", 4096UL, 6)]
    [InlineData("0X1000", 4096UL, 6)]
    [InlineData("010000", 4096UL, 6)]            // leading 0: octal
    [InlineData("  \t\n4096", 4096UL, 8)]        // leading whitespace skipped
    [InlineData("+4096", 4096UL, 5)]
    [InlineData("4096 ", 4096UL, 4)]             // stops at trailing space
    [InlineData("4096abc", 4096UL, 4)]
    [InlineData("09", 0UL, 1)]                   // '9' is no octal digit
    [InlineData("0", 0UL, 1)]
    [InlineData("0x", 0UL, 1)]                   // glib: 0, end at the 'x'
    [InlineData("0xg", 0UL, 1)]
    [InlineData("", 0UL, 0)]
    [InlineData("   ", 0UL, 0)]
    [InlineData("abc", 0UL, 0)]
    [InlineData("+", 0UL, 0)]
    [InlineData("18446744073709551615", ulong.MaxValue, 20)]
    [InlineData("18446744073709551616", ulong.MaxValue, 20)] // overflow saturates
    [InlineData("99999999999999999999999", ulong.MaxValue, 23)]
    [InlineData("0xffffffffffffffffff", ulong.MaxValue, 20)]
    [InlineData("9223372036854775807", 9223372036854775807UL, 19)]
    [InlineData("-1", ulong.MaxValue, 2)]         // negation modulo 2^64
    public void ParsesLikeGlib(string text, ulong expected, int expectedEnd)
    {
        ulong value = GlibStrtoull.Parse(Encoding.ASCII.GetBytes(text), out int end);
        Assert.Equal(expected, value);
        Assert.Equal(expectedEnd, end);
    }
}
