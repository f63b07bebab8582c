// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>Resolves, once, everything a generation run of one library for one guest ISA needs.</summary>
internal static class ThunkSettings
{
    /// <summary>The spec of <paramref name="library"/> (a name under thunks/ or a spec path).</summary>
    public static string SpecPath(string library) =>
        File.Exists(library) ? library : Path.Combine(RepoLayout.Root, "thunks", library, "spec.json");

    /// <summary>Every library with a spec under thunks/.</summary>
    public static IReadOnlyList<string> Known() =>
        Directory.Exists(Path.Combine(RepoLayout.Root, "thunks"))
            ? Directory.GetDirectories(Path.Combine(RepoLayout.Root, "thunks"))
                .Where(d => File.Exists(Path.Combine(d, "spec.json"))).Select(d => Path.GetFileName(d)).Order().ToList()
            : [];

    /// <summary>Settings for <paramref name="spec"/> on <paramref name="isa"/>, or the reason there are none.</summary>
    public static (GeneratorSettings? Settings, string Error) Resolve(string specPath, LibrarySpec spec, string isa, bool compile)
    {
        var (sysroot, sysErr) = RepoLayout.Sysroot(isa, spec.GuestPackage);
        if (sysroot is null) return (null, $"cannot build the {isa} guest root: {sysErr}");
        string? guestLib = RepoLayout.FindLibrary(sysroot, GuestIsa.Find(isa)!.Triple, spec.Soname);
        if (guestLib is null) return (null, $"{spec.GuestPackage} for {isa} has no {spec.Soname}");
        string hostName = spec.HostLibrary ?? spec.Soname;
        string? hostLib = RepoLayout.FindLibrary("/", GeneratorSettings.HostTriple, hostName);
        if (hostLib is null) return (null, $"the host has no {hostName} (install its Debian package)");
        string thunks = Path.Combine(RepoLayout.Artifacts, "thunks");
        return (new GeneratorSettings(specPath, isa, guestLib, hostLib,
            OutputDir: Path.Combine(thunks, isa, spec.Library), GuestLibDir: Path.Combine(thunks, isa, "lib"),
            HostLibDir: Path.Combine(thunks, "host"), RepoRoot: RepoLayout.Root, Compile: compile), "");
    }
}
