// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// CPython's own test_zlib (Debian's arm64 python3.11 and libpython3.11-testsuite) fully emulated
/// and with libz passed through: the same verdict for every test. Its copy tests call
/// inflateCopy with a fresh, uninitialised destination after the source ended (issue 12), which
/// killed the passthrough run with SIGSEGV.
/// </summary>
public partial class CPythonZlibTests
{
    private static string Root => DebianProgram.Root("aarch64", "python3.11", "libpython3.11-testsuite", "zlib1g");

    // "test_copy (test.test_zlib.CompressObjectTestCase.test_copy) ... ok": one line per test.
    [GeneratedRegex(@"^test\S* \(.*\) \.\.\. .*$", RegexOptions.Multiline)]
    private static partial Regex Verdict();

    private static List<string> Verdicts(ProcessResult r) => Verdict().Matches(r.StderrText + r.StdoutText).Select(m => m.Value).ToList();

    [Fact]
    public void TestZlibGivesTheSameVerdictsAsTheEmulatedRun()
    {
        var emulated = DebianProgram.Run(Root, "usr/bin/python3.11", "none", "-m", "test", "test_zlib", "-v");
        var passthrough = DebianProgram.Run(Root, "usr/bin/python3.11", "zlib", "-m", "test", "test_zlib", "-v");
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("Tests result: SUCCESS", passthrough.StdoutText);
        var verdicts = Verdicts(passthrough);
        Assert.Contains(verdicts, v => v.StartsWith("test_decompresscopy ", StringComparison.Ordinal) && v.EndsWith(" ok", StringComparison.Ordinal));
        Assert.True(verdicts.Count > 50, passthrough.ToString());
        Assert.Equal(Verdicts(emulated), verdicts);
    }
}
