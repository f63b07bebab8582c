// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin.Tests;

/// <summary>Every ID, -EINVAL and -EFAULT through the registered filter, in both callback shapes,
/// on the published libdlcall.so (checks are in tests/harness/scenario_protocol.c).</summary>
public class HarnessProtocolTests
{
    [Theory]
    [InlineData(5)] // dlcall's backport: API 7 shapes
    [InlineData(6)]
    [InlineData(7)]
    public void ServesEveryId(int api)
    {
        var r = Harness.Run("protocol", ["--api", api.ToString()], []);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Harness.Failures(r));
        Assert.Contains("ok efault.invoke_fn", r.StdoutText);
        Assert.Contains("ok miss.num_4097", r.StdoutText);
    }

    [Theory]
    [InlineData("0x2000", "8192")]
    [InlineData("12345", "12345")]
    public void ClaimsOnlyTheConfiguredNumber(string option, string number)
    {
        var r = Harness.Run("protocol", ["--expect-num", number], ["syscall_num=" + option]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Harness.Failures(r));
        Assert.Contains("ok miss.num_4096", r.StdoutText);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void ManyThreadsKeepResultsAndDlerrorApart(int api)
    {
        var r = Harness.Run("threads", ["--api", api.ToString()], []);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Harness.Failures(r));
    }

    /// <summary>stats=on and trace=on divert every call to the slow path, which must serve it the
    /// same way; threads count into one table without locks.</summary>
    [Theory]
    [InlineData("protocol")]
    [InlineData("threads")]
    public void StatsAndTraceServeTheSameAndReportThroughQemuPluginOuts(string scenario)
    {
        var r = Harness.Run(scenario, [], ["stats=on", "trace=on"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Harness.Failures(r));
        Assert.Contains("qemu_plugin_outs: dlcall trace: vcpu ", r.StdoutText);
        Assert.Matches(@"qemu_plugin_outs: dlcall stats: INVOKE_PROC: \d+ calls", r.StdoutText);
    }
}
