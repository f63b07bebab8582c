// SPDX-License-Identifier: GPL-2.0-or-later
using System.Collections.Concurrent;
using System.Text.Json;
using Dlcall.TestSupport;
using Dlcall.ThunkGen.Driver;

namespace Dlcall.ThunkGen.Tests;

/// <summary>
/// Golden pairs: Golden/&lt;case&gt;/ holds a header, a spec and the "real" library's source
/// (&lt;library&gt;.c, and &lt;library&gt;.map when it has one); the generator's C output must equal
/// expected/ (UPDATE_BASELINES=1 rewrites it), and every golden is compiled with the real compilers
/// (cross gcc for the stub, gcc for the thunks). A case without expected/ is an error case with a
/// test of its own.
/// </summary>
public class GoldenTests
{
    internal static string CaseDir(string name) => Path.Combine(RepoPaths.Root, "tests/Dlcall.ThunkGen.Tests/Golden", name);

    /// <summary>Every Golden/&lt;case&gt;/ with an expected/ directory.</summary>
    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(CaseDir("")).Where(d => Directory.Exists(Path.Combine(d, "expected")))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    // One generation per case for the theory and the case's own checks below.
    private static readonly ConcurrentDictionary<string, Lazy<GenerationResult>> Generated = new();

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesItsGoldenAndCompiles(string name)
    {
        var (library, soname) = LibraryOf(name);
        var result = Golden(name);
        string outDir = OutDir(name);
        string expected = Path.Combine(CaseDir(name), "expected");
        foreach (string file in new[] { $"{library}_stub.c", $"{library}_thunk.c", $"{soname}.map", Emit.OverrideUnits.GuestHeader, Emit.OverrideUnits.HostHeader })
        {
            string actual = File.ReadAllText(Path.Combine(outDir, "src", file));
            // A stub includes stubSources by absolute path: make the golden independent of the clone.
            actual = actual.Replace(CaseDir(name), "GOLDEN");
            string golden = Path.Combine(expected, file);
            if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1") File.WriteAllText(golden, actual);
            Assert.True(File.Exists(golden), $"{golden} is missing: run with UPDATE_BASELINES=1");
            Assert.Equal(File.ReadAllText(golden), actual);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "..", "lib", soname)));
    }

    [Fact]
    public void FallbackForwardsWhatTheHostHasAndFallsBackForTheRest()
    {
        var result = Golden("fallback");
        var kinds = result.Plan!.Functions.ToDictionary(f => f.Decl.Name, f => f.Kind);
        Assert.Equal(Marshalling.FunctionKind.Forwarded, kinds["fb_scale"]);
        foreach (string name in new[] { "fb_scalel", "fb_format", "fb_sign_of", "fb_hidden_helper" })
            Assert.Equal(Marshalling.FunctionKind.GuestFallback, kinds[name]);
        Assert.Equal(["__fb_sign", "fb_sign"], result.Plan.GuestData.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("aborts if called"));
    }

    /// <summary>Golden/held: callbacks in a struct by value, behind a const pointer and in a
    /// pointer field, kept by an object (retainsCallbacks), a NULL argument replaced (nullDefaults),
    /// a pointer to a function typedef, an unnamed struct and enum, a parameter named like a stub
    /// local.</summary>
    [Fact]
    public void HeldPlansEveryCallbackCopy()
    {
        var f = Golden("held").Plan!.Functions.ToDictionary(x => x.Decl.Name);
        Assert.Equal(Marshalling.CallbackCopyKind.ByValue, Assert.Single(f["held_create"].Copies).Kind);
        Assert.Equal(Marshalling.CallbackCopyKind.ConstPointer, Assert.Single(f["held_copy"].Copies).Kind);
        Assert.Equal("mem", Assert.Single(f["held_run"].Copies).Field!.Name);
        Assert.True(f["held_work"].UsesRetainedCallbacks && f["held_free"].UsesRetainedCallbacks);
        Assert.Equal("&held_default_mem", Assert.Single(f["held_copy"].NullDefaults!).Value);
        Assert.Single(f["held_visit"].CallbackParams);
        Assert.Equal(["a_", "b"], f["held_compare"].Decl.Params.Select(p => p.Name));
    }

    /// <summary>A callback passed to a call taking or making a retaining object marks callbacks
    /// retained (held_work then takes the callback path); held_visit uses its callback during the
    /// call only. (expat's XML_SetElementHandler, pcre2_general_context_create.)</summary>
    [Fact]
    public void HeldMarksCallbacksRetainedWhenPassedToARetainingObject()
    {
        Golden("held");
        string stub = File.ReadAllText(Path.Combine(OutDir("held"), "src", "held_stub.c"));
        const string mark = "__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);";
        Assert.Contains("held_ctx * (held_create_visiting)", stub);
        Assert.Equal(5, stub.Split(mark).Length - 1); // create, copy, run (callback structs), set_visit, create_visiting
    }

    internal static string OutDir(string name) => Path.Combine(RepoPaths.Artifacts, "golden", name, "out", name);

    internal static GenerationResult Golden(string name) => Generated.GetOrAdd(name, n => new(() =>
    {
        var (library, soname) = LibraryOf(n);
        string? map = File.Exists(Path.Combine(CaseDir(n), library + ".map")) ? library + ".map" : null;
        var (result, _) = Generate(n, library + ".c", map, soname);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result;
    })).Value;

    // spec.json's library and soname.
    private static (string Library, string Soname) LibraryOf(string name)
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(CaseDir(name), "spec.json")));
        return (spec.RootElement.GetProperty("library").GetString()!, spec.RootElement.GetProperty("soname").GetString()!);
    }

    [Fact]
    public void LayoutMismatchIsAnErrorNamingTypeFieldAndBothOffsets()
    {
        var (result, outDir) = Generate("layout_mismatch", "lm.c", null, "liblm.so.1");
        Assert.False(result.Succeeded);
        var d = Assert.Single(result.Diagnostics, x => x.Code == "DLC003" && x.Message.Contains("'value'"));
        Assert.Contains("struct lm_state", d.Message);
        Assert.Contains("is 8 on the x86_64 host but 16 on the aarch64 guest", d.Message);
        Assert.EndsWith("lm.h:3", d.Location);
        Assert.False(Directory.Exists(Path.Combine(outDir, "src")), "no output after a layout error");
    }

    internal static (GenerationResult, string OutDir) Generate(string name, string source, string? map, string soname)
    {
        string dir = CaseDir(name);
        string work = Path.Combine(RepoPaths.Artifacts, "golden", name);
        if (Directory.Exists(work)) Directory.Delete(work, true);
        string guestLib = Path.Combine(work, "real-guest", soname), hostLib = Path.Combine(work, "real-host", soname);
        BuildReal("aarch64-linux-gnu-gcc", dir, source, map, soname, guestLib);
        BuildReal("gcc", dir, source, map, soname, hostLib);
        string outDir = Path.Combine(work, "out", name);
        var settings = new GeneratorSettings(Path.Combine(dir, "spec.json"), "aarch64", guestLib, hostLib, outDir,
            Path.Combine(work, "out", "lib"), Path.Combine(work, "out", "host"), RepoPaths.Root, Compile: true,
            DefaultHostDir: "/opt/dlcall/host");
        return (ThunkGenerator.Run(settings), outDir);
    }

    private static void BuildReal(string cc, string dir, string source, string? map, string soname, string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        string[] args = ["-shared", "-fPIC", "-O1", $"-Wl,-soname,{soname}", .. map is null ? Array.Empty<string>() : [$"-Wl,--version-script={Path.Combine(dir, map)}"],
            "-I", dir, "-o", output, Path.Combine(dir, source)];
        var r = ProcessRunner.Run(cc, args);
        Assert.True(r.ExitCode == 0, r.ToString());
    }
}
