// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli;

/// <summary>
/// The <c>dlcall doctor</c> checks of what dlcall makes itself: each library's stub (present and
/// newer than its spec and the generator that made it) and the guest roots `run` uses.
/// </summary>
internal static class DoctorArtifactChecks
{
    /// <summary>What a stub is made from besides its spec: the generator's sources and the C it
    /// compiles with (absent from an installed copy without sources: then the spec alone).</summary>
    private static readonly string[] GeneratorInputs = ["src/Dlcall.ThunkGen", "native/guest", "native/host", "native/include"];

    public static IEnumerable<DoctorCheck> Stubs()
    {
        var generator = Newest(GeneratorInputs.Select(d => Path.Combine(RepoLayout.Root, d)));
        foreach (var isa in GuestIsa.Guests)
        {
            foreach (string lib in ThunkSettings.Known())
                yield return Stub(lib, isa, generator);
        }
    }

    private static DoctorCheck Stub(string lib, GuestIsa isa, FileInfo? generator)
    {
        string what = $"{lib} stub ({isa.Qemu})";
        string fix = $"dlcall gen {lib} --arch {isa.Qemu}";
        var (facts, error) = Specs.Facts(lib);
        if (facts is null) return new(what, false, error, $"correct {ThunkSettings.SpecPath(lib)}");
        var stub = new FileInfo(Path.Combine(GuestLaunch.StubDir(isa.Qemu), facts.Soname));
        if (!stub.Exists) return new(what, DoctorStatus.Later, "not generated yet: dlcall run generates it on first use", fix);
        var thunk = new FileInfo(Path.Combine(RepoLayout.Artifacts, "thunks", "host", $"libdlcall_thunk_{lib}.so"));
        if (!thunk.Exists) return new(what, false, $"{stub.FullName} has no host side {thunk.FullName}", fix);
        var spec = new FileInfo(ThunkSettings.SpecPath(lib));
        foreach (var input in new[] { spec, generator })
        {
            if (input is { Exists: true } && input.LastWriteTimeUtc > stub.LastWriteTimeUtc)
                return new(what, false, $"{stub.FullName} is older than {input.FullName}", fix);
        }
        return new(what, true, stub.FullName, "");
    }

    /// <summary>For each guest ISA, the root `run` uses without --sysroot (scripts/guest-sysroot.sh
    /// --check: nothing is built): complete, with libc and every library's guest soname.</summary>
    public static IEnumerable<DoctorCheck> GuestRoots()
    {
        string script = Path.Combine(RepoLayout.Root, "scripts", "guest-sysroot.sh");
        string[] packages = GuestLaunch.RunRootPackages();
        foreach (var isa in GuestIsa.Guests)
        {
            string what = $"{isa.Debian} guest root";
            string fix = $"dlcall sysroot --arch {isa.Debian} {string.Join(" ", packages)}";
            var (code, stdout, stderr) = ChildProcess.Capture("bash", [script, "--check", isa.Debian, .. packages]);
            string root = stdout.Trim();
            if (code == 1 && root.Length > 0)
            {
                yield return new(what, DoctorStatus.Later, $"not built yet (dlcall run builds it on first use, from Debian's packages): {root}", fix);
                continue;
            }
            if (code != 0)
            {
                yield return new(what, false, $"{script} --check failed: {stderr.Trim()}", "fix the script's complaint");
                continue;
            }
            var missing = ThunkSettings.Known().Select(l => Specs.Facts(l).Facts?.Soname).OfType<string>().Prepend("libc.so.6")
                .Where(so => RepoLayout.FindLibrary(root, isa.Triple, so) is null).ToList();
            yield return missing.Count == 0
                ? new(what, true, root, "")
                : new(what, false, $"{root} lacks {string.Join(", ", missing)}", $"rm -r {root}; {fix}");
        }
    }

    // The most recently written file under the directories (bin/ and obj/ are build output, not input).
    private static FileInfo? Newest(IEnumerable<string> dirs) =>
        dirs.Where(Directory.Exists)
            .SelectMany(d => new DirectoryInfo(d).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => f.FullName[d.Length..] is var rel && !rel.StartsWith("/bin/") && !rel.StartsWith("/obj/")))
            .MaxBy(f => f.LastWriteTimeUtc);
}
