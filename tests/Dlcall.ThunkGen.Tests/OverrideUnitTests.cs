// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Emit;

namespace Dlcall.ThunkGen.Tests;

/// <summary>
/// Golden/units: override files that include the generated header of their side (units_init.c,
/// units_default.c, units_sum.c, units_host.c; not pasted_max.c) are compiled as
/// translation units of their own (OverrideUnits); the helpers they share with the generated
/// source are hidden, so neither library exports more than before.
/// </summary>
public class OverrideUnitTests
{
    private static readonly string Src = Path.Combine(GoldenTests.OutDir("units"), "src");

    private static IReadOnlyList<string> Exports(string path)
    {
        var (info, error) = ElfSymbolReader.Read(path);
        Assert.True(info != null, error);
        return info!.Symbols.Select(s => s.Name).ToList();
    }

    [Fact]
    public void UnitsAreLinkedNotPastedAndFilesWithoutTheHeaderStillAre()
    {
        GoldenTests.Golden("units");
        string stub = File.ReadAllText(Path.Combine(Src, "units_stub.c"));
        string thunk = File.ReadAllText(Path.Combine(Src, "units_thunk.c"));
        Assert.StartsWith("/* SPDX", stub);
        Assert.Contains("#include \"dlcall_stub.h\"", stub);
        Assert.Contains("#include \"dlcall_thunks.h\"", thunk);
        foreach (string unit in new[] { "units_init.c", "units_default.c", "units_sum.c", "units_guest.h" })
            Assert.DoesNotContain(unit, stub);
        Assert.DoesNotContain("units_host.c", thunk);
        Assert.Contains("/pasted_max.c\"", stub);
        // The helpers a unit calls lose their static; the header declares them hidden.
        Assert.Contains("\ndlcall_fn dlcall__host_fn(const char *name)\n", stub);
        Assert.Contains("\nint dlcall_units_twice(int p0)\n", stub);
        string header = File.ReadAllText(Path.Combine(Src, OverrideUnits.GuestHeader));
        Assert.Contains("#pragma GCC visibility push(hidden)\ndlcall_fn dlcall__host_fn(const char *name);\nint dlcall_units_twice(int p0);\nvoid dlcall_guest_init(void);\n", header);
    }

    /// <summary>Hidden names stay out of both dynamic symbol tables; the API, the unit's override and
    /// the host unit's function the stub looks up by name stay in.</summary>
    [Fact]
    public void HiddenSymbolsDoNotLeak()
    {
        GoldenTests.Golden("units");
        string outDir = GoldenTests.OutDir("units");
        var stub = Exports(Path.Combine(outDir, "..", "lib", "libunits.so.1"));
        Assert.Equal(["un_add", "un_apply", "un_max", "un_sum"], stub.Where(n => n.StartsWith("un_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(stub, n => n.StartsWith("dlcall", StringComparison.Ordinal) || n.StartsWith("units_", StringComparison.Ordinal));
        var host = Exports(Path.Combine(outDir, "..", "host", "libdlcall_thunk_units.so"));
        Assert.Contains("units_host_probe", host);
        Assert.Contains("dlcall_units_twice", host); // the guestCalls helper's host half, looked up by name
        Assert.DoesNotContain("units_host_twice", host);
    }

    /// <summary>A unit sees only what it includes: sqlite3's heap_guest.c called dlsym without
    /// &lt;dlfcn.h&gt; (the generated stub includes it further down), the pointer came back cut to
    /// an int and the stub crashed at load. The header makes an undeclared call an error.</summary>
    [Fact]
    public void AnUndeclaredCallInAUnitIsACompileError()
    {
        GoldenTests.Golden("units");
        string outDir = GoldenTests.OutDir("units");
        string unit = Path.Combine(outDir, "undeclared.c");
        File.WriteAllText(unit, "#include \"dlcall_stub.h\"\nvoid *f(void *h) { return dlsym(h, \"x\"); }\n");
        var r = Dlcall.TestSupport.ProcessRunner.Run("aarch64-linux-gnu-gcc", ["-std=gnu11", "-O2", "-Wall", "-fPIC", "-c",
            "-I", Path.Combine(Dlcall.TestSupport.RepoPaths.Root, "native", "include"), "-I", Path.Combine(outDir, "include"), "-I", Src,
            "-o", Path.Combine(outDir, "undeclared.o"), unit]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("implicit declaration of function", r.ToString());
    }

    [Fact]
    public void OnlyFilesIncludingTheirSidesHeaderAreUnits()
    {
        string dir = GoldenTests.CaseDir("units");
        Assert.True(OverrideUnits.IsUnit(Path.Combine(dir, "units_sum.c"), OverrideUnits.GuestHeader));
        Assert.False(OverrideUnits.IsUnit(Path.Combine(dir, "pasted_max.c"), OverrideUnits.GuestHeader));
        Assert.False(OverrideUnits.IsUnit(Path.Combine(dir, "units_host.c"), OverrideUnits.GuestHeader));
        Assert.True(OverrideUnits.IsUnit(Path.Combine(dir, "units_host.c"), OverrideUnits.HostHeader));
        Assert.False(OverrideUnits.IsUnit(Path.Combine(dir, "units_guest.h"), OverrideUnits.GuestHeader));
    }
}
