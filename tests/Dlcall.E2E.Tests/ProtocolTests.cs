// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>The protocol under the real QEMU, on every guest ISA, static and dynamic.</summary>
public class ProtocolTests
{
    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void EveryIdAgainstTheTestLibraryAndLibc(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "ids", [Guest.HostLib]);
        Guest.AssertPassed(r, "ids");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void DlerrorNamesTheMissingLibraryAndSymbol(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "dlerror", [Guest.HostLib]);
        Guest.AssertPassed(r, "dlerror");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void ConfiguredSyscallNumberIsTheOnlyOneClaimed(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "syscallnum", ["8192"], plugin: "syscall_num=0x2000");
        Guest.AssertPassed(r, "syscallnum");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void OtherSyscallsAreUnaffected(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "passthru", []);
        Guest.AssertPassed(r, "passthru");
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void WithoutThePluginTheGuestSeesEnosys(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "ids", [Guest.HostLib], plugin: null);
        Assert.True(r.ExitCode == 77, r.ToString());
        Assert.Contains("SKIP no plugin", r.StdoutText);
    }

    [Fact]
    public void BadOptionStopsQemuWithTheMessage()
    {
        var r = Guest.Run(new("aarch64", "static"), "ids", [Guest.HostLib], plugin: "syscall_num=12");
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("plugin dlcall: syscall_num 12 is out of range; it must be >= 4096", r.StderrText);
    }

    /// <summary>
    /// Through real QEMU, as the seed answers: a bare option reaches the plugin as
    /// "syscall_num=on" (QEMU's option parser, which warns first that the short form is
    /// deprecated), and a value is echoed as written.
    /// </summary>
    [Theory]
    [InlineData("syscall_num", "plugin dlcall: invalid syscall_num 'on'\n")]
    [InlineData("syscall_num=0x10", "plugin dlcall: syscall_num 0x10 is out of range; it must be >= 4096 to avoid clashing with a real syscall\n")]
    [InlineData("syscall_num=99999999999999999999", "plugin dlcall: syscall_num 99999999999999999999 is out of range; it must be >= 4096 to avoid clashing with a real syscall\n")]
    [InlineData("syscall_num=", "plugin dlcall: missing value for syscall_num\n")]
    public void OptionMessagesAreTheSeeds(string option, string message)
    {
        var r = Guest.Run(new("aarch64", "static"), "ids", [Guest.HostLib], plugin: option);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message.TrimEnd('\n'), r.StderrText.Split('\n'));
    }
}
