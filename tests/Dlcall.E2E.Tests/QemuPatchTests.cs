// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The syscall-filter backport (native/qemu/syscall-filter.patch) on its own terms: any plugin
/// that registers a filter claims syscalls, and filters run in registration order.
/// </summary>
public class QemuPatchTests
{
    private static string CPlugin => RepoPaths.Require("cplugin", "libdlcall_min.so");

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    [InlineData("x86_64")]
    public void AFilterRegisteredByAnotherPluginClaimsTheSyscall(string isa)
    {
        var r = Guest.RunWithPlugins(new(isa, "static"), "ids", [Guest.HostLib], [CPlugin]);
        Guest.AssertPassed(r, "ids");
    }

    [Fact]
    public void UnclaimedSyscallsStillReachTheKernel()
    {
        var r = Guest.RunWithPlugins(new("aarch64", "static"), "passthru", [], [CPlugin]);
        Guest.AssertPassed(r, "passthru");
    }

    [Theory]
    [InlineData("8192")]  // claimed by the first filter (the C plugin)
    [InlineData("16384")] // passed over by the first, claimed by the second (dlcall)
    public void TwoFiltersOnDifferentNumbersBothWork(string number)
    {
        string[] plugins = [CPlugin + ",syscall_num=8192", RepoPaths.Plugin + ",syscall_num=16384"];
        var r = Guest.RunWithPlugins(new("x86_64", "static"), "syscallnum", [number], plugins);
        Guest.AssertPassed(r, "syscallnum");
    }

    [Fact]
    public void TheFirstRegisteredFilterWinsForTheSameNumber()
    {
        // Both claim 4096: the first plugin on the command line serves it. Only the dlcall plugin
        // answers the "dlcall.version" attribute, so the guest can tell which one answered.
        var target = new GuestTarget("x86_64", "static");
        var first = Guest.RunWithPlugins(target, "ids", [Guest.HostLib], [RepoPaths.Plugin, CPlugin]);
        var second = Guest.RunWithPlugins(target, "ids", [Guest.HostLib], [CPlugin, RepoPaths.Plugin]);
        Assert.Contains("attribute dlcall.version = 0.1.0", first.StdoutText);
        Assert.DoesNotContain("attribute dlcall.version = 0.1.0", second.StdoutText);
    }
}
