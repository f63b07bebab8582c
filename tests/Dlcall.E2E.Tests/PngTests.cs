// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libpng thunks (thunks/png): libpng's own pngtest (built for arm64 against
/// the guest's libpng by tests/png/build.sh) and Debian's arm64 pngfix (libpng-tools), fully emulated
/// and with libpng16.so.16 passed through, over libpng's own images: the same output, the same files,
/// the same exit status. Broken images take libpng's longjmp error path (docs/Longjmp.md): png_error
/// raised on the host back to the thunk, then the guest's own longjmp; pngfix's callbacks longjmp
/// out of libpng themselves.
/// </summary>
public class PngTests
{
    private static string Root => GuestCommand.Root("aarch64", "libpng-dev", "libpng-tools");

    private static string Png(params string[] parts) => RepoPaths.Require(["png", .. parts]);

    private static string Dir => Path.Combine(RepoPaths.Artifacts, "png");

    private static string[] Images(string dir)
    {
        var images = Directory.GetFiles(Path.Combine(Dir, dir), "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.True(images.Length > 0, $"no images in {dir}: run tests/png/build.sh");
        return images;
    }

    private static ProcessResult Run(string passthrough, string[] command) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, "--sysroot", Root, "--", .. command], TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir }, Dir);

    /// <summary>The command emulated and passed through: the same exit status, stdout and stderr.</summary>
    private static ProcessResult Differential(string[] command)
    {
        var emulated = Run("none", command);
        var passed = Run("png", command);
        Assert.True(emulated.ExitCode == passed.ExitCode,
            $"exit codes differ\n=== emulated\n{emulated}\n=== passthrough\n{passed}");
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Equal(emulated.StderrText, passed.StderrText);
        return emulated;
    }

    [Fact]
    public void PngtestPassesOnItsOwnImageAndWritesTheSameFile()
    {
        // libpng's `make check` (tests/pngtest-all): read pngtest.png, write it back, compare.
        string dir = Path.Combine(Dir, "work");
        Directory.CreateDirectory(dir);
        var outputs = new List<byte[]>();
        foreach (string mode in new[] { "none", "png" })
        {
            string output = Path.Combine(dir, $"pngout-{mode}.png");
            var r = Run(mode, [Png("aarch64", "pngtest"), Png("pngtest.png"), output]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("libpng passes test", r.StdoutText);
            outputs.Add(File.ReadAllBytes(output));
        }
        Assert.True(outputs[0].AsSpan().SequenceEqual(outputs[1]), "pngtest wrote different files");
    }

    [Theory]
    [InlineData("pngsuite")]
    [InlineData("testpngs")]
    public void PngtestReadsAndRewritesEveryImageLikeTheEmulatedRun(string dir)
    {
        // pngtest takes one option, first: -m for several files.
        var r = Differential([Png("aarch64", "pngtest"), "-m", .. Images(dir)]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("libpng passes test", r.StdoutText);
    }

    [Fact]
    public void BrokenImagesRaiseTheSameErrorsThroughLongjmp()
    {
        // testpngs/crashers: CRC and Adler errors, chunks out of place or too large. Each png_error
        // runs pngtest's error_fn, then libpng's default raises: pngtest's setjmp returns, it reports
        // the file and goes on to the next.
        var r = Differential([Png("aarch64", "pngtest"), "-m", .. Images("testpngs/crashers")]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("libpng error: IHDR: CRC error", r.StderrText);
        Assert.Contains("libpng error: IDAT: incorrect data check", r.StderrText);
        Assert.Contains("FAIL", r.StdoutText);
    }

    [Fact]
    public void TruncatedImageRaisesFromInsideTheReadCallback()
    {
        // png_init_io's guest read function calls png_error on a short read, from inside a callback of
        // png_read_row: the raise of that nested call ends in pngtest's longjmp out of the callback.
        string dir = Path.Combine(Dir, "work");
        Directory.CreateDirectory(dir);
        byte[] whole = File.ReadAllBytes(Png("pngtest.png"));
        string cut = Path.Combine(dir, "truncated.png");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var r = Differential([Png("aarch64", "pngtest"), "-m", cut, cut, cut, Png("pngtest.png")]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Read Error", r.StderrText);
    }

    /// <summary>libpng's memory is in guest-mapped pages (spec guestHeap, hostCalls): a program's
    /// fread into png_malloc'd memory read nothing passed through (EFAULT from the guest's read(2)).</summary>
    [Fact]
    public void ProgramsDoIoOnMemoryLibpngAllocated()
    {
        var r = Differential([Png("aarch64", "pngmem"), Png("pngtest.png")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("fread into png_malloc: 4096 bytes, first 50 4e", r.StdoutText);
        Assert.Contains("fwrite of row 0: 364 of 364 bytes", r.StderrText);
    }

    [Fact]
    public void DebianPngfixReportsEveryImageLikeTheEmulatedRun()
    {
        // pngfix's read callback and error_fn longjmp out of libpng themselves (its stop()): each
        // broken image leaves a host call waiting for a callback, which the host runtime reclaims.
        var r = Differential([Path.Combine(Root, "usr/bin/pngfix"), "--verbose",
            .. Images("testpngs/crashers"), .. Images("pngsuite"), Png("pngtest.png")]);
        Assert.Contains("ERR", r.StdoutText);
        Assert.Contains("damaged_PNG_stream " + Path.Combine(Dir, "testpngs/crashers/bad_iCCP.png"), r.StdoutText);
    }
}
