// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;

namespace Dlcall.ThunkGen.Emit;

/// <summary>
/// Older version nodes of an exported function ("lzma_cputhreads@XZ_5.2.2" next to the default
/// "lzma_cputhreads@@XZ_5.2"): binaries linked against the old node bind to a wrapper that calls
/// the function. A wrapper, not an alias: ld drops the default version of an aliased symbol.
/// </summary>
internal static class CompatVersionEmitter
{
    /// <summary>Prefix of the wrappers' own names, kept local by the version script.</summary>
    public const string Prefix = "dlcall__compat_";

    /// <summary>(function, old version) pairs the stub must also export, in a stable order.</summary>
    /// <remarks>Functions served by the real guest library jump to its own old version instead
    /// (<see cref="GuestFallbackEmitter"/>): their declarations may be made up.</remarks>
    public static List<(BoundaryFunction Function, string Version)> Compat(BoundaryPlan plan) =>
        OldVersions(plan).Where(c => c.Function.Kind != FunctionKind.GuestFallback).ToList();

    /// <summary>The old versions of functions the real guest library serves.</summary>
    public static List<(BoundaryFunction Function, string Version)> CompatFallbacks(BoundaryPlan plan) =>
        OldVersions(plan).Where(c => c.Function.Kind == FunctionKind.GuestFallback).ToList();

    private static List<(BoundaryFunction Function, string Version)> OldVersions(BoundaryPlan plan)
    {
        var nodes = plan.GuestLibrary.Versions.Select(n => n.Name).ToHashSet();
        var byName = plan.Functions.Where(f => !f.Decl.IsVariadic).ToDictionary(f => f.Decl.Name);
        return plan.GuestLibrary.Symbols
            .Where(s => s.IsFunction && !s.IsDefault && s.Version is not null && nodes.Contains(s.Version) && byName.ContainsKey(s.Name))
            .Select(s => (byName[s.Name], s.Version!)).Distinct()
            .OrderBy(c => c.Item1.Decl.Name, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal).ToList();
    }

    // template: uint32_t (dlcall__compat_0)(void) { return (lzma_cputhreads)(); }
    //           __asm__(".symver dlcall__compat_0, lzma_cputhreads@XZ_5.2.2");
    public static void Emit(CWriter w, BoundaryPlan plan)
    {
        var compat = Compat(plan);
        for (int i = 0; i < compat.Count; i++)
        {
            var (f, version) = compat[i];
            var d = f.Decl;
            string call = $"({d.Name})({string.Join(", ", d.Params.Select(p => p.Name))})";
            w.Line($"/* {d.Name}@{version}: an older version node of the same function */");
            w.Function(CDecl.Prototype(d with { Name = Prefix + i }), () => w.Line(d.Return is VoidType ? call + ";" : $"return {call};"));
            w.Line($"__asm__(\".symver {Prefix}{i}, {d.Name}@{version}\");").Line();
        }
    }
}
