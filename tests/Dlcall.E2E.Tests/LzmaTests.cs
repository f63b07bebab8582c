// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the liblzma thunks (thunks/lzma): Debian's own xz (and zstd, which
/// loads liblzma.so.5 for --format=xz) fully emulated against the real guest liblzma, and with
/// liblzma passed through to the host: identical bytes and exit codes.
/// </summary>
public class LzmaTests
{
    // riscv64 (Debian 13) has xz 5.8, whose multithreaded default calls lzma_mt_block_size, a
    // 5.6 function the host's liblzma 5.4 lacks: the real guest liblzma answers (spec runInGuestLibrary).
    public static TheoryData<string, string[]> XzOptions => new()
    {
        { "aarch64", ["-6"] },
        { "riscv64", ["-6"] },
    };

    [Theory]
    [MemberData(nameof(XzOptions))]
    public void XzCompressesAndDecompressesLikeTheEmulatedRun(string isa, string[] options)
    {
        string dir = CompressGuest.WorkDir($"xz-{isa}{string.Concat(options)}");
        string input = CompressGuest.Input(2);
        string xz = CompressGuest.Debian(isa, "xz");
        var packed = CompressGuest.Differential(isa, "lzma", [xz, .. options, "-c", input]);
        Assert.True(packed.ExitCode == 0, packed.ToString());
        string file = Path.Combine(dir, "in.xz");
        File.WriteAllBytes(file, packed.Stdout);
        var unpacked = CompressGuest.Differential(isa, "lzma", [xz, "-d", "-c", file]);
        Assert.True(unpacked.ExitCode == 0, unpacked.ToString());
        Assert.True(unpacked.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(input)), "the round trip changed the data");
    }

    [Fact]
    public void XzReportsCorruptInputLikeTheEmulatedRun()
    {
        string dir = CompressGuest.WorkDir("xz-corrupt");
        byte[] packed = CompressGuest.Run("aarch64", null, [CompressGuest.Debian("aarch64", "xz"), "-6", "-c", CompressGuest.Input(1)]).Stdout;
        packed[packed.Length / 2] ^= 0x40;
        string file = Path.Combine(dir, "bad.xz");
        File.WriteAllBytes(file, packed);
        var r = CompressGuest.Differential("aarch64", "lzma", [CompressGuest.Debian("aarch64", "xz"), "-d", "-c", file]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Compressed data is corrupt", r.StderrText);
    }

    [Fact]
    public void XzListsBlockHeadersLikeTheEmulatedRun()
    {
        // -vv decodes every block header: lzma_block_header_decode allocates the filter options,
        // which xz frees itself (the stub's guest allocator, spec nullDefaults).
        string dir = CompressGuest.WorkDir("xz-list");
        string xz = CompressGuest.Debian("aarch64", "xz");
        byte[] packed = CompressGuest.Run("aarch64", null, [xz, "-3", "--block-size=262144", "-c", CompressGuest.Input(1)]).Stdout;
        string file = Path.Combine(dir, "blocks.xz");
        File.WriteAllBytes(file, packed);
        var r = CompressGuest.Differential("aarch64", "lzma", [xz, "-lvv", file]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("lzma2=dict=", r.StdoutText);
    }

    [Fact]
    public void DebiansZstdWritesXzThroughLiblzmaLikeTheEmulatedRun()
    {
        // Debian's zstd embeds libzstd but loads liblzma.so.5 for .xz: unmodified, it reaches the thunks.
        string dir = CompressGuest.WorkDir("zstd-format-xz");
        string zstd = CompressGuest.Debian("aarch64", "zstd");
        var packed = CompressGuest.Differential("aarch64", "lzma", [zstd, "--format=xz", "-c", CompressGuest.Input(1)]);
        Assert.True(packed.ExitCode == 0, packed.ToString());
        string file = Path.Combine(dir, "in.xz");
        File.WriteAllBytes(file, packed.Stdout);
        var unpacked = CompressGuest.Differential("aarch64", "lzma", [zstd, "-d", "-c", file]);
        Assert.True(unpacked.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(CompressGuest.Input(1))), "the round trip changed the data");
    }

    [Theory]
    [InlineData("aarch64", "1")]
    [InlineData("aarch64", "0")]
    [InlineData("riscv64", "1")]
    public void GuestAllocatorsWorkLikeTheEmulatedRun(string isa, string fast)
    {
        var r = CompressGuest.Differential(isa, "lzma", [CompressGuest.Built(isa, "lzma_alloc")], new() { ["DLCALL_FAST"] = fast });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("stream decoder: 1048576 bytes, identical, allocator used", r.StdoutText);
        Assert.Contains("raw buffer encoder (const allocator)", r.StdoutText);
        Assert.Contains("allocations freed: all", r.StdoutText);
    }
}
