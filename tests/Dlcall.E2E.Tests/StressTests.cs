// SPDX-License-Identifier: GPL-2.0-or-later
using Xunit.Abstractions;

namespace Dlcall.E2E.Tests;

/// <summary>Many guest threads mixing every dlcall ID with zlib streams through the stub.</summary>
public class StressTests(ITestOutputHelper output)
{
    /// <summary>tests/zlib/programs/zstress.c: 8 threads x 100,000 calls, every result checked,
    /// each thread reading back its own dlerror while the others make theirs.</summary>
    [Fact]
    public void EightThreadsTimesAHundredThousandCallsWithZlibStreams()
    {
        var r = StubGuest.Run("aarch64", "zstress", passthrough: true, args: [Guest.HostLib, "100000"]);
        output.WriteLine(FuzzGuest.Lines(r.StdoutText, "zstress:"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zstress", r.StdoutText);
        Assert.Equal(8, FuzzGuest.Figure(r.StdoutText, "zstress:", "threads"));
        long calls = FuzzGuest.Figure(r.StdoutText, "zstress:", "dlcalls") + FuzzGuest.Figure(r.StdoutText, "zstress:", "zlib_calls");
        Assert.True(calls >= 8 * 100_000, r.StdoutText);
        Assert.True(FuzzGuest.Figure(r.StdoutText, "zstress:", "streams") > 0, r.StdoutText);
        Assert.True(FuzzGuest.Figure(r.StdoutText, "zstress:", "own_dlerrors") >= 8, r.StdoutText);
        output.WriteLine("failures: 0 (zstress stops at the first)");
    }
}
