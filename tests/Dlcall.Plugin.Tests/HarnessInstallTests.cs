// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin.Tests;

/// <summary>The published libdlcall.so's install: accepted options, and every error message
/// compared byte for byte with the seed's (stderr is the plugin's alone).</summary>
public class HarnessInstallTests
{
    private const string OutOfRange = " is out of range; it must be >= 4096 to avoid clashing with a real syscall\n";

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(5)]
    public void InstallsWithoutOptions(int api)
    {
        var r = Harness.Run("install", ["--api", api.ToString()], []);
        Assert.Contains("install=0", r.StdoutText);
        Assert.Equal("", r.StderrText);
    }

    [Theory]
    [InlineData("syscall_num=4096")]
    [InlineData("syscall_num=0x2000")]
    [InlineData("syscall_num=0X2000")]
    [InlineData("syscall_num=020000")]
    [InlineData("syscall_num=+8192")]
    [InlineData("syscall_num= \t8192")]
    [InlineData("syscall_num=9223372036854775807")]
    public void AcceptsNumbers(string option)
    {
        var r = Harness.Run("install", [], [option]);
        Assert.True(r.StdoutText.Contains("install=0"), r.ToString());
        Assert.Equal("", r.StderrText);
    }

    [Theory]
    [InlineData(new[] { "syscall_num" }, "plugin dlcall: missing value for syscall_num\n")]
    [InlineData(new[] { "syscall_num=" }, "plugin dlcall: missing value for syscall_num\n")]
    [InlineData(new[] { "syscall_num=abc" }, "plugin dlcall: invalid syscall_num 'abc'\n")]
    [InlineData(new[] { "syscall_num=4096x" }, "plugin dlcall: invalid syscall_num '4096x'\n")]
    [InlineData(new[] { "syscall_num=4096 " }, "plugin dlcall: invalid syscall_num '4096 '\n")]
    [InlineData(new[] { "syscall_num=-5000" }, "plugin dlcall: invalid syscall_num '-5000'\n")]
    [InlineData(new[] { "syscall_num=0x" }, "plugin dlcall: invalid syscall_num '0x'\n")]
    [InlineData(new[] { "syscall_num=08000" }, "plugin dlcall: invalid syscall_num '08000'\n")]
    [InlineData(new[] { "syscall_num=4095" }, "plugin dlcall: syscall_num 4095" + OutOfRange)]
    [InlineData(new[] { "syscall_num=0" }, "plugin dlcall: syscall_num 0" + OutOfRange)]
    [InlineData(new[] { "syscall_num=0x10" }, "plugin dlcall: syscall_num 0x10" + OutOfRange)]
    [InlineData(new[] { "syscall_num=9223372036854775808" }, "plugin dlcall: syscall_num 9223372036854775808" + OutOfRange)]
    [InlineData(new[] { "syscall_num=18446744073709551616" }, "plugin dlcall: syscall_num 18446744073709551616" + OutOfRange)]
    [InlineData(new[] { "foo=bar" }, "plugin dlcall: unknown option 'foo=bar'\n")]
    [InlineData(new[] { "syscall_num=5000", "verbose" }, "plugin dlcall: unknown option 'verbose'\n")]
    public void RejectsWithTheSeedsMessage(string[] options, string stderr)
    {
        var r = Harness.Run("install", [], options);
        Assert.True(r.StdoutText.Contains("install=-1"), r.ToString());
        Assert.Equal(stderr, r.StderrText);
    }

    [Fact]
    public void RefusesSystemEmulation()
    {
        var r = Harness.Run("install", ["--system"], []);
        Assert.Contains("install=-1", r.StdoutText);
        Assert.Equal("plugin dlcall: only useful for user emulation\n", r.StderrText);
    }

    [Fact]
    public void ExplainsAQemuWithoutTheFilterApi()
    {
        var r = Harness.Run("install", [], [], withFilterApi: false);
        Assert.Contains("install=-1", r.StdoutText);
        Assert.StartsWith("plugin dlcall: this QEMU has no syscall-filter API", r.StderrText);
        Assert.Contains("native/qemu/build-qemu.sh", r.StderrText);
    }

    [Fact]
    public void ExportsAVersionEveryTargetQemuAccepts()
    {
        var r = Harness.Run("install", ["--api", "5"], []);
        Assert.Contains("qemu_plugin_version=5", r.StdoutText);
    }
}
