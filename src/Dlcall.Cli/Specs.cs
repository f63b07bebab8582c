// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>What `dlcall run` needs of a spec on every start: names only.</summary>
internal sealed record SpecFacts(string Library, string Soname, string HostLibrary, string GuestPackage);

/// <summary>
/// The specs of thunks/: each parsed at most once per process, and their <see cref="SpecFacts"/>
/// cached across runs (<see cref="RunCache"/>, keyed by the spec file's size and modification time),
/// so a warm `dlcall run` parses none.
/// </summary>
internal static class Specs
{
    private static readonly Dictionary<string, (LibrarySpec? Spec, string Error)> Parsed = [];
    private static readonly Dictionary<string, (SpecFacts? Facts, string Error)> Read = [];

    /// <summary>The parsed spec of <paramref name="lib"/>, or its one-line error.</summary>
    public static (LibrarySpec? Spec, string Error) Load(string lib)
    {
        string path = ThunkSettings.SpecPath(lib);
        if (!Parsed.TryGetValue(path, out var result))
        {
            var (spec, err) = SpecLoader.Load(path);
            Parsed[path] = result = (spec, err?.ToString() ?? "");
        }
        return result;
    }

    /// <summary>The names in <paramref name="lib"/>'s spec, or its one-line error.</summary>
    public static (SpecFacts? Facts, string Error) Facts(string lib)
    {
        if (!Read.TryGetValue(lib, out var result)) Read[lib] = result = CachedFacts(lib);
        return result;
    }

    private static (SpecFacts? Facts, string Error) CachedFacts(string lib)
    {
        string error = "";
        var lines = RunCache.Get("spec", lib, [ThunkSettings.SpecPath(lib)], () =>
        {
            var (spec, err) = Load(lib);
            error = err;
            return spec is null ? null : [spec.Library, spec.Soname, spec.HostLibrary ?? spec.Soname, spec.GuestPackage];
        }, v => v.Count == 4);
        return lines is null ? (null, error) : (new SpecFacts(lines[0], lines[1], lines[2], lines[3]), "");
    }
}
