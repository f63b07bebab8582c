// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>
/// The one glob dialect of spec lists and of `dlcall run --allow/--deny` (and the plugin's
/// allow=/deny=): fnmatch(3) with no flags. Every row is checked against the generator's
/// NamePatterns and, as a differential, Python's fnmatch.fnmatchcase, an implementation written
/// elsewhere of the same rules.
/// </summary>
public class NamePatternsTests
{
    [Theory]
    [InlineData("sk_*", "sk_sort", true)]
    [InlineData("sk_*", "ssk_sort", false)]
    [InlineData("*", "", true)]
    [InlineData("a*c*e", "abcde", true)]
    [InlineData("a*c*e", "abcd", false)]
    [InlineData("exact", "exactly", false)]
    [InlineData("deflate?", "deflate2", true)]
    [InlineData("deflate?", "deflate", false)]
    [InlineData("BIO_[gs]et_data", "BIO_set_data", true)]
    [InlineData("BIO_[gs]et_data", "BIO_put_data", false)]
    [InlineData("EVP_[!D]*", "EVP_Digest", false)]
    [InlineData("EVP_[!D]*", "EVP_Cipher", true)]
    [InlineData("crc32_[a-c]*", "crc32_combine", true)]
    [InlineData("crc32_[a-c]*", "crc32_z", false)]
    [InlineData(@"x\*", "x*", true)]
    [InlineData(@"x\*", "xy", false)]
    [InlineData("libz.so*", "libz.so.1", true)]
    [InlineData("*/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", true)]
    [InlineData("/usr/*", "/usr/lib/x86_64-linux-gnu/libz.so.1", true)]
    public void MatchesAsFnmatchDoes(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, NamePatterns.MatchesOne(pattern, name));
        if (PythonFnmatch(pattern, name) is bool python) Assert.Equal(matches, python);
    }

    [Fact]
    public void ABangEntryTakesNamesOut()
    {
        Assert.False(NamePatterns.Matches(["*", "!BIO_get_*"], "BIO_get_data"));
        Assert.True(NamePatterns.Matches(["*", "!BIO_get_*"], "BIO_read"));
        Assert.False(NamePatterns.Matches(["*", "!BIO_[gs]et_?ata"], "BIO_set_data"));
        Assert.False(NamePatterns.Matches(["!BIO_read"], "BIO_write"));
    }

    // fnmatch.fnmatchcase: '*', '?', '[seq]', '[!seq]' as POSIX has them; it has no backslash
    // escape (a '\' there is a literal), so it has no say on those rows.
    private static bool? PythonFnmatch(string pattern, string name)
    {
        if (pattern.Contains('\\')) return null;
        var r = Dlcall.TestSupport.ProcessRunner.Run("python3",
            ["-c", "import fnmatch, sys; sys.exit(0 if fnmatch.fnmatchcase(sys.argv[2], sys.argv[1]) else 1)", pattern, name]);
        Assert.True(r.ExitCode is 0 or 1, r.ToString());
        return r.ExitCode == 0;
    }
}
