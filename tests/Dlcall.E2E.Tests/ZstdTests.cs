// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libzstd thunks (thunks/zstd). Debian's zstd binary embeds libzstd
/// (it never loads libzstd.so.1), so the CLI here is zstd's own, built from Debian 12's source
/// package and linked against libzstd.so.1 (tests/compress/build.sh): fully emulated against the
/// real guest libzstd, and with libzstd passed through to the host: identical bytes and exit codes.
/// </summary>
public class ZstdTests
{
    [Theory]
    [InlineData("-3")]
    [InlineData("-19")]
    public void ZstdCompressesAndDecompressesLikeTheEmulatedRun(string level)
    {
        string dir = CompressGuest.WorkDir($"zstd{level}");
        string input = CompressGuest.Input(2);
        string zstd = CompressGuest.Built("aarch64", "zstd");
        var packed = CompressGuest.Differential("aarch64", "zstd", [zstd, level, "-c", input]);
        Assert.True(packed.ExitCode == 0, packed.ToString());
        string file = Path.Combine(dir, "in.zst");
        File.WriteAllBytes(file, packed.Stdout);
        var unpacked = CompressGuest.Differential("aarch64", "zstd", [zstd, "-d", "-c", file]);
        Assert.True(unpacked.ExitCode == 0, unpacked.ToString());
        Assert.True(unpacked.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(input)), "the round trip changed the data");
    }

    [Fact]
    public void ZstdReportsCorruptInputLikeTheEmulatedRun()
    {
        string dir = CompressGuest.WorkDir("zstd-corrupt");
        string zstd = CompressGuest.Built("aarch64", "zstd");
        byte[] packed = CompressGuest.Run("aarch64", null, [zstd, "-3", "-c", CompressGuest.Input(1)]).Stdout;
        packed[packed.Length / 2] ^= 0x40;
        string file = Path.Combine(dir, "bad.zst");
        File.WriteAllBytes(file, packed);
        var r = CompressGuest.Differential("aarch64", "zstd", [zstd, "-d", "-c", file]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Decoding error", r.StderrText);
    }

    [Fact]
    public void TheRiscv64CliWithLibzstdPassedThroughWritesWhatTheEmulatedAarch64OneWrites()
    {
        // The riscv64 guest root has libzstd 1.5.7, which the 1.5.4 CLI refuses (a zstd-dll build
        // wants its own library version), so the emulated reference is the same CLI source on
        // aarch64 with Debian 12's libzstd 1.5.4; passed through, the riscv64 CLI gets the host's 1.5.4.
        string input = CompressGuest.Input(1);
        var reference = CompressGuest.Run("aarch64", null, [CompressGuest.Built("aarch64", "zstd"), "-3", "-c", input]);
        var riscv = CompressGuest.Run("riscv64", "zstd", [CompressGuest.Built("riscv64", "zstd"), "-3", "-c", input]);
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(riscv.ExitCode == 0, riscv.ToString());
        Assert.True(reference.Stdout.AsSpan().SequenceEqual(riscv.Stdout), "the riscv64 run wrote other bytes");
    }

    [Theory]
    [InlineData("aarch64", "1")]
    [InlineData("aarch64", "0")]
    [InlineData("riscv64", "1")]
    public void GuestAllocatorsKeptInContextsWorkLikeTheEmulatedRun(string isa, string fast)
    {
        // ZSTD_customMem goes by value into ZSTD_create[CD]Ctx_advanced and is called again by
        // ZSTD_compress2 and the ZSTD_free* functions (spec retainsCallbacks).
        var r = CompressGuest.Differential(isa, "zstd", [CompressGuest.Built(isa, "zstd_alloc")], new() { ["DLCALL_FAST"] = fast });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("compress2: 1048576 -> ", r.StdoutText);
        Assert.Contains("allocator used", r.StdoutText);
        Assert.Contains("allocations freed: all", r.StdoutText);
        Assert.Contains("corrupted: Data corruption detected", r.StdoutText);
    }
}
