// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Clang;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Marshalling;
using Dlcall.ThunkGen.Model;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Tests;

/// <summary>
/// What the planner tests build by hand instead of parsing headers: types from their spelling, a
/// header model of functions and records, a library exporting them, a minimal spec, and the plan.
/// </summary>
internal static class PlannerFixture
{
    /// <summary>A type as clang would report it: <paramref name="desugared"/>, written as
    /// <paramref name="spelling"/> (a typedef name) when given.</summary>
    public static CType T(string desugared, string? spelling = null) => TypeSpellingParser.Parse(spelling ?? desugared, desugared);

    public static ParamDecl P(string name, string type) => new(name, T(type));

    /// <summary>Library t (libt.so.1, t.h): add the settings under test with <c>with</c>.</summary>
    public static LibrarySpec MinimalSpec() => new() { Library = "t", Soname = "libt.so.1", Headers = ["t.h"], GuestPackage = "t" };

    public static HeaderModel Headers(IEnumerable<FunctionDecl> functions, params RecordDecl[] records) =>
        new(functions.ToDictionary(f => f.Name), records.ToDictionary(r => r.Tag), new Dictionary<string, string>());

    /// <summary>A library exporting <paramref name="functions"/> and <paramref name="more"/> (functions too).</summary>
    public static ElfLibraryInfo Exports(IEnumerable<FunctionDecl> functions, params string[] more) =>
        new(functions.Select(f => f.Name).Concat(more).Select(n => new ElfSymbol(n, null, true, true)).ToList(), []);

    /// <summary>The plan, with the same library on both sides unless <paramref name="host"/> differs.</summary>
    public static (BoundaryPlan Plan, List<Diagnostics.Diagnostic> Diags) Plan(LibrarySpec spec, HeaderModel headers,
        ElfLibraryInfo guest, ElfLibraryInfo? host = null) => BoundaryPlanner.Plan(spec, "/spec", headers, guest, host ?? guest);

    public static BoundaryFunction F(BoundaryPlan plan, string name) => plan.Functions.Single(f => f.Decl.Name == name);
}
