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

    /// <summary>Issue 13: a first guest root is not made in silence. In a cache of the test's own
    /// (DLCALL_CACHE) given the shared cache's package index, so only libc6's three packages (2 MB)
    /// are downloaded: each step says how long the build has taken, and a cached root says nothing.</summary>
    [Fact]
    public void AFirstGuestRootShowsItsStepsWithTheElapsedTime()
    {
        string cache = Directory.CreateTempSubdirectory("dlcall-cache-").FullName;
        try
        {
            string shared = Path.Combine(Environment.GetEnvironmentVariable("DLCALL_CACHE")
                ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME")
                    ?? Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache"), "dlcall"), "apt-arm64-bookworm");
            if (Directory.Exists(Path.Combine(shared, "state")) && File.Exists(Path.Combine(shared, "updated")))
            {
                var copy = ProcessRunner.Run("/bin/cp", ["-a", Path.Combine(shared, "state"), Path.Combine(shared, "updated"),
                    Path.Combine(Directory.CreateDirectory(Path.Combine(cache, "apt-arm64-bookworm")).FullName, ".")]);
                Assert.True(copy.ExitCode == 0, copy.ToString());
            }
            var env = new Dictionary<string, string> { ["DLCALL_CACHE"] = cache };
            var first = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["sysroot", "--arch", "arm64", "libc6"], TimeSpan.FromMinutes(5), env);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.StartsWith(cache, first.StdoutText.Trim());
            string[] steps = [@"guest-sysroot: 3 packages for arm64: gcc-12-base libc6 libgcc-s1",
                @"guest-sysroot: downloading 3 of 3 packages, \d+\.\d MiB \(\d+ s so far\)",
                @"guest-sysroot: extracting 3 packages \(\d+ s so far\)", @"guest-sysroot: done in \d+ s"];
            Assert.Matches(string.Join(@"\n(.*\n)*", steps), first.StderrText);

            var cached = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["sysroot", "--arch", "arm64", "libc6"], TimeSpan.FromMinutes(1), env);
            Assert.True(cached.ExitCode == 0, cached.ToString());
            Assert.Equal(first.StdoutText, cached.StdoutText);
            Assert.Equal("", cached.StderrText);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
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
