// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Build;
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Emit;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;
using Dlcall.ThunkGen.Strategies;

namespace Dlcall.ThunkGen.Driver;

/// <summary>The generator: a table of named passes over immutable values; the first error stops it.</summary>
public static class ThunkGenerator
{
    /// <summary>What the passes hand each other: each sets what it produced, once.</summary>
    internal sealed class State(GeneratorSettings settings)
    {
        public GeneratorSettings S { get; } = settings;
        public List<Diagnostic> Diags { get; } = [];
        public List<string> Files { get; } = [];
        public string SpecDir => Path.GetDirectoryName(Path.GetFullPath(S.SpecPath))!;
        public LibrarySpec Spec = null!;
        public ElfLibraryInfo GuestLib = null!, HostLib = null!;
        public HeaderModel Headers = null!;
        public BoundaryPlan? Plan;
    }

    /// <summary>One pass: its name (what progress shows, and what docs/ThunkGen.md lists), whether
    /// it runs for these settings, and its body (false: stop).</summary>
    internal sealed record PassEntry(string Name, Func<State, bool> Body, Func<GeneratorSettings, bool>? When = null);

    /// <summary>The passes, in order.</summary>
    internal static readonly IReadOnlyList<PassEntry> Passes =
    [
        new("load spec", r => Load(r.S.SpecPath, r.Diags, out r.Spec)),
        new("read the guest library", r => ReadElf(r.S.GuestLibraryPath, r.Diags, out r.GuestLib)),
        new("read the host library", r => ReadElf(r.S.HostLibraryPath, r.Diags, out r.HostLib)),
        new("parse the headers", r => ParseHeaders(r.Spec, r.Diags, out r.Headers)),
        new("plan the boundary", PlanBoundary),
        new("stage the library headers for the guest", r => StageHeaders(r.S, r.Spec, r.Diags)),
        new("check layouts", r => CheckLayouts(r.S, r.Spec, r.Headers, ref r.Plan, r.Diags)),
        new("emit sources", r => EmitSources(r.S, r.Spec, r.Plan!, r.Files)),
        new("compile", r => Compiler.Build(r.S, r.Spec, r.Diags, r.Files), s => s.Compile),
    ];

    /// <summary>Runs every pass for <paramref name="s"/>; <paramref name="progress"/> hears each pass's name.</summary>
    public static GenerationResult Run(GeneratorSettings s, Action<string>? progress = null)
    {
        var r = new State(s);
        foreach (var pass in Passes.Where(p => p.When?.Invoke(s) != false))
        {
            progress?.Invoke(pass.Name);
            if (!pass.Body(r) || r.Diags.Any(d => d.Severity == Severity.Error)) break;
        }
        return new GenerationResult(r.Diags, r.Plan, r.Files);
    }

    // One planner run decides the guest's functions and the host thunk library's; the host
    // objects' thunks follow the guest's forwarded functions.
    private static bool PlanBoundary(State r)
    {
        var (plan, diags) = BoundaryPlanner.Plan(r.Spec, r.SpecDir, r.Headers, r.GuestLib, r.HostLib);
        r.Plan = HostObjectArgs.Attach(plan, HostObjectPlanner.Plan(r.Spec, r.Headers, plan));
        r.Diags.AddRange(diags);
        return true;
    }

    private static bool Load(string path, List<Diagnostic> diags, out LibrarySpec spec)
    {
        var (loaded, error) = SpecLoader.Load(path);
        if (error != null) diags.Add(error);
        if (loaded == null)
        {
            spec = null!;
            return false;
        }
        if (loaded.LayoutMismatch is not ("error" or "unavailable"))
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"layoutMismatch must be \"error\" or \"unavailable\", not \"{loaded.LayoutMismatch}\"", path));
            spec = null!;
            return false;
        }
        // Paths in the spec are relative to it.
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // A required library is named by its spec (thunks/<name>/spec.json, beside this one): the stub
        // checks for its soname.
        var required = new List<string>();
        foreach (string name in loaded.Requires)
        {
            var (other, otherError) = SpecLoader.Load(Path.Combine(dir, "..", name, "spec.json"));
            if (other is null)
            {
                diags.Add(new(Severity.Error, DiagnosticCodes.SpecInvalid, $"requires: no spec of '{name}' beside this one ({otherError?.Message})", path));
                spec = null!;
                return false;
            }
            required.Add(other.Soname);
        }
        spec = loaded with
        {
            RequiredSonames = required,
            IncludeDirs = loaded.IncludeDirs.Select(d => Path.GetFullPath(d, dir)).ToList(),
            HostSources = loaded.HostSources.Select(f => Path.GetFullPath(f, dir)).ToList(),
            // Absolute like the others: the compiler finds the override units among them (OverrideUnits).
            StubSources = loaded.StubSources.Select(f => Path.GetFullPath(f, dir)).ToList(),
            GuestOverrides = loaded.GuestOverrides.ToDictionary(kv => kv.Key, kv => Path.GetFullPath(kv.Value, dir)),
            GuestInit = loaded.GuestInit is null ? null : Path.GetFullPath(loaded.GuestInit, dir),
        };
        return true;
    }

    private static bool ReadElf(string path, List<Diagnostic> diags, out ElfLibraryInfo info)
    {
        var (read, error) = ElfSymbolReader.Read(path);
        info = read!;
        if (read == null) diags.Add(new(Severity.Error, DiagnosticCodes.ElfUnreadable, error, path));
        return read != null;
    }

    // The same macros as the generated files' prelude (ArgsStructEmitter.Prelude), so clang sees
    // the declarations the compilers will see.
    private static string Includes(LibrarySpec spec) =>
        "#define _GNU_SOURCE 1\n" + string.Concat(spec.Defines.Select(d => $"#define {d.Replace('=', ' ')}\n")) +
        string.Concat(spec.Headers.Select(h => $"#include <{h}>\n"));

    private static bool ParseHeaders(LibrarySpec spec, List<Diagnostic> diags, out HeaderModel model)
    {
        model = null!;
        var (ast, errors) = ClangRunner.DumpAst(Includes(spec), GeneratorSettings.HostTriple, spec.IncludeDirs);
        if (ast is null)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.ClangFailed, "clang could not parse the headers: " + errors.Trim()));
            return false;
        }
        using (ast) model = AstTranslator.Translate(ast.RootElement, (spec.ApiHeaders ?? spec.Headers).Select(Path.GetFileName).ToHashSet()!);
        return true;
    }

    private static bool CheckLayouts(GeneratorSettings s, LibrarySpec spec, HeaderModel headers, ref BoundaryPlan? planRef, List<Diagnostic> diags)
    {
        var plan = planRef!;
        var types = plan.CheckedRecords.Select(r => (r.CName, (IReadOnlyList<string>)r.Fields.Select(f => f.Name).ToList()))
            .Concat(plan.CheckedTypedefs.Select(t => (t, (IReadOnlyList<string>)[]))).ToList();
        var (host, hostErr) = LayoutProbe.Measure(Includes(spec), types, GeneratorSettings.HostTriple, spec.IncludeDirs);
        // The guest is measured with its own libc headers (the cross toolchain's) plus only the
        // library's headers: the host's /usr/include would bring host libc types along.
        var (guest, guestErr) = LayoutProbe.Measure(Includes(spec), types, s.GuestTriple, [s.GuestIncludeDir]);
        if (hostErr.Length > 0 || guestErr.Length > 0)
        {
            diags.Add(new(Severity.Error, DiagnosticCodes.ClangFailed, "layout probe failed: " + (hostErr + guestErr).Trim()));
            return false;
        }
        if (spec.LayoutMismatch == "unavailable")
        {
            var (demoted, warnings) = LayoutDemotion.Apply(plan, headers, LayoutDemotion.Mismatched(host, guest));
            planRef = demoted;
            diags.AddRange(warnings);
            return true;
        }
        var locations = plan.CheckedRecords.ToDictionary(r => r.CName, r => r.Location);
        diags.AddRange(LayoutChecker.Compare(host, guest, s.GuestIsa, locations));
        return true;
    }

    private static bool StageHeaders(GeneratorSettings s, LibrarySpec spec, List<Diagnostic> diags)
    {
        Directory.CreateDirectory(s.GuestIncludeDir);
        foreach (string h in spec.Headers.Concat(spec.ApiHeaders ?? []).Distinct())
        {
            string? src = spec.IncludeDirs.Select(d => Path.Combine(d, h)).FirstOrDefault(File.Exists);
            if (src is null)
            {
                // An API header may live in a subdirectory the main header reaches by itself.
                if (spec.Headers.Contains(h))
                    diags.Add(new(Severity.Error, DiagnosticCodes.ClangFailed, $"header {h} not found in {string.Join(", ", spec.IncludeDirs)}"));
                continue;
            }
            CopyHeader(src, Path.Combine(s.GuestIncludeDir, h));
        }
        // Per-architecture headers: the guest's own copy, never the host's.
        string multiarch = Path.Combine(s.GuestRoot, "usr", "include", s.GuestTriple);
        foreach (string h in spec.MultiarchHeaders)
        {
            string src = Path.Combine(multiarch, h);
            if (!File.Exists(src))
            {
                diags.Add(new(Severity.Error, DiagnosticCodes.ClangFailed, $"multiarch header {h} not found in {multiarch} (does {spec.GuestPackage} ship it?)"));
                continue;
            }
            CopyHeader(src, Path.Combine(s.GuestIncludeDir, h));
        }
        return true;
    }

    private static void CopyHeader(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, true);
    }

    private static bool EmitSources(GeneratorSettings s, LibrarySpec spec, BoundaryPlan plan, List<string> files)
    {
        Directory.CreateDirectory(s.SourceDir);
        void Write(string name, string text)
        {
            string path = Path.Combine(s.SourceDir, name);
            File.WriteAllText(path, text);
            files.Add(path);
        }
        // The headers override units include (OverrideUnits): written for every library, used once it has units.
        var (stub, stubHeader) = OverrideUnits.Guest(spec, plan, GuestStubEmitter.Emit(spec, plan, s.HostDirAtRunTime, s.GuestTriple));
        Write(OverrideUnits.GuestHeader, stubHeader);
        Write($"{spec.Library}_stub.c", stub);
        Write($"{spec.Soname}.map", VersionScriptEmitter.Emit(plan));
        Write(OverrideUnits.HostHeader, OverrideUnits.Host(spec, HostThunkEmitter.PreludeIncludes(spec, plan)));
        Write($"{spec.Library}_thunk.c", HostThunkEmitter.Emit(spec, plan));
        return true;
    }
}
