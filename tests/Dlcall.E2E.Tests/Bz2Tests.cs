// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libbz2 thunks (thunks/bz2, a spec and no override): Debian's own bzip2
/// and bunzip2 fully emulated against the real guest libbz2, and with libbz2 passed through, on
/// bzip2's own test files (tests/bz2/build.sh): identical bytes and exit codes. bzip2 reads and
/// writes through libbz2's FILE * API, which runs in the real guest library (spec fallbackToGuest)
/// and calls the stub's forwarded BZ2_bzCompress/BZ2_bzDecompress.
/// </summary>
public class Bz2Tests
{
    public static TheoryData<string, int> Samples => new()
    {
        { "aarch64", 1 }, { "aarch64", 2 }, { "aarch64", 3 },
        { "riscv64", 1 },
    };

    private static string Sample(string name) => RepoPaths.Require("bz2", "samples", name);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bzip2PassesItsOwnTestFilesLikeTheEmulatedRun(string isa, int n)
    {
        // bzip2's `make test`: sampleN.ref compressed with -N is sampleN.bz2, byte for byte; sampleN.bz2
        // decompresses to sampleN.ref (sample3 with the small-memory decoder, -s).
        string bzip2 = CompressGuest.Debian(isa, "bzip2");
        var packed = CompressGuest.Differential(isa, "bz2", [bzip2, $"-{n}", "-c", Sample($"sample{n}.ref")]);
        Assert.True(packed.ExitCode == 0, packed.ToString());
        Assert.True(packed.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(Sample($"sample{n}.bz2"))), $"sample{n}.bz2 differs");
        string[] decode = n == 3 ? ["-d", "-s", "-c"] : ["-d", "-c"];
        var unpacked = CompressGuest.Differential(isa, "bz2", [bzip2, .. decode, Sample($"sample{n}.bz2")]);
        Assert.True(unpacked.ExitCode == 0, unpacked.ToString());
        Assert.True(unpacked.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(Sample($"sample{n}.ref"))), $"sample{n}.ref differs");
    }

    [Fact]
    public void BzipAndBunzipRoundTripFilesLikeTheEmulatedRun()
    {
        // In place, as users run them: bzip2 FILE writes FILE.bz2, bunzip2 FILE.bz2 restores FILE.
        string input = CompressGuest.Input(1);
        string root = CompressGuest.Root("aarch64");
        var packedSizes = new List<long>();
        foreach (string mode in new[] { "none", "bz2" })
        {
            string dir = CompressGuest.WorkDir($"bz2-roundtrip-{mode}");
            string file = Path.Combine(dir, "in.bin");
            File.Copy(input, file);
            var z = CompressGuest.Run("aarch64", mode == "none" ? null : mode, [Path.Combine(root, "usr/bin/bzip2"), "-9", file]);
            Assert.True(z.ExitCode == 0 && File.Exists(file + ".bz2") && !File.Exists(file), z.ToString());
            packedSizes.Add(new FileInfo(file + ".bz2").Length);
            var u = CompressGuest.Run("aarch64", mode == "none" ? null : mode, [Path.Combine(root, "usr/bin/bunzip2"), file + ".bz2"]);
            Assert.True(u.ExitCode == 0, u.ToString());
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(input)), "the round trip changed the data");
        }
        Assert.Equal(packedSizes[0], packedSizes[1]);
    }

    [Fact]
    public void Bzip2ReportsCorruptInputLikeTheEmulatedRun()
    {
        string dir = CompressGuest.WorkDir("bz2-corrupt");
        byte[] packed = File.ReadAllBytes(Sample("sample1.bz2"));
        packed[packed.Length / 2] ^= 0x40;
        string file = Path.Combine(dir, "bad.bz2");
        File.WriteAllBytes(file, packed);
        var r = CompressGuest.Differential("aarch64", "bz2", [CompressGuest.Debian("aarch64", "bzip2"), "-d", "-c", file], sameStderr: true);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Data integrity error when decompressing", r.StderrText);
    }

    [Fact]
    public void Python311Bz2ModuleGoesThroughTheStreamApi()
    {
        // _bz2 uses BZ2_bzCompress/BZ2_bzDecompress only: every call is forwarded.
        string root = DebianProgram.Root("aarch64", "python3.11");
        const string script = """
            import bz2
            d = bytes(range(256)) * 4096
            z = bz2.compress(d, 9)
            print(len(z), bz2.decompress(z) == d, bz2.BZ2Decompressor().decompress(z[:1000])[:4])
            """;
        var emulated = DebianProgram.Run(root, "usr/bin/python3.11", "none", "-c", script);
        var passed = DebianProgram.Run(root, "usr/bin/python3.11", "bz2", "-c", script);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Contains(" True b'", emulated.StdoutText);
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
    }
}
