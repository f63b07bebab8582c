// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;
using Dlcall.ThunkGen.Compat;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>
/// <see cref="HostCompatibility"/>'s verdicts for one program in one guest root, cached under
/// artifacts/run/compat/: reading the program's libraries costs tens of milliseconds, checking that
/// none of the files changed (size and modification time of each) costs a stat per file.
/// </summary>
internal static class PassthroughVerdicts
{
    // Bump when the checks change, so older verdicts are not reused.
    private const string Layout = "compat2";

    /// <summary>Library name to the reason it stays emulated, for the <paramref name="candidates"/>
    /// (library name to files) a program <paramref name="program"/> in <paramref name="root"/> would use.</summary>
    public static Dictionary<string, string> Refusals(string isa, string root, string program,
        IReadOnlyDictionary<string, GuestLaunch.CandidateFiles> candidates)
    {
        string key = RunCache.FileKey(string.Join("\n",
            [Layout, isa, Path.GetFullPath(root), Path.GetFullPath(program), .. candidates.Keys.Order()]));
        string file = Path.Combine(RepoLayout.Artifacts, "run", "compat", key);
        if (Read(file) is { } cached) return cached;

        // Only here are the whole specs needed: a cached verdict parses none.
        var specs = candidates.Keys.ToDictionary(lib => lib, lib => Specs.Load(lib));
        // The program and its start-up libraries, and whatever in the root may be loaded or exec'd
        // later that links one of the libraries directly (docs/VersionSkew.md).
        var closure = GuestRoot.Closure(root, program, isa + "-linux-gnu");
        var sonames = specs.Values.Where(s => s.Spec != null).Select(s => s.Spec!.Soname).ToHashSet();
        var (dependents, dirs) = GuestRoot.Dependents(root, sonames);
        var seen = closure.Select(c => Path.GetFullPath(c.Path)).ToHashSet();
        var consumers = closure.Concat(dependents.Where(d => seen.Add(Path.GetFullPath(d.Path)))).ToList();
        var refusals = new Dictionary<string, string>();
        foreach (var (lib, files) in candidates)
        {
            var (spec, specErr) = specs[lib];
            string? why = spec is null ? specErr
                : HostCompatibility.Refusal(new PassthroughCandidate(spec, files.Guest, files.Host, files.Stub), consumers);
            if (why != null) refusals[lib] = why;
        }
        RefuseWithoutRequired(specs, candidates, refusals);
        // A root dlcall built is never changed after its stamp (scripts/guest-sysroot.sh): the stamp
        // stands for the hundreds of directories read, which a warm run would otherwise stat.
        string stamp = Path.Combine(root, ".dlcall-complete");
        var later = File.Exists(stamp) ? [stamp] : dirs.Concat(dependents.Select(d => d.Path));
        var inputs = closure.Select(c => c.Path)
            .Concat(candidates.Values.SelectMany(c => new[] { c.Guest, c.Host, c.Stub, c.SpecPath }))
            .Concat(later).Append(program).Distinct().ToList();
        RunCache.Consulted.UnionWith(inputs);
        Write(file, inputs, refusals);
        return refusals;
    }

    /// <summary>A library whose spec requires another that stays emulated, or was not chosen, stays
    /// emulated too (libssl without libcrypto on the host), until nothing changes.</summary>
    private static void RefuseWithoutRequired(Dictionary<string, (LibrarySpec? Spec, string Error)> specs,
        IReadOnlyDictionary<string, GuestLaunch.CandidateFiles> candidates, Dictionary<string, string> refusals)
    {
        for (bool changed = true; changed; )
        {
            changed = false;
            foreach (var (lib, (spec, _)) in specs)
            {
                if (spec is null || refusals.ContainsKey(lib)) continue;
                if (spec.Requires.FirstOrDefault(r => !candidates.ContainsKey(r) || refusals.ContainsKey(r)) is not string missing) continue;
                refusals[lib] = $"it passes through only with {missing}, which {(candidates.ContainsKey(missing) ? "stays emulated" : "is not passed through")}";
                changed = true;
            }
        }
    }

    private static Dictionary<string, string>? Read(string file)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var refusals = new Dictionary<string, string>();
        foreach (string line in lines)
        {
            string[] f = line.Split('\t', 4);
            if (f[0] == "F" && f.Length == 4) RunCache.Consulted.Add(f[3]);
            if (f[0] == "F" && f.Length == 4 && RunCache.Identity(f[3]) != $"{f[1]}\t{f[2]}") return null;
            if (f[0] == "R" && f.Length >= 3) refusals[f[1]] = string.Join('\t', f[2..]);
        }
        return refusals;
    }

    // Written whole under a temporary name, then renamed: parallel runs never read half a file.
    private static void Write(string file, IEnumerable<string> inputs, Dictionary<string, string> refusals)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var text = new StringBuilder();
            foreach (string p in inputs) text.Append($"F\t{RunCache.Identity(p)}\t{Path.GetFullPath(p)}\n");
            foreach (var (lib, why) in refusals) text.Append($"R\t{lib}\t{why.Replace('\n', ' ')}\n");
            string temp = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unwritable cache costs the next run the same reading, nothing else.
        }
    }
}
