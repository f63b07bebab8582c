// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;

namespace Dlcall.E2E.Tests;

/// <summary>The plugin's stats=on and trace=on options: what they print through QEMU's log
/// (-d plugin), against the observe guest's known mix of calls.</summary>
public class ObservabilityTests
{
    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void StatsCountCallsPerIdLibraryAndSymbol(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "observe", [Guest.HostLib], plugin: "stats=on", qemuOptions: ["-d", "plugin"]);
        Guest.AssertPassed(r, "observe");
        string log = r.StderrText;
        bool fast = r.StdoutText.Contains("fast path on");
        Assert.Contains("dlcall stats: LOAD_LIBRARY: 1 call, ", log);
        Assert.Contains("dlcall stats: GET_PROC_ADDRESS: 3 calls, ", log);
        Assert.Contains("dlcall stats: GET_LIBRARY_ERROR: 1 call, ", log);
        Assert.Contains("dlcall stats: FREE_LIBRARY: 1 call, ", log);
        Assert.Contains($"dlcall stats: INVOKE_PROC: {(fast ? 8 : 13)} calls, ", log);
        if (fast) Assert.Contains("dlcall stats: fast path call: 5 calls, ", log);
        Assert.Matches(@"dlcall stats: \d+ calls, \d+\.\d{3} ms on the host", log);
        Assert.Contains($"dlcall stats: library {Guest.HostLib}: 12 calls, ", log);
        Assert.Contains("dlcall stats:   dlcall_test_add: 7 calls, ", log);
        Assert.Contains("dlcall stats:   dlcall_test_strlen: 5 calls, ", log);
    }

    [Fact]
    public void TraceLogsEachCallWithArgumentsAndResult()
    {
        var r = Guest.Run(new("aarch64", "static"), "observe", [Guest.HostLib], plugin: "trace=on", qemuOptions: ["-d", "plugin"]);
        Guest.AssertPassed(r, "observe");
        string log = r.StderrText;
        Assert.Matches($"dlcall trace: vcpu 0 LOAD_LIBRARY path=\"{Regex.Escape(Guest.HostLib)}\" flags=0x2 -> 0, handle=0x[0-9a-f]+\n", log);
        Assert.Matches("dlcall trace: vcpu 0 GET_PROC_ADDRESS handle=0x[0-9a-f]+ name=\"dlcall_no_such_function\" -> 0, address=0x0\n", log);
        Assert.Contains("dlcall trace: vcpu 0 GET_LIBRARY_ERROR -> 0, message=\"" + Guest.HostLib + ": undefined symbol: dlcall_no_such_function\"\n", log);
        Assert.Equal(7, Regex.Matches(log, $@"INVOKE_PROC fn=0x[0-9a-f]+ \({Regex.Escape(Guest.HostLib)}!dlcall_test_add\) a=0x[0-9a-f]+ b=0x[0-9a-f]+ -> 0\n").Count);
        Assert.Equal(5, Regex.Matches(log, $@"fast path call fn=0x[0-9a-f]+ \({Regex.Escape(Guest.HostLib)}!dlcall_test_strlen\)").Count);
        Assert.Contains("dlcall trace: vcpu 0 INVOKE_PROC fn=0x0 a=0x0 b=0x0 -> -14\n", log);
        Assert.DoesNotContain("dlcall stats", log);
    }

    [Fact]
    public void StatsGoToTheLogFileWithD()
    {
        string file = Path.Combine(Path.GetTempPath(), $"dlcall-stats-{Environment.ProcessId}.log");
        try
        {
            var r = Guest.Run(new("x86_64", "dynamic"), "observe", [Guest.HostLib], plugin: "stats=on",
                qemuOptions: ["-d", "plugin", "-D", file]);
            Guest.AssertPassed(r, "observe");
            Assert.DoesNotContain("dlcall stats", r.StderrText);
            Assert.Contains("dlcall stats:   dlcall_test_add: 7 calls, ", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void OffByDefaultAndSilentWithoutTheLog()
    {
        var quiet = Guest.Run(new("riscv64", "static"), "observe", [Guest.HostLib], qemuOptions: ["-d", "plugin"]);
        Guest.AssertPassed(quiet, "observe");
        Assert.DoesNotContain("dlcall", quiet.StderrText);
        var noLog = Guest.Run(new("riscv64", "static"), "observe", [Guest.HostLib], plugin: "stats=on,trace=on");
        Guest.AssertPassed(noLog, "observe");
        Assert.DoesNotContain("dlcall", noLog.StderrText);
    }
}
