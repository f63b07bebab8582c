// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libpcre2-8 thunks (thunks/pcre2) with Debian's arm64 programs,
/// unmodified: grep -P (GNU grep links libpcre2-8.so.0 for -P) and pcre2test over PCRE2's own
/// test data (tests/pcre2/pcre2test.sh runs all of it; CI runs the tests that fit its time),
/// fully emulated and with libpcre2-8 passed through: the same output and exit codes.
/// </summary>
public class Pcre2Tests
{
    [Fact]
    public void GrepPFindsTheSameLines()
    {
        string root = DebianProgram.Root("aarch64", "grep", "libpcre2-8-0");
        string input = Path.Combine(Path.GetTempPath(), $"dlcall-grep-{Environment.ProcessId}.txt");
        File.WriteAllLines(input, Enumerable.Range(0, 20000).Select(i =>
            $"{i:x5} user{i % 97}@host{i % 13}.example key={(i * 7919) % 100003} {(i % 5 == 0 ? "ÉTÉ café" : "plain")} {(i % 11 == 0 ? "aaaaab" : "ab")}"));
        string[][] cases =
        [
            ["-cP", @"\buser(\d+)@host\1\b", input],
            ["-oP", @"(?<=key=)\d{5}(?=\s)", input],
            ["-nP", @"^(?:[0-9a-f]{5}) user9[0-6]@.*caf\x{e9}", input],
            ["-cP", @"(a+)+b", input],
            ["-ciP", @"\p{Lu}T\p{Lu}", input],
            ["-cvP", @"host(?:1[0-2]|[3-7])\.", input],
            ["-P", @"(unclosed", input],
        ];
        foreach (var args in cases)
        {
            var emulated = DebianProgram.Run(root, "/usr/bin/grep", "none", args);
            var passed = DebianProgram.Run(root, "/usr/bin/grep", "pcre2", args);
            Assert.True(emulated.ExitCode == passed.ExitCode, $"{string.Join(' ', args)}\nemulated {emulated}\npassed through {passed}");
            Assert.True(emulated.Stdout.AsSpan().SequenceEqual(passed.Stdout), $"{string.Join(' ', args)}: stdout differs");
            Assert.Equal(emulated.StderrText, passed.StderrText);
        }
        File.Delete(input);
    }

    /// <summary>PCRE2's testinput1 (Perl-compatible matching), 5 (UTF and UCP API), 20 (serialization
    /// and code copy) and 2 with JIT: the same pcre2test output emulated and passed through.</summary>
    [Fact]
    public void Pcre2testOwnTestDataGivesTheSameOutput()
    {
        var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "tests", "pcre2", "pcre2test.sh"), "1", "5", "20", "2-jit"],
            TimeSpan.FromMinutes(30));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("4 tests, 0 differences, 0 known", r.StdoutText);
    }
}
