// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>The CLI's thin commands over the project's scripts.</summary>
public class ScriptCommandsTests
{
    private static ProcessResult Dlcall(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData("arm64", "aarch64-linux-gnu")]
    [InlineData("riscv64", "riscv64-linux-gnu")]
    public void SysrootPrintsAGuestRootWithThePackage(string arch, string triple)
    {
        var r = Dlcall("sysroot", "--arch", arch, "zlib1g");
        Assert.True(r.ExitCode == 0, r.ToString());
        string root = r.StdoutText.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(root, "lib", triple, "libz.so.1")), root);
    }

    /// <summary>Issue 13: `dlcall bench startup` measures the start-up as users start dlcall (the
    /// clone's ./dlcall, the installed link) against bare QEMU and writes bench/results/.</summary>
    [Fact]
    public void BenchStartupComparesEveryWayOfStartingWithBareQemu()
    {
        var r = Dlcall("bench", "startup", "--arch", "arm64", "--rounds", "11");
        Assert.True(r.ExitCode == 0, r.ToString());
        string file = r.StdoutText.Trim().Split('\n')[^1]["results: ".Length..];
        try
        {
            string table = File.ReadAllText(file);
            Assert.Contains("11 rounds, sides alternating their order", table);
            foreach (string side in new[] { "bare QEMU", "./dlcall run --passthrough none", "./dlcall run --passthrough all", "dlcall run --passthrough all (installed)" })
                Assert.Matches($@"\n\| {System.Text.RegularExpressions.Regex.Escape(side)} \| \d+\.\d \|", table);
            Assert.Matches(@"- ./dlcall run --passthrough all: (not )?met \(\d\.\d\dx\); -?\d+\.\d ms more than bare QEMU", table);
            Assert.Matches(@"- dlcall run --passthrough all \(installed\): (not )?met", table);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void SysrootRefusesAnUnknownArchitecture()
    {
        var r = Dlcall("sysroot", "--arch", "mips", "libc6");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--arch 'mips': unknown architecture; use one of aarch64, arm64, riscv64", r.StderrText);
    }

    [Fact]
    public void SysrootNamesAPackageDebianDoesNotHave()
    {
        var r = Dlcall("sysroot", "--arch", "arm64", "coreutils", "no-such-package");
        Assert.Equal(2, r.ExitCode);
        var lines = r.StderrText.Trim().Split('\n');
        Assert.Contains("guest-sysroot: no package 'no-such-package' for arm64 in Debian bookworm", lines);
        Assert.DoesNotContain(lines, l => l.Contains("done in"));
        Assert.Equal("", r.StdoutText);
    }

    [Fact]
    public void BenchNamesTheBenchmarksItHas()
    {
        var r = Dlcall("bench", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unrecognized command or argument 'nope'", r.StderrText);
        Assert.Contains("(commands: call, zlib, programs, startup)", r.StderrText);
    }
}
