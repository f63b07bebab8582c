// SPDX-License-Identifier: GPL-2.0-or-later
using System.Globalization;
using Dlcall.TestSupport;
using Xunit.Abstractions;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests for the libm stub (thunks/libm): guest programs linked against libm.so.6
/// (tests/libm/build.sh), fully emulated with Debian's real guest libm, and with the stub passing
/// the double and float functions to the host's libm and leaving the rest (long double, fenv,
/// lgamma's signgam, ISA-specific conversions) to the real guest libm behind it.
/// </summary>
public class LibmTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> IsasAndPaths => new() { { "aarch64", true }, { "aarch64", false }, { "riscv64", true }, { "riscv64", false } };

    private static ProcessResult Run(string isa, string program, bool passthrough, bool fast = true, params string[] args) =>
        StubGuest.Run(isa, program, passthrough, args, fast: fast, suite: "libm");

    [Theory]
    [MemberData(nameof(IsasAndPaths))]
    public void MathResultsMatchTheEmulatedRun(string isa, bool fast)
    {
        RepoPaths.Require("thunks", isa, "lib", "libm.so.6");
        var emulated = Run(isa, "mathdiff", passthrough: false);
        var passthrough = Run(isa, "mathdiff", passthrough: true, fast);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.True(emulated.StdoutText.Split('\n').Length > 10000, "mathdiff printed too little:\n" + emulated);
        var (problems, approximated, worst) = LibmResults.Compare(emulated.StdoutText, passthrough.StdoutText);
        output.WriteLine($"{isa}: {emulated.StdoutText.Split('\n').Length} results, {approximated} within {worst} ulp (glibc's bounds), {problems.Count} wrong");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    public void ALibmLoopGivesTheSameSum(string isa)
    {
        var emulated = Run(isa, "mathloop", passthrough: false, true, "200000");
        var passthrough = Run(isa, "mathloop", passthrough: true, true, "200000");
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText); // 10 digits
        double a = Exact(emulated.StderrText), b = Exact(passthrough.StderrText);
        // 400,000 results, each within a few ulp of the guest's: the sums agree to ~1e-12.
        Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Abs(a), $"emulated {a:R}, passed through {b:R}");
        output.WriteLine($"{isa}: emulated {emulated.StderrText.Trim()}; passed through {passthrough.StderrText.Trim()}");
    }

    [Fact]
    public void FunctionsTheStubLeavesToTheGuestAreServedByTheRealGuestLibm()
    {
        // fesetround, sinl and lgamma's signgam go to the real guest libm: their lines in mathdiff
        // must match exactly (checked above); here, that they are not aborting stubs.
        var r = Run("aarch64", "mathdiff", passthrough: true);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("not available through dlcall", r.StderrText);
        Assert.Contains("fesetround(1) = 1 0x1.8p+1", r.StdoutText); // rint(2.5) rounds up: the guest's mode was honoured
        Assert.Contains("lgamma(-0x1.9p+5) = ", r.StdoutText);
    }

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    public void ThreadsMakingTheFirstFallbackCallsAtOnceGetTheRealGuestResults(string isa)
    {
        // The real guest libm is opened by the first fallback call, not by the stub's constructor.
        var emulated = Run(isa, "fallbackthreads", passthrough: false);
        var passthrough = Run(isa, "fallbackthreads", passthrough: true);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Equal(8, emulated.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    private static double Exact(string stderr) =>
        double.Parse(stderr.Split('\n').Single(l => l.StartsWith("exact ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
}
