// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>Host code that faults during a guest's call: the plugin names the library and the
/// symbol, the process dies by the signal (docs/Security.md, "Host crashes").</summary>
public class HostCrashTests
{
    private const int SigIll = 4;
    private const int SigSegv = 11;

    [Theory]
    [InlineData("aarch64", "static", "segv")]
    [InlineData("riscv64", "dynamic", "segv")]
    [InlineData("x86_64", "static", "segv")]
    [InlineData("aarch64", "dynamic", "fast")]
    [InlineData("riscv64", "static", "fast")]
    [InlineData("x86_64", "dynamic", "fast")]
    public void FaultInAHostFunctionNamesItAndDiesBySigsegv(string isa, string link, string mode)
    {
        var r = Guest.Run(new(isa, link), "hostcrash", [Guest.HostLib, mode]);
        Assert.True(r.ExitCode == 128 + SigSegv, r.ToString());
        Assert.Contains("calling the host", r.StdoutText);
        Assert.DoesNotContain("FAIL", r.StdoutText);
        Assert.Contains("dlcall: host code crashed with SIGSEGV (address 0x8) at ", r.StderrText);
        Assert.Contains(Guest.HostLib + "!dlcall_test_crash+0x", r.StderrText); // the faulting instruction
        Assert.Contains("during the guest's call of " + Guest.HostLib + "!dlcall_test_crash; QEMU stops", r.StderrText);
    }

    [Fact]
    public void InvalidInstructionInAHostFunctionDiesBySigill()
    {
        var r = Guest.Run(new("aarch64", "static"), "hostcrash", [Guest.HostLib, "ill"]);
        Assert.True(r.ExitCode == 128 + SigIll, r.ToString());
        Assert.Contains("dlcall: host code crashed with SIGILL", r.StderrText);
        Assert.Contains("during the guest's call of " + Guest.HostLib + "!dlcall_test_crash; QEMU stops", r.StderrText);
    }

    /// <summary>QEMU would take a jump to nowhere for a guest fault and unwind into the guest's
    /// signal handling from inside the plugin.</summary>
    [Fact]
    public void CallToAnUnmappedAddressIsReportedNotDeliveredToTheGuest()
    {
        var r = Guest.Run(new("x86_64", "static"), "hostcrash", [Guest.HostLib, "jump"]);
        Assert.True(r.ExitCode == 128 + SigSegv, r.ToString());
        Assert.Contains("dlcall: host code crashed with SIGSEGV (address 0x1234) at 0x1234 (in no loaded library) " +
                        "during the guest's call of 0x1234 (in no loaded library); QEMU stops", r.StderrText);
        Assert.DoesNotContain("uncaught target signal", r.StderrText);
    }
}
