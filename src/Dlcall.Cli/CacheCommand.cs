// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall cache</c> lists what dlcall keeps outside the clone (QEMU builds, guest roots, the
/// guest package index and .debs, upstream sources); <c>dlcall cache prune</c> removes the guest
/// roots no program has run from for a while, unfinished ones, and QEMU builds other than the
/// current one. Every package set and every change of the root layout makes a new root (~250 MB),
/// so without pruning the cache only grows. A pruned root is rebuilt from the kept .debs on its
/// next use.
/// </summary>
internal static class CacheCommand
{
    private enum Kind { GuestRoot, UnfinishedRoot, Qemu, Packages, Sources, Other }

    private sealed record Entry(string Path, Kind Kind, long Bytes, DateTime LastUsed, bool Current);

    public static Command Create()
    {
        var cmd = new Command("cache", "list what dlcall keeps in its cache directory (QEMU builds, guest roots, packages), or prune it");
        cmd.SetAction(_ => List());
        var days = new Option<int>("--unused-days")
        {
            Description = "remove guest roots no program ran from for this many days",
            DefaultValueFactory = _ => 30,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "say what would be removed, remove nothing" };
        var prune = new Command("prune", "remove unused guest roots, unfinished ones and QEMU builds other than the current one");
        prune.Options.Add(days);
        prune.Options.Add(dryRun);
        prune.SetAction(pr => Prune(pr.GetValue(days), pr.GetValue(dryRun)));
        cmd.Subcommands.Add(prune);
        return cmd;
    }

    private static int List()
    {
        if (Scan() is not var (cache, entries)) return 2;
        Console.WriteLine(cache);
        foreach (var e in entries.OrderBy(e => e.Kind).ThenByDescending(e => e.LastUsed))
            Console.WriteLine($"  {Size(e.Bytes),9}  {e.LastUsed:yyyy-MM-dd}  {Describe(e),-22}  {Path.GetFileName(e.Path)}");
        Console.WriteLine($"  {Size(entries.Sum(e => e.Bytes)),9}  in all; `dlcall cache prune` removes unused guest roots and old QEMU builds");
        return 0;
    }

    private static int Prune(int unusedDays, bool dryRun)
    {
        if (unusedDays < 0) return Fail("--unused-days must be 0 or more");
        if (Scan() is not var (_, entries)) return 2;
        DateTime before = DateTime.UtcNow.AddDays(-unusedDays);
        // An unfinished root younger than an hour may be one being built right now.
        DateTime unfinishedBefore = DateTime.UtcNow.AddHours(-1);
        var doomed = entries.Where(e => e.Kind switch
        {
            Kind.GuestRoot => e.LastUsed < before,
            Kind.UnfinishedRoot => e.LastUsed < unfinishedBefore,
            Kind.Qemu => !e.Current,
            _ => false,
        }).ToList();
        long freed = 0;
        foreach (var e in doomed)
        {
            Console.WriteLine($"{(dryRun ? "would remove" : "removing")} {Describe(e)} {e.Path} ({Size(e.Bytes)}, last used {e.LastUsed:yyyy-MM-dd})");
            if (dryRun) { freed += e.Bytes; continue; }
            try { Directory.Delete(e.Path, recursive: true); freed += e.Bytes; }
            catch (Exception x) when (x is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dlcall cache: cannot remove {e.Path}: {x.Message}");
            }
        }
        Console.WriteLine($"{(dryRun ? "would free" : "freed")} {Size(freed)} ({doomed.Count} of {entries.Count} entries)");
        return 0;
    }

    /// <summary>The cache directory and its entries. The directory is where the current QEMU build
    /// lives: build-qemu.sh --print-prefix computes it (DLCALL_CACHE, XDG_CACHE_HOME), nobody else.</summary>
    private static (string Cache, List<Entry> Entries)? Scan()
    {
        string? qemu = ChildProcess.Output("bash", Path.Combine(RepoLayout.Root, "native/qemu/build-qemu.sh"), "--print-prefix");
        if (string.IsNullOrEmpty(qemu) || Path.GetDirectoryName(qemu) is not { } cache)
        {
            Fail("native/qemu/build-qemu.sh --print-prefix named no cache directory");
            return null;
        }
        if (!Directory.Exists(cache)) return (cache, []);
        var entries = Progress.Step("measuring the cache", () =>
            Directory.GetDirectories(cache).Select(d => Measure(d, qemu)).ToList());
        return (cache, entries);
    }

    private static Entry Measure(string dir, string currentQemu)
    {
        string name = Path.GetFileName(dir);
        long bytes = Bytes(new DirectoryInfo(dir));
        DateTime modified = Directory.GetLastWriteTimeUtc(dir);
        if (name.StartsWith("sysroot-", StringComparison.Ordinal))
        {
            string complete = Path.Combine(dir, ".dlcall-complete");
            if (!File.Exists(complete)) return new(dir, Kind.UnfinishedRoot, bytes, modified, false);
            return new(dir, Kind.GuestRoot, bytes, LastRun(dir, File.GetLastWriteTimeUtc(complete)), false);
        }
        if (name.StartsWith("qemu-", StringComparison.Ordinal))
            return new(dir, Kind.Qemu, bytes, modified, Path.GetFullPath(dir) == Path.GetFullPath(currentQemu));
        if (name.StartsWith("apt-", StringComparison.Ordinal)) return new(dir, Kind.Packages, bytes, modified, false);
        return new(dir, name == "src" ? Kind.Sources : Kind.Other, bytes, modified, false);
    }

    /// <summary>
    /// When a program last ran from the root: every dynamically linked guest program maps the root's
    /// ld.so, which updates its access time (at most daily under relatime); never before the root
    /// was built. On a noatime mount this is the build time, and prune rebuilds such a root on use.
    /// </summary>
    private static DateTime LastRun(string root, DateTime built)
    {
        DateTime last = built;
        string lib = Path.Combine(root, "usr", "lib");
        if (!Directory.Exists(lib)) return last;
        foreach (string triple in Directory.GetDirectories(lib, "*-linux-gnu"))
            foreach (string loader in Directory.GetFiles(triple, "ld-linux-*.so*"))
                if (new FileInfo(loader).LinkTarget is null && File.GetLastAccessTimeUtc(loader) > last)
                    last = File.GetLastAccessTimeUtc(loader);
        return last;
    }

    /// <summary>The bytes of the files under <paramref name="dir"/>; links are not followed (a root's
    /// lib is a link to usr/lib).</summary>
    private static long Bytes(DirectoryInfo dir)
    {
        long sum = 0;
        try
        {
            foreach (var entry in dir.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null) continue;
                sum += entry is DirectoryInfo sub ? Bytes(sub) : ((FileInfo)entry).Length;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return sum;
    }

    private static string Describe(Entry e) => e.Kind switch
    {
        Kind.GuestRoot => "guest root",
        Kind.UnfinishedRoot => "unfinished guest root",
        Kind.Qemu => e.Current ? "QEMU build (current)" : "QEMU build (old)",
        Kind.Packages => "package index, .debs",
        Kind.Sources => "upstream sources",
        _ => "other",
    };

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0} MiB",
        _ => $"{bytes / 1024.0:0} KiB",
    };

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall cache: " + message);
        return 2;
    }
}
