// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;
using Xunit.Abstractions;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Random calls against the plugin's filter (tests/fuzz): every ID but INVOKE_PROC, refused IDs,
/// pointers NULL, small, non-canonical, kernel, PROT_NONE, over a page end, read-only, valid;
/// strings without a NUL or too long; handles libdl never gave. No crash, and every answer the
/// one the protocol gives for those arguments.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Inputs per CI run (up to 256 bytes each, about a million calls): ~10 s on an idle
    /// core, ~25 s to ~2 min with the whole suite running on 2 cores (indicative).</summary>
    private const int FuzzerRuns = 200_000;

    /// <summary>libFuzzer (clang -fsanitize=fuzzer,address) over the harness's QEMU stand-in,
    /// after every reproducer in tests/fuzz/crashes, from the corpus in tests/fuzz/corpus.</summary>
    [Fact]
    public void LibFuzzerFindsNoFailureInTwoHundredThousandInputs()
    {
        RepoPaths.Require("fuzz", "filter_fuzzer");
        var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "tests/fuzz/run-fuzzer.sh"), FuzzerRuns.ToString()],
            TimeSpan.FromMinutes(5));
        output.WriteLine(FuzzGuest.Lines(r.StdoutText, "filter_fuzzer:"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(FuzzerRuns, FuzzGuest.Figure(r.StdoutText, "filter_fuzzer: inputs", "inputs"));
        Assert.True(FuzzGuest.Figure(r.StdoutText, "filter_fuzzer: calls", "calls") >= FuzzerRuns, r.StdoutText);
        // The reproducers ran first and passed: one "Executed" line each.
        int reproducers = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests/fuzz/crashes")).Length;
        Assert.Equal(reproducers, r.StdoutText.Split('\n').Count(l => l.StartsWith("Executed ", StringComparison.Ordinal)));
        output.WriteLine("failures: 0 (a failure aborts the fuzzer with its input saved)");
    }

    /// <summary>A million seeded random calls from an aarch64 guest under the real QEMU.</summary>
    [Fact]
    public void AMillionRandomCallsFromAGuestUnderQemu()
    {
        var r = FuzzGuest.Run("randcalls", [Guest.HostLib, "20261129", "1000000"], TimeSpan.FromMinutes(5));
        output.WriteLine(FuzzGuest.Lines(r.StdoutText, "seed") + "\n" + FuzzGuest.Lines(r.StdoutText, "randcalls:"));
        Guest.AssertPassed(r, "randcalls");
        Assert.Equal(1_000_000, FuzzGuest.Figure(r.StdoutText, "randcalls: calls", "calls"));
        // Every class of pointer was drawn.
        foreach (string cls in new[] { "null", "small", "noncanonical", "kernel", "prot_none", "straddle",
                     "unterminated", "too_long", "read_only", "not_handle", "rtld_next", "valid" })
        {
            Assert.True(FuzzGuest.Figure(r.StdoutText, "randcalls: pointers", cls) > 0, cls);
        }
        output.WriteLine("failures: 0 (randcalls stops at the first, printing the call and its seed)");
    }
}
