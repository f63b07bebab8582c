// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;

namespace Dlcall.ThunkGen.Compat;

/// <summary>
/// Files as the guest's dynamic linker finds them under QEMU's -L root: absolute symbolic links
/// inside the root mean the root's files, never the host's.
/// </summary>
public static class GuestRoot
{
    /// <summary>The real file <paramref name="guestPath"/> (absolute, as the guest says it) names
    /// under <paramref name="root"/>, links followed inside the root; null when there is none.</summary>
    public static string? Resolve(string root, string guestPath)
    {
        var parts = new Queue<string>(guestPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        string current = "/";
        for (int hops = 0; parts.Count > 0; )
        {
            string part = parts.Dequeue();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            string next = Path.Combine(current, part);
            if (new FileInfo(Path.Combine(root, next.TrimStart('/'))).LinkTarget is string target)
            {
                if (++hops > 40) return null; // a loop
                parts = new Queue<string>(target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(parts));
                if (target.StartsWith('/')) current = "/";
                continue;
            }
            current = next;
        }
        string host = Path.Combine(root, current.TrimStart('/'));
        return File.Exists(host) ? host : null;
    }

    /// <summary>
    /// <paramref name="program"/> and every library it loads at start-up (DT_NEEDED, breadth first,
    /// found like ld.so does: RUNPATH, then the multiarch and plain lib directories of the root),
    /// with their dynamic information. Libraries it cannot find are left out: ld.so will say so.
    /// </summary>
    public static List<(string Path, ElfDynamicInfo Info)> Closure(string root, string program, string triple)
    {
        var result = new List<(string, ElfDynamicInfo)>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>([program]);
        while (queue.Count > 0)
        {
            string file = queue.Dequeue();
            if (!seen.Add(Path.GetFullPath(file)) || ElfDynamicReader.Read(file).Info is not ElfDynamicInfo info) continue;
            result.Add((file, info));
            // $ORIGIN as the guest sees it: the file's directory inside the root.
            string origin = "/" + Path.GetRelativePath(root, Path.GetDirectoryName(Path.GetFullPath(file))!);
            var dirs = info.RunPaths.Where(r => !origin.StartsWith("/..", StringComparison.Ordinal) || !r.Contains("ORIGIN"))
                .Select(r => r.Replace("${ORIGIN}", origin).Replace("$ORIGIN", origin))
                .Concat([$"/lib/{triple}", $"/usr/lib/{triple}", "/lib", "/usr/lib"]).ToList();
            foreach (string soname in info.Needed)
            {
                if (dirs.Select(d => Resolve(root, Path.Combine(d, soname))).FirstOrDefault(p => p != null) is string found)
                    queue.Enqueue(found);
            }
        }
        return result;
    }

    // Where a root keeps what may be loaded or run after start-up: programs, and shared objects anywhere
    // under the lib directories (Python's lib-dynload, OpenSSL's ossl-modules). In a merged-/usr root
    // bin, sbin and lib are links to usr's and are skipped.
    private static readonly string[] ProgramDirs = ["usr/bin", "usr/sbin", "bin", "sbin", "usr/libexec"];
    private static readonly string[] LibraryDirs = ["usr/lib", "lib", "usr/local/lib"];

    /// <summary>
    /// The ELF files of <paramref name="root"/> that need one of <paramref name="sonames"/> directly,
    /// which the start-up closure does not show: what a program may load later with dlopen (Python's
    /// extension modules, libssl under <c>_ssl</c>) or exec (a shell's children run with the same
    /// stubs). Also every directory read: their modification times say when the answer is stale.
    /// </summary>
    public static (List<(string Path, ElfDynamicInfo Info)> Files, List<string> Directories) Dependents(
        string root, IReadOnlySet<string> sonames)
    {
        var files = new List<(string, ElfDynamicInfo)>();
        var dirs = new List<string>();
        foreach (var (top, libraries) in ProgramDirs.Select(d => (d, false)).Concat(LibraryDirs.Select(d => (d, true))))
        {
            var start = new DirectoryInfo(Path.Combine(root, top));
            if (start.Exists && start.LinkTarget is null) Walk(start, libraries, sonames, files, dirs);
        }
        return (files, dirs);
    }

    private static void Walk(DirectoryInfo dir, bool libraries, IReadOnlySet<string> sonames,
        List<(string, ElfDynamicInfo)> files, List<string> dirs)
    {
        dirs.Add(dir.FullName);
        FileSystemInfo[] entries;
        try { entries = dir.GetFileSystemInfos(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var entry in entries.Where(e => e.LinkTarget is null))
        {
            if (entry is DirectoryInfo sub) Walk(sub, libraries, sonames, files, dirs);
            else if ((!libraries || entry.Name.Contains(".so", StringComparison.Ordinal)) && IsElf(entry.FullName)
                     && ElfDynamicReader.Read(entry.FullName).Info is { } info && info.Needed.Any(sonames.Contains))
                files.Add((entry.FullName, info));
        }
    }

    private static bool IsElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        try
        {
            using var f = File.OpenRead(path);
            return f.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
