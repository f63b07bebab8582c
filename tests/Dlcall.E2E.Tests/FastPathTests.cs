// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The fast path: host calls from an execution callback on the guest's magic instruction
/// (tests/e2e/fastpath, docs/Protocol.md "The fast path"). Each mode checks its results in the
/// guest and that the calls really went through the block, not the syscall.
/// </summary>
public class FastPathTests
{
    private static string CPlugin => RepoPaths.Require("cplugin", "libdlcall_min.so");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ResultsRefusalsAndTheRawBlock(string isa, string link) => Pass(isa, link, "basic");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void EightThreadsOneBlockEachThenReusedVcpuIndexes(string isa, string link) =>
        Pass(isa, link, "threads");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void TimerSignalsWhoseHandlerCallsTooAroundTheMagicInstruction(string isa, string link) =>
        Pass(isa, link, "signals");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void RewrittenOrRemappedCodeDropsTheCallback(string isa, string link) => Pass(isa, link, "smc");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ForkedChildAndItsThreadKeepTheFastPath(string isa, string link) => Pass(isa, link, "fork");

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ThePluginServesTheSameInTheManagedCallback(string isa, string link)
    {
        // DLCALL_FAST_CB=managed: the C# twin of the C callback, kept for the benchmark.
        var env = new Dictionary<string, string> { ["DLCALL_FAST_CB"] = "managed" };
        foreach (string mode in new[] { "basic", "threads" })
        {
            var r = Guest.Run(new(isa, link), "fastpath", [Guest.HostLib, mode], env: env);
            Guest.AssertPassed(r, "fastpath");
        }
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void MinimalCPluginLacksItAndCallsTakeTheSyscall(string isa, string link)
    {
        var r = Guest.RunWithPlugins(new(isa, link), "fastpath", [Guest.HostLib, "fallback"], [CPlugin]);
        Guest.AssertPassed(r, "fastpath");
        Assert.Contains("fallback ok", r.StdoutText);
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void WithoutAPluginTheMagicInstructionIsANop(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "fastpath", [Guest.HostLib, "noplugin"], plugin: null);
        Guest.AssertPassed(r, "fastpath");
        Assert.Contains("noplugin ok", r.StdoutText);
    }

    private static void Pass(string isa, string link, string mode)
    {
        var r = Guest.Run(new(isa, link), "fastpath", [Guest.HostLib, mode]);
        Guest.AssertPassed(r, "fastpath");
        Assert.Contains(mode + " ok", r.StdoutText);
    }
}
