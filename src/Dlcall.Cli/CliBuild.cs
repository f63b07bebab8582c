// SPDX-License-Identifier: GPL-2.0-or-later
using System.IO.Enumeration;

namespace Dlcall.Cli;

/// <summary>
/// Whether the clone's CLI executables (artifacts/cli/dlcall and dlcall-run) are older than a source
/// they are published from, checked by dlcall-run itself at every start: ./dlcall only execs it,
/// and the installed `dlcall` is a link to it, so no shell runs before a warm `run`. When they are,
/// dlcall-run goes back to ./dlcall with <see cref="RebuildVariable"/> set, which publishes them
/// again under a lock and returns with <see cref="FreshVariable"/> set (no second check, no loop).
/// </summary>
internal static class CliBuild
{
    /// <summary>Set by dlcall-run for ./dlcall: publish the executables now.</summary>
    public const string RebuildVariable = "DLCALL_REBUILD";

    /// <summary>Set by ./dlcall for the dlcall-run it has just published (or found current): skip the check.</summary>
    public const string FreshVariable = "DLCALL_FRESH";

    // The projects both executables are compiled from (src/Dlcall.Cli.Run links files of Dlcall.Cli).
    private static readonly string[] SourceDirs = ["src/Dlcall.Cli", "src/Dlcall.Cli.Run", "src/Dlcall.ThunkGen"];

    /// <summary>True when a source of <paramref name="root"/> is newer than <paramref name="exe"/> or the full CLI
    /// beside it is missing. A root without ./dlcall and src/ (no clone: nothing to build from) is never stale.</summary>
    public static bool IsStale(string root, string exe)
    {
        string wrapper = Path.Combine(root, "dlcall");
        if (!File.Exists(wrapper) || !Directory.Exists(Path.Combine(root, "src"))) return false;
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, "dlcall"))) return true;
        DateTime built = File.GetLastWriteTimeUtc(exe);
        foreach (string dir in SourceDirs)
        {
            if (AnyNewer(Path.Combine(root, dir), built, ".cs", recurse: true)) return true;
        }
        return AnyNewer(Path.Combine(root, "src"), built, ".csproj", recurse: true, depth: 1)
            || AnyNewer(root, built, ".props", recurse: false, prefix: "Directory.");
    }

    // Files named *suffix (and prefix*) under dir newer than built; bin/ and obj/ are build output.
    // The entries' own stat, no path string per file: the check runs before every command.
    private static bool AnyNewer(string dir, DateTime built, string suffix, bool recurse, int depth = int.MaxValue, string prefix = "")
    {
        if (!Directory.Exists(dir)) return false;
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, MaxRecursionDepth = depth, IgnoreInaccessible = true };
        var found = new FileSystemEnumerable<bool>(dir, (ref FileSystemEntry _) => true, options)
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => e.FileName is not ("bin" or "obj"),
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && e.FileName.EndsWith(suffix, StringComparison.Ordinal)
                && e.FileName.StartsWith(prefix, StringComparison.Ordinal) && e.LastWriteTimeUtc > built,
        };
        foreach (bool _ in found) return true;
        return false;
    }
}
