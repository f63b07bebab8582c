// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// A generated stub stands in for the real library only if it exports the same functions under
/// the same version nodes, old ones included (liblzma keeps lzma_stream_encoder_mt@XZ_5.1.2alpha
/// for binaries linked against a 2015 release candidate).
/// </summary>
public class StubExportsTests
{
    /// <summary>ISA, soname, and fewer functions than the real library exports (readelf read it).</summary>
    public static TheoryData<string, string, int> Stubs => new()
    {
        { "aarch64", "liblzma.so.5", 50 }, { "riscv64", "liblzma.so.5", 50 },
        { "aarch64", "libzstd.so.1", 50 }, { "riscv64", "libzstd.so.1", 50 },
        { "aarch64", "libbz2.so.1.0", 30 }, { "riscv64", "libbz2.so.1.0", 30 },
    };

    [Theory]
    [MemberData(nameof(Stubs))]
    public void TheStubExportsEveryFunctionVersionOfTheRealLibrary(string isa, string soname, int atLeast)
    {
        string real = Directory.GetFiles(CompressGuest.Root(isa), soname, SearchOption.AllDirectories).First();
        string stub = RepoPaths.Require("thunks", isa, "lib", soname);
        var expected = Functions(real);
        Assert.True(expected.Count > atLeast, string.Join(", ", expected));
        Assert.Equal(expected, Functions(stub));
    }

    /// <summary>"name@V" / "name@@V" of every defined global (and with <paramref name="weak"/>, weak)
    /// function, from readelf.</summary>
    internal static SortedSet<string> Functions(string library, bool weak = false)
    {
        var r = ProcessRunner.Run("readelf", ["--dyn-syms", "-W", library]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in r.StdoutText.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 8 && f[3] == "FUNC" && (f[4] == "GLOBAL" || (weak && f[4] == "WEAK")) && f[6] != "UND") set.Add(f[7]);
        }
        return set;
    }
}
