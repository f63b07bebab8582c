// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>QEMU's guest_base: dlcall needs 0 and refuses every call otherwise, saying why
/// (docs/Security.md, "guest_base").</summary>
public class GuestBaseTests
{
    private const string Refusal = "plugin dlcall: QEMU runs the guest with guest_base 0x100000000 " +
        "(-B, -R or QEMU_GUEST_BASE), so guest addresses are not host addresses; dlcall refuses every call (-EINVAL)\n";

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void NonZeroGuestBaseIsRefusedWithTheReason(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "guestbase", [Guest.HostLib], qemuOptions: ["-B", "0x100000000"]);
        Guest.AssertPassed(r, "guestbase");
        Assert.Equal(Refusal, r.StderrText); // once, however many calls
    }

    [Fact]
    public void GuestBaseFromTheEnvironmentIsRefusedToo()
    {
        var r = Guest.Run(new("riscv64", "static"), "guestbase", [Guest.HostLib],
            env: new Dictionary<string, string> { ["QEMU_GUEST_BASE"] = "0x100000000" });
        Guest.AssertPassed(r, "guestbase");
        Assert.Equal(Refusal, r.StderrText);
    }

    /// <summary>A reserved-VA layout placed away from 0.</summary>
    [Fact]
    public void ReservedVaAtANonZeroBaseIsRefused()
    {
        var r = Guest.Run(new("aarch64", "static"), "guestbase", [Guest.HostLib],
            qemuOptions: ["-R", "0x1000000", "-B", "0x7f0000000000"]);
        Guest.AssertPassed(r, "guestbase");
        Assert.Equal(Refusal.Replace("0x100000000", "0x7f0000000000"), r.StderrText);
    }

    /// <summary>-R reserves the guest's address space; QEMU keeps guest_base 0 when the program
    /// fits, and dlcall works.</summary>
    [Fact]
    public void ReservedVaWithGuestBaseZeroStillWorks()
    {
        var r = Guest.Run(new("aarch64", "static"), "ids", [Guest.HostLib], qemuOptions: ["-R", "0x10000000"]);
        Guest.AssertPassed(r, "ids");
    }
}
