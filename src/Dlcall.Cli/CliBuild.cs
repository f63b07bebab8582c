// SPDX-License-Identifier: GPL-2.0-or-later
using System.IO.Enumeration;
using System.Text;

namespace Dlcall.Cli;

/// <summary>
/// Whether the clone's CLI executables (artifacts/cli/dlcall and dlcall-run) are older than a source
/// they are published from, checked by dlcall-run itself at every start: ./dlcall only execs it,
/// and the installed `dlcall` is a link to it, so no shell runs before a warm `run`. When they are,
/// dlcall-run goes back to ./dlcall with <see cref="RebuildVariable"/> set, which publishes them
/// again under a lock and returns with <see cref="FreshVariable"/> set (no second check, no loop).
/// <para>
/// The sources are not searched for at every start: the first check after a build walks them and
/// writes their list beside the executable (<see cref="ListName"/>), the source files and the
/// directories walked with their modification times. Later starts stat the listed paths only: a
/// listed file newer than the executable or gone is a change, and so is a directory whose time
/// moved (an entry added, removed or renamed), which walks again to see whether a source is among
/// them; an unrelated entry (an editor's file) only rewrites the list.
/// </para>
/// </summary>
internal static class CliBuild
{
    /// <summary>Set by dlcall-run for ./dlcall: publish the executables now.</summary>
    public const string RebuildVariable = "DLCALL_REBUILD";

    /// <summary>Set by ./dlcall for the dlcall-run it has just published (or found current): skip the check.</summary>
    public const string FreshVariable = "DLCALL_FRESH";

    /// <summary>The list of sources, beside dlcall-run (its name + this).</summary>
    public const string ListName = ".sources";

    // The list's first line: a list of another format is walked again and replaced.
    private const string ListHeader = "dlcall-sources 1";

    // The projects both executables are compiled from (src/Dlcall.Cli.Run links files of Dlcall.Cli).
    private static readonly string[] SourceDirs = ["src/Dlcall.Cli", "src/Dlcall.Cli.Run", "src/Dlcall.ThunkGen"];

    /// <summary>True when a source of <paramref name="root"/> is newer than <paramref name="exe"/>, one
    /// listed at its last check is gone, or the full CLI beside it is missing. A root without ./dlcall
    /// and src/ (no clone: nothing to build from) is never stale.</summary>
    public static bool IsStale(string root, string exe)
    {
        if (!FileStamp.Of(Path.Combine(root, "dlcall")).Exists || !FileStamp.Of(Path.Combine(root, "src")).IsDirectory) return false;
        if (!FileStamp.Of(Path.Combine(Path.GetDirectoryName(exe)!, "dlcall")).Exists) return true;
        var built = FileStamp.Of(exe);
        if (!built.Exists) return true;
        string list = exe + ListName;
        HashSet<string>? listed = null;
        switch (CheckList(root, list, built.MtimeNs, out listed))
        {
            case ListVerdict.Current: return false;
            case ListVerdict.Stale: return true;
        }
        // No list, or a listed directory changed: walk, as the list was made.
        var (files, dirs) = Walk(root);
        foreach (string f in files)
        {
            if (FileStamp.Of(Path.Combine(root, f)).MtimeNs > built.MtimeNs) return true;
        }
        // A source added with an old time (copied keeping it) or removed since the list was made.
        if (listed != null && !listed.SetEquals(files)) return true;
        Write(root, list, files, dirs);
        return false;
    }

    /// <summary>Walks the sources of <paramref name="root"/> and writes their list for
    /// <paramref name="exe"/>: what ./dlcall's fresh dlcall-run does once, after publishing.</summary>
    public static void Record(string root, string exe)
    {
        if (!FileStamp.Of(Path.Combine(root, "src")).IsDirectory) return;
        var (files, dirs) = Walk(root);
        Write(root, exe + ListName, files, dirs);
    }

    private enum ListVerdict { Current, Stale, Walk }

    // Stats every listed path: Current when none changed, Stale when a source did, Walk when only a
    // directory's time moved (or there is no usable list). listed: the list's files, for Walk.
    private static ListVerdict CheckList(string root, string list, long builtNs, out HashSet<string>? listed)
    {
        listed = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(list);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ListVerdict.Walk;
        }
        if (lines.Length == 0 || lines[0] != ListHeader) return ListVerdict.Walk;
        bool moved = false;
        var files = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("F\t", StringComparison.Ordinal))
            {
                string file = line[2..];
                files.Add(file);
                var stamp = FileStamp.Of(Path.Combine(root, file));
                if (!stamp.Exists || stamp.MtimeNs > builtNs) return ListVerdict.Stale;
            }
            else if (line.StartsWith("D\t", StringComparison.Ordinal))
            {
                string[] f = line.Split('\t', 3);
                if (f.Length != 3 || !long.TryParse(f[1], out long when)) return ListVerdict.Walk;
                var stamp = FileStamp.Of(Path.Combine(root, f[2]));
                if (!stamp.IsDirectory || stamp.MtimeNs != when) moved = true;
            }
            else
            {
                return ListVerdict.Walk;
            }
        }
        if (!moved) return ListVerdict.Current;
        listed = files;
        return ListVerdict.Walk;
    }

    // The sources (paths relative to root) and every directory whose entries decide them: the
    // project directories recursively but bin/ and obj/ (build output), src/ and each project
    // directory for its *.csproj, and the root itself for Directory.*.props.
    private static (List<string> Files, List<string> Dirs) Walk(string root)
    {
        var files = new List<string>();
        var dirs = new List<string>();
        foreach (string dir in SourceDirs) Collect(root, dir, ".cs", recurse: true, files, dirs);
        if (Collect(root, "src", ".csproj", recurse: false, files, dirs))
        {
            foreach (string project in Directory.EnumerateDirectories(Path.Combine(root, "src")))
                Collect(root, Path.GetRelativePath(root, project), ".csproj", recurse: false, files, dirs);
        }
        Collect(root, "", ".props", recurse: false, files, dirs, prefix: "Directory.");
        files.Sort(StringComparer.Ordinal);
        return (files.Distinct().ToList(), dirs.Distinct().ToList());
    }

    // Adds dir (relative to root) and, recursing, its subdirectories to dirs, and the files named
    // prefix*suffix in them to files; false when dir does not exist.
    private static bool Collect(string root, string dir, string suffix, bool recurse, List<string> files, List<string> dirs,
        string prefix = "")
    {
        string full = Path.Combine(root, dir);
        if (!Directory.Exists(full)) return false;
        dirs.Add(dir);
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, IgnoreInaccessible = true };
        var found = new FileSystemEnumerable<(string Path, bool IsDirectory)>(full,
            (ref FileSystemEntry e) => (Path.GetRelativePath(root, e.ToFullPath()), e.IsDirectory), options)
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) => e.FileName is not ("bin" or "obj"),
            ShouldIncludePredicate = (ref FileSystemEntry e) => e.IsDirectory
                ? recurse && e.FileName is not ("bin" or "obj")
                : e.FileName.EndsWith(suffix, StringComparison.Ordinal) && e.FileName.StartsWith(prefix, StringComparison.Ordinal),
        };
        foreach (var (path, isDirectory) in found) (isDirectory ? dirs : files).Add(path);
        return true;
    }

    // Written whole under a temporary name, then renamed: parallel starts never read half a list.
    private static void Write(string root, string list, List<string> files, List<string> dirs)
    {
        var text = new StringBuilder(ListHeader).Append('\n');
        foreach (string d in dirs)
        {
            var stamp = FileStamp.Of(Path.Combine(root, d));
            if (stamp.IsDirectory) text.Append($"D\t{stamp.MtimeNs}\t{d}\n");
        }
        foreach (string f in files) text.Append($"F\t{f}\n");
        try
        {
            string temp = $"{list}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, list, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unwritable artifacts/cli costs the next start the walk, nothing else.
        }
    }
}
