// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The .NET runtime inside QEMU's process must not change what the guest sees of signals,
/// fork and exec (docs/HowItWorks.md, "One process, two runtimes").
/// </summary>
public class CoexistenceTests
{
    private const int SigSegv = 11, SigPipe = 13;

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void GuestSigsegvHandlerRunsAndPluginKeepsWorking(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "sigsegv", [Guest.HostLib]);
        Guest.AssertPassed(r, "sigsegv");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void GuestThatSegfaultsDiesBySigsegv(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "crash", [Guest.HostLib]);
        Assert.True(r.ExitCode == 128 + SigSegv, r.ToString());
        Assert.Contains("about to crash", r.StdoutText);
        // QEMU names the signal only for targets that can dump core; riscv64 cannot.
        if (isa != "riscv64") Assert.Contains("uncaught target signal 11", r.StderrText);
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ProcessDirectedTimerSignalsNeverReachRuntimeThreads(string isa, string link)
    {
        // setitimer signals go to any thread not blocking them; before the plugin blocked
        // signals in the .NET runtime's threads this killed QEMU within a second.
        var r = Guest.Run(new(isa, link), "sigalrm", [Guest.HostLib]);
        Guest.AssertPassed(r, "sigalrm");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void GuestSigintHandlerRuns(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "sigint", [Guest.HostLib]);
        Guest.AssertPassed(r, "sigint");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void WriteToAClosedPipeKillsTheGuestBySigpipe(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "sigpipe", [Guest.HostLib]);
        Assert.True(r.ExitCode == 128 + SigPipe, r.ToString());
        Assert.Contains("writing", r.StdoutText);
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ForkedChildKeepsThePluginAndExecedProgramInheritsCleanSignals(string isa, string link)
    {
        string sigstate = Dlcall.TestSupport.RepoPaths.Require("e2e", "host", "sigstate");
        var r = Guest.Run(new(isa, link), "forkexec", [Guest.HostLib, sigstate]);
        Guest.AssertPassed(r, "forkexec");
        Assert.Contains("exec ok", r.StdoutText);
    }

    [Fact]
    public void TheGuestFindsTheDescriptorsBareQemuLeavesIt()
    {
        // The .NET runtime in the plugin keeps /dev/urandom open; it took descriptor 3, so a
        // guest's first open() returned 4 under dlcall and 3 under bare QEMU.
        string root = DebianProgram.Root("aarch64", "coreutils");
        string ls = Path.Combine(root, "usr/bin/ls");
        var bare = GuestCommand.Run("aarch64", new QemuCommand { Root = root }, [ls, "/proc/self/fd"], TimeSpan.FromMinutes(2));
        Assert.True(bare.ExitCode == 0, bare.ToString());
        foreach (string passthrough in new[] { "none", "all" })
        {
            var r = DebianProgram.Run(root, "usr/bin/ls", passthrough, "/proc/self/fd");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(bare.StdoutText, r.StdoutText);
        }
    }
}
