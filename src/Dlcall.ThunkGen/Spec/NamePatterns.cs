// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;
using System.Text;

namespace Dlcall.ThunkGen.Spec;

/// <summary>
/// dlcall's one glob dialect: POSIX fnmatch(3) with no flags, libc's own function, which the
/// plugin's library policy calls too. <c>*</c> matches any run of characters ('/' included),
/// <c>?</c> one character, <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> one of (or none of) a set,
/// and <c>\</c> takes the next character literally. Spec lists (exclude, setsErrno, fastPath...)
/// name functions by such globs ("OPENSSL_sk_*", "*"); an entry starting with '!' takes names
/// out again ("!BIO_get_data"). `dlcall run --allow/--deny` and the plugin's allow=/deny= match
/// library names by the same function (docs/Security.md, "Library policy").
/// </summary>
public static class NamePatterns
{
    /// <summary>Whether <paramref name="name"/> matches one of <paramref name="patterns"/> and no '!' entry.</summary>
    public static bool Matches(IEnumerable<string> patterns, string name) =>
        patterns.Any(p => !p.StartsWith('!') && MatchesOne(p, name)) && !patterns.Any(p => p.StartsWith('!') && MatchesOne(p[1..], name));

    /// <summary>Whether <paramref name="name"/> matches the one glob <paramref name="pattern"/>.</summary>
    public static bool MatchesOne(string pattern, string name) =>
        // Without a special character fnmatch compares the strings: so do we, without the call
        // (the generator matches every function of libcrypto against every list).
        pattern.AsSpan().IndexOfAny(Special) < 0 ? pattern == name : FnMatch(Utf8Z(pattern), Utf8Z(name), 0) == 0;

    private const string Special = "*?[\\";

    private static byte[] Utf8Z(string s) => Encoding.UTF8.GetBytes(s + "\0");

    [DllImport("libc", EntryPoint = "fnmatch")]
    private static extern int FnMatch(byte[] pattern, byte[] name, int flags);
}
