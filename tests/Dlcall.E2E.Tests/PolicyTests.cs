// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>The plugin's allow=/deny= options on LOAD_LIBRARY (docs/Security.md, "Library
/// policy"), through the real QEMU.</summary>
public class PolicyTests
{
    private static string Denied(string path, string why) =>
        $"denied {path}: dlcall: loading '{path}' is denied by the plugin's policy ({why})\n";

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void DenyWinsOverAllowAndDlerrorExplains(string isa, string link)
    {
        string lib = Guest.HostLib;
        var r = Guest.Run(new(isa, link), "policy",
            [lib, "ok:libm.so.6", "denied:" + lib, "denied:libz.so.1", "ok:/lib/x86_64-linux-gnu/libm.so.6"],
            plugin: "allow=libdlcall_*:libm.so*,deny=*testlib*");
        Guest.AssertPassed(r, "policy");
        Assert.Contains(Denied(lib, "deny=*testlib*"), r.StdoutText);
        Assert.Contains(Denied("libz.so.1", "no allow= pattern matches: allow=libdlcall_*:libm.so*"), r.StdoutText);
    }

    [Fact]
    public void PatternsWithASlashMatchTheWholePathAndOptionsRepeat()
    {
        var r = Guest.Run(new("x86_64", "static"), "policy",
            ["x", "ok:/lib/x86_64-linux-gnu/libm.so.6", "denied:libm.so.6", "ok:libz.so.1", "denied:/tmp/libz.so.1"],
            plugin: "allow=/lib/*,allow=libz.so.1,deny=/tmp/*");
        Guest.AssertPassed(r, "policy");
        Assert.Contains(Denied("libm.so.6", "no allow= pattern matches: allow=/lib/*:libz.so.1"), r.StdoutText);
        Assert.Contains(Denied("/tmp/libz.so.1", "deny=/tmp/*"), r.StdoutText);
    }

    [Fact]
    public void WithoutOptionsEverythingLoadsAsInTheSeed()
    {
        var r = Guest.Run(new("aarch64", "static"), "policy", [Guest.HostLib, "ok:" + Guest.HostLib, "ok:libz.so.1"]);
        Guest.AssertPassed(r, "policy");
    }

    [Theory]
    [InlineData("allow=", "plugin dlcall: missing value for allow\n")]
    [InlineData("deny=", "plugin dlcall: missing value for deny\n")]
    [InlineData("deny=::", "plugin dlcall: missing value for deny\n")]
    [InlineData("stats=yes", "plugin dlcall: invalid stats=yes; use on, off, true or false\n")]
    public void BadPolicyOptionStopsQemu(string option, string message)
    {
        var r = Guest.Run(new("aarch64", "static"), "policy", [Guest.HostLib], plugin: option);
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith(message, r.StderrText);
    }
}
