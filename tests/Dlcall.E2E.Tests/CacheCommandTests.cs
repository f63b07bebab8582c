// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <c>./dlcall cache</c> and <c>cache prune</c> on a cache directory of the test's own
/// (DLCALL_CACHE), laid out as the scripts lay it out: which entries prune removes and which it keeps.
/// </summary>
public sealed class CacheCommandTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("dlcall-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private ProcessResult Dlcall(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DLCALL_CACHE"] = _cache });

    private string CurrentQemu()
    {
        var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "native/qemu/build-qemu.sh"), "--print-prefix"],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["DLCALL_CACHE"] = _cache });
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StdoutText.Trim();
    }

    /// <summary>A finished guest root built <paramref name="builtDaysAgo"/> days ago whose ld.so a
    /// program last mapped <paramref name="ranDaysAgo"/> days ago.</summary>
    private string Root(string name, int builtDaysAgo, int ranDaysAgo)
    {
        string root = Path.Combine(_cache, name);
        string loader = Path.Combine(root, "usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1");
        Directory.CreateDirectory(Path.GetDirectoryName(loader)!);
        File.WriteAllBytes(loader, new byte[4096]);
        File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
        string complete = Path.Combine(root, ".dlcall-complete");
        File.WriteAllText(complete, "");
        File.SetLastWriteTimeUtc(complete, DateTime.UtcNow.AddDays(-builtDaysAgo));
        File.SetLastAccessTimeUtc(loader, DateTime.UtcNow.AddDays(-ranDaysAgo));
        return root;
    }

    private string Dir(string name, double hoursAgo)
    {
        string dir = Path.Combine(_cache, name);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "file"), new byte[1024]);
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddHours(-hoursAgo));
        return dir;
    }

    [Fact]
    public void PruneRemovesUnusedRootsUnfinishedOnesAndOldQemuBuildsOnly()
    {
        string unused = Root("sysroot-arm64-000000000001", builtDaysAgo: 90, ranDaysAgo: 45);
        string usedLately = Root("sysroot-arm64-000000000002", builtDaysAgo: 90, ranDaysAgo: 2);
        string builtLately = Root("sysroot-riscv64-000000000003", builtDaysAgo: 1, ranDaysAgo: 90);
        string unfinished = Dir("sysroot-arm64-000000000004.tmp", hoursAgo: 3);
        string beingBuilt = Dir("sysroot-arm64-000000000005.tmp", hoursAgo: 0);
        string oldQemu = Dir("qemu-10.2.2+ds-1-000000000000", hoursAgo: 1);
        string currentQemu = Dir(Path.GetFileName(CurrentQemu()), hoursAgo: 500);
        string packages = Dir("apt-arm64-bookworm", hoursAgo: 5000);

        var list = Dlcall("cache");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("QEMU build (current)", list.StdoutText);
        Assert.Contains("unfinished guest root", list.StdoutText);

        var dry = Dlcall("cache", "prune", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("would remove guest root " + unused, dry.StdoutText);
        Assert.True(Directory.Exists(unused), "--dry-run removed a root");

        var prune = Dlcall("cache", "prune");
        Assert.True(prune.ExitCode == 0, prune.ToString());
        foreach (string gone in new[] { unused, unfinished, oldQemu })
            Assert.False(Directory.Exists(gone), $"{gone} kept:\n{prune}");
        foreach (string kept in new[] { usedLately, builtLately, beingBuilt, currentQemu, packages })
            Assert.True(Directory.Exists(kept), $"{kept} removed:\n{prune}");
        Assert.Contains("(3 of 8 entries)", prune.StdoutText);
    }

    [Fact]
    public void ANegativeAgeIsOneLineOfError()
    {
        var r = Dlcall("cache", "prune", "--unused-days", "-1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("dlcall cache: --unused-days must be 0 or more\n", r.StderrText);
    }
}
