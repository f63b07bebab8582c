// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

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
        var r = RunQemu(new(isa, link), "guestbase", ["-B", "0x100000000"]);
        Guest.AssertPassed(r, "guestbase");
        Assert.Equal(Refusal, r.StderrText); // once, however many calls
    }

    [Fact]
    public void GuestBaseFromTheEnvironmentIsRefusedToo()
    {
        var r = RunQemu(new("riscv64", "static"), "guestbase", [],
            new Dictionary<string, string> { ["QEMU_GUEST_BASE"] = "0x100000000" });
        Guest.AssertPassed(r, "guestbase");
        Assert.Equal(Refusal, r.StderrText);
    }

    /// <summary>-R reserves the guest's address space; QEMU keeps guest_base 0 when the program
    /// fits, and dlcall works.</summary>
    [Fact]
    public void ReservedVaWithGuestBaseZeroStillWorks()
    {
        var r = RunQemu(new("aarch64", "static"), "ids", ["-R", "0x10000000"]);
        Guest.AssertPassed(r, "ids");
    }

    private static ProcessResult RunQemu(GuestTarget target, string feature, string[] qemuOptions,
        IDictionary<string, string>? env = null)
    {
        string qemu = Path.Combine(RepoPaths.QemuDir, "bin", "qemu-" + target.Isa);
        var args = new List<string>(qemuOptions);
        if (target.Sysroot != null) args.AddRange(["-L", target.Sysroot]);
        args.AddRange(["-plugin", RepoPaths.Plugin, RepoPaths.Require("e2e", target.ToString(), feature), Guest.HostLib]);
        return ProcessRunner.Run(qemu, args, TimeSpan.FromSeconds(120), env);
    }
}
