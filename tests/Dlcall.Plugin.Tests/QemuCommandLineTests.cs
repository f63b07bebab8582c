// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;
using Dlcall.Plugin;

namespace Dlcall.Plugin.Tests;

/// <summary>How exec following rebuilds QEMU's command line for a child (QemuCommandLine).</summary>
public class QemuCommandLineTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static QemuCommandLine? Parse(string line, string? envRoot = null) =>
        QemuCommandLine.Parse(line.Split(' ').Select(B).ToList(), B("/work"), envRoot is null ? null : B(envRoot));

    private static string Kept(QemuCommandLine c) => string.Join(' ', c.Kept.Select(Encoding.UTF8.GetString));

    [Fact]
    public void KeepsOptionsDropsEnvironmentArgv0AndGdb()
    {
        var c = Parse("qemu-aarch64 -L root -E A=1,B=2 -U C -0 name -g 1234 -cpu max -d plugin -D log.txt --plugin lib.so,stats=on -B 0x1000 -strace prog a b")!;
        Assert.Equal("qemu-aarch64 -L /work/root -cpu max -d plugin -D /work/log.txt --plugin /work/lib.so,stats=on -B 0x1000 -strace", Kept(c));
        Assert.Equal("/work/root", Encoding.UTF8.GetString(c.Root!));
        Assert.Equal("prog", Encoding.UTF8.GetString(c.Program));
    }

    [Fact]
    public void PluginFileFormAndAbsolutePathsStay()
    {
        var c = Parse("qemu -plugin file=/p/lib.so,follow_exec=on -L / -- -prog")!;
        Assert.Equal("qemu -plugin file=/p/lib.so,follow_exec=on -L /", Kept(c));
        Assert.Null(c.Root); // QEMU treats "/" as no root
        Assert.Equal("-prog", Encoding.UTF8.GetString(c.Program));
    }

    [Fact]
    public void RootFromTheEnvironmentUnlessGivenOnTheLine()
    {
        Assert.Equal("/sys", Encoding.UTF8.GetString(Parse("qemu prog", "/sys")!.Root!));
        Assert.Equal("/work/r", Encoding.UTF8.GetString(Parse("qemu -L r prog", "/sys")!.Root!));
    }

    [Theory]
    [InlineData("qemu")]                 // no program
    [InlineData("qemu -L")]              // a value missing
    [InlineData("filter_fuzzer -runs=5")] // not QEMU's options: nothing to follow
    public void NotAQemuLine(string line) => Assert.Null(Parse(line));
}
