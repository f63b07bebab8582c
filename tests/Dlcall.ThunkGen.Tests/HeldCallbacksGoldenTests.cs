// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Tests;

/// <summary>
/// The golden of Golden/held: callbacks in a struct by value, behind a const pointer and in a
/// pointer field, kept by an object (retainsCallbacks), a NULL argument replaced (nullDefaults),
/// a pointer to a function typedef, an unnamed struct and enum, a parameter named like a stub
/// local. Compiled with the real compilers like every golden.
/// </summary>
public class HeldCallbacksGoldenTests
{
    [Fact]
    public void HeldMatchesItsGoldenAndCompiles()
    {
        var (result, outDir) = GoldenTests.Generate("held", "held.c", null, "libheld.so.1");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        string expected = Path.Combine(GoldenTests.CaseDir("held"), "expected");
        Directory.CreateDirectory(expected);
        foreach (string file in new[] { "held_stub.c", "held_thunk.c", "libheld.so.1.map" })
        {
            string actual = File.ReadAllText(Path.Combine(outDir, "src", file));
            // The stub includes stubSources by absolute path: make the golden independent of the clone.
            actual = actual.Replace(GoldenTests.CaseDir("held"), "GOLDEN");
            string golden = Path.Combine(expected, file);
            if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1") File.WriteAllText(golden, actual);
            Assert.True(File.Exists(golden), $"{golden} is missing: run with UPDATE_BASELINES=1");
            Assert.Equal(File.ReadAllText(golden), actual);
        }
        var f = result.Plan!.Functions.ToDictionary(x => x.Decl.Name);
        Assert.Equal(Marshalling.CallbackCopyKind.ByValue, Assert.Single(f["held_create"].Copies).Kind);
        Assert.Equal(Marshalling.CallbackCopyKind.ConstPointer, Assert.Single(f["held_copy"].Copies).Kind);
        Assert.Equal("mem", Assert.Single(f["held_run"].Copies).Field!.Name);
        Assert.True(f["held_work"].UsesRetainedCallbacks && f["held_free"].UsesRetainedCallbacks);
        Assert.Equal("&held_default_mem", Assert.Single(f["held_copy"].NullDefaults!).Value);
        Assert.Single(f["held_visit"].CallbackParams);
        // A callback passed to a call taking or making a retaining object marks callbacks retained
        // (held_work then takes the callback path); held_visit uses its callback during the call only.
        string stub = File.ReadAllText(Path.Combine(outDir, "src", "held_stub.c"));
        const string mark = "__atomic_store_n(&dlcall__retained, 1, __ATOMIC_RELAXED);";
        Assert.Contains("held_ctx * (held_create_visiting)", stub);
        Assert.Equal(5, stub.Split(mark).Length - 1); // create, copy, run (callback structs), set_visit, create_visiting
        Assert.Equal(["a_", "b"], f["held_compare"].Decl.Params.Select(p => p.Name));
    }
}
