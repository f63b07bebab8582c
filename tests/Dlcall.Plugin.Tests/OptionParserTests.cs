// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;
using Dlcall.Plugin;

namespace Dlcall.Plugin.Tests;

/// <summary>Option parsing and its messages, byte for byte (the harness tests repeat this on the
/// published library).</summary>
public class OptionParserTests
{
    private const string OutOfRange = " is out of range; it must be >= 4096 to avoid clashing with a real syscall\n";

    [Theory]
    [InlineData(new string[0], 4096L)]
    [InlineData(new[] { "syscall_num=8192" }, 8192L)]
    [InlineData(new[] { "syscall_num=0x2000" }, 8192L)]
    [InlineData(new[] { "syscall_num=020000" }, 8192L)]
    [InlineData(new[] { "syscall_num= +4097" }, 4097L)]
    [InlineData(new[] { "syscall_num=4096" }, 4096L)]
    [InlineData(new[] { "syscall_num=9223372036854775807" }, long.MaxValue)]
    [InlineData(new[] { "syscall_num=5000", "syscall_num=6000" }, 6000L)] // last wins
    [InlineData(new[] { "syscall_num=5000=1" }, -1L)] // split on the first '=' only: invalid
    public void Accepts(string[] options, long expected)
    {
        var (settings, error) = OptionParser.Parse(options.Select(Encoding.UTF8.GetBytes).ToList());
        if (expected < 0)
        {
            Assert.Null(settings);
            Assert.Equal("plugin dlcall: invalid syscall_num '5000=1'\n", Encoding.UTF8.GetString(error!));
            return;
        }
        Assert.Null(error);
        Assert.Equal(expected, settings!.SyscallNumber);
    }

    [Theory]
    [InlineData("syscall_num", "plugin dlcall: missing value for syscall_num\n")]
    [InlineData("syscall_num=", "plugin dlcall: missing value for syscall_num\n")]
    [InlineData("syscall_num=abc", "plugin dlcall: invalid syscall_num 'abc'\n")]
    [InlineData("syscall_num=4096 ", "plugin dlcall: invalid syscall_num '4096 '\n")]
    [InlineData("syscall_num=-4096", "plugin dlcall: invalid syscall_num '-4096'\n")]
    [InlineData("syscall_num=0x", "plugin dlcall: invalid syscall_num '0x'\n")]
    [InlineData("syscall_num= ", "plugin dlcall: invalid syscall_num ' '\n")]
    [InlineData("syscall_num=0", "plugin dlcall: syscall_num 0" + OutOfRange)]
    [InlineData("syscall_num=4095", "plugin dlcall: syscall_num 4095" + OutOfRange)]
    [InlineData("syscall_num=0xfff", "plugin dlcall: syscall_num 0xfff" + OutOfRange)]
    [InlineData("syscall_num=9223372036854775808", "plugin dlcall: syscall_num 9223372036854775808" + OutOfRange)]
    [InlineData("syscall_num=99999999999999999999999", "plugin dlcall: syscall_num 99999999999999999999999" + OutOfRange)]
    [InlineData("syscallnum=4096", "plugin dlcall: unknown option 'syscallnum=4096'\n")]
    [InlineData("verbose", "plugin dlcall: unknown option 'verbose'\n")]
    [InlineData("=4096", "plugin dlcall: unknown option '=4096'\n")]
    public void RejectsWithTheSeedsMessage(string option, string message)
    {
        var (settings, error) = OptionParser.Parse([Encoding.UTF8.GetBytes(option)]);
        Assert.Null(settings);
        Assert.Equal(message, Encoding.UTF8.GetString(error!));
    }

    [Fact]
    public void FirstBadOptionStopsParsing()
    {
        var (_, error) = OptionParser.Parse([Encoding.UTF8.GetBytes("a=1"), Encoding.UTF8.GetBytes("syscall_num=1")]);
        Assert.Equal("plugin dlcall: unknown option 'a=1'\n", Encoding.UTF8.GetString(error!));
    }

    [Fact]
    public void EchoesNonUtf8BytesUnchanged()
    {
        byte[] option = [(byte)'x', 0xff, 0xfe];
        var (_, error) = OptionParser.Parse([option]);
        byte[] expected = [.. "plugin dlcall: unknown option 'x"u8, 0xff, 0xfe, .. "'\n"u8];
        Assert.Equal(expected, error);
    }

    [Fact]
    public void AllowAndDenyRepeatAndSplitOnColons()
    {
        var (settings, error) = OptionParser.Parse(
            new[] { "allow=libz.so*:libm.so.6", "deny=*evil*", "allow=::/opt/*:", "syscall_num=5000" }
                .Select(Encoding.UTF8.GetBytes).ToList());
        Assert.Null(error);
        Assert.Equal(["libz.so*", "libm.so.6", "/opt/*"], settings!.Allow.Select(Encoding.UTF8.GetString));
        Assert.Equal(["*evil*"], settings.Deny.Select(Encoding.UTF8.GetString));
        Assert.Equal(5000, settings.SyscallNumber);
    }

    [Theory]
    [InlineData("stats=on", true, false)]
    [InlineData("stats=true", true, false)]
    [InlineData("trace=on", false, true)]
    [InlineData("trace=false", false, false)]
    [InlineData("stats=off", false, false)]
    public void StatsAndTraceTakeQemuBooleans(string option, bool stats, bool trace)
    {
        var (settings, error) = OptionParser.Parse([Encoding.UTF8.GetBytes(option)]);
        Assert.Null(error);
        Assert.Equal((stats, trace), (settings!.Stats, settings.Trace));
    }

    [Theory]
    [InlineData("allow", "plugin dlcall: missing value for allow\n")]
    [InlineData("allow=", "plugin dlcall: missing value for allow\n")]
    [InlineData("deny=:", "plugin dlcall: missing value for deny\n")]
    [InlineData("stats", "plugin dlcall: invalid stats; use on, off, true or false\n")]
    [InlineData("trace=1", "plugin dlcall: invalid trace=1; use on, off, true or false\n")]
    [InlineData("Allow=x", "plugin dlcall: unknown option 'Allow=x'\n")]
    public void RejectsBadDlcallOptions(string option, string message)
    {
        var (settings, error) = OptionParser.Parse([Encoding.UTF8.GetBytes(option)]);
        Assert.Null(settings);
        Assert.Equal(message, Encoding.UTF8.GetString(error!));
    }

    [Theory]
    [InlineData(5, "Api7")] // dlcall's backport to 10.2
    [InlineData(6, "Api6")]
    [InlineData(7, "Api7")]
    [InlineData(8, "Api7")]
    public void PicksTheFilterShapeFromTheApiLevel(int apiCur, string shape) =>
        Assert.Equal(shape, FilterShapeSelector.Select(apiCur).ToString());

    [Fact]
    public void FollowExecAndStatsFile()
    {
        Assert.True(OptionParser.Parse([]).Settings!.FollowExec);
        Assert.False(OptionParser.Parse([Encoding.UTF8.GetBytes("follow_exec=off")]).Settings!.FollowExec);
        var (settings, _) = OptionParser.Parse([Encoding.UTF8.GetBytes("stats_file=/tmp/s.txt")]);
        Assert.Equal("/tmp/s.txt", Encoding.UTF8.GetString(settings!.StatsFile!));
        Assert.Equal("plugin dlcall: invalid follow_exec=maybe; use on, off, true or false\n",
            Encoding.UTF8.GetString(OptionParser.Parse([Encoding.UTF8.GetBytes("follow_exec=maybe")]).Error!));
        Assert.Equal("plugin dlcall: missing value for stats_file\n",
            Encoding.UTF8.GetString(OptionParser.Parse([Encoding.UTF8.GetBytes("stats_file=")]).Error!));
    }

    [Fact]
    public void FastPathOff()
    {
        Assert.True(OptionParser.Parse([]).Settings!.FastPath);
        var off = OptionParser.Parse([Encoding.UTF8.GetBytes("fast_path=off")]).Settings!;
        Assert.False(off.FastPath);
        Assert.True(off.FollowExec);
        Assert.True(OptionParser.Parse([Encoding.UTF8.GetBytes("follow_exec=off")]).Settings!.FastPath);
        Assert.Equal("plugin dlcall: invalid fast_path=maybe; use on, off, true or false\n",
            Encoding.UTF8.GetString(OptionParser.Parse([Encoding.UTF8.GetBytes("fast_path=maybe")]).Error!));
    }
}
