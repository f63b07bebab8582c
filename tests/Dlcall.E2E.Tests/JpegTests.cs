// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of the libjpeg thunks (thunks/jpeg): Debian's arm64 cjpeg, djpeg and jpegtran
/// (libjpeg-turbo-progs), unmodified, fully emulated and with libjpeg.so.62 passed through, over
/// libjpeg-turbo's own test images (tests/jpeg/build.sh): the same files, output and exit status.
/// They call cinfo->mem's methods themselves (the guest's proxy, docs/Longjmp.md), the host calls
/// their source, destination and error managers back, and a broken image takes ERREXIT's path:
/// raised on the host, then jpeg_std_error's error_exit in the guest prints and exits.
/// </summary>
public class JpegTests
{
    private static string Root => GuestCommand.Root("aarch64", "libjpeg-turbo-progs", "libjpeg62-turbo-dev");

    private static string Dir => Path.Combine(RepoPaths.Artifacts, "jpeg");

    private static string Image(string name) => RepoPaths.Require(["jpeg", "testimages", name]);

    private static ProcessResult Run(string passthrough, string program, string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, "--sysroot", Root, "--", Path.Combine(Root, "usr/bin", program), .. args],
            TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir }, Dir);

    /// <summary>PROGRAM ARGS -outfile OUT emulated and passed through: the same status, stdout, stderr
    /// and output file (none when the program failed before writing it).</summary>
    private static ProcessResult Differential(string program, string[] args)
    {
        string work = Path.Combine(Dir, "work");
        Directory.CreateDirectory(work);
        var results = new List<(ProcessResult R, byte[]? Out)>();
        foreach (string mode in new[] { "none", "jpeg" })
        {
            string output = Path.Combine(work, $"{program}-{Guid.NewGuid():N}-{mode}");
            var r = Run(mode, program, ["-outfile", output, .. args]);
            results.Add((r, File.Exists(output) ? File.ReadAllBytes(output) : null));
            File.Delete(output);
        }
        var (emulated, passed) = (results[0].R, results[1].R);
        Assert.True(emulated.ExitCode == passed.ExitCode, $"exit codes differ\n=== emulated\n{emulated}\n=== passthrough\n{passed}");
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        Assert.Equal(emulated.StderrText, passed.StderrText);
        Assert.Equal(results[0].Out is null, results[1].Out is null);
        if (results[0].Out is { } a) Assert.True(a.AsSpan().SequenceEqual(results[1].Out), $"{program} {string.Join(' ', args)}: different files");
        return emulated;
    }

    // -dct float is left out: libjpeg-turbo's float DCT rounds differently with x86_64's SIMD and
    // arm64's (its own test suite keeps an MD5 per platform), so it cannot match the emulated run.
    [Theory]
    [InlineData("testorig.jpg", "-ppm")]
    [InlineData("testorig.jpg", "-dct int -bmp")]
    [InlineData("testorig.jpg", "-dct fast -scale 1/2 -ppm")]
    [InlineData("testorig.jpg", "-scale 7/8 -dither none -colors 64 -gif")]
    [InlineData("testorig.jpg", "-grayscale -ppm")]
    [InlineData("testorig.jpg", "-rgb565 -dither fs -bmp")]
    [InlineData("testimgint.jpg", "-ppm")]
    [InlineData("testimgari.jpg", "-ppm")]
    [InlineData("testorig.jpg", "-verbose -verbose -ppm")]
    [InlineData("testorig.jpg", "-crop 98x98+13+13 -ppm")]
    public void DjpegDecodesLikeTheEmulatedRun(string image, string options)
    {
        var r = Differential("djpeg", [.. options.Split(' '), Image(image)]);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Theory]
    [InlineData("testorig.ppm", "-quality 50")]
    [InlineData("testorig.ppm", "-quality 95 -progressive")]
    [InlineData("testorig.ppm", "-optimize -dct int")]
    [InlineData("testorig.ppm", "-grayscale -restart 1")]
    [InlineData("testorig.ppm", "-arithmetic -sample 1x1")]
    [InlineData("vgl_6548_0026a.bmp", "-quality 90")]
    [InlineData("vgl_5674_0098.bmp", "-progressive -smooth 20")]
    [InlineData("nightshot_iso_100.bmp", "-quality 100 -dct fast")]
    public void CjpegEncodesLikeTheEmulatedRun(string image, string options)
    {
        var r = Differential("cjpeg", [.. options.Split(' '), Image(image)]);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Theory]
    [InlineData("testorig.jpg", "-rotate 90 -copy all")]
    [InlineData("testimgint.jpg", "-progressive -optimize -copy none")]
    [InlineData("testorig.jpg", "-flip horizontal -trim")]
    [InlineData("testorig.jpg", "-transpose -grayscale")]
    [InlineData("testimgari.jpg", "-crop 64x64+16+16")]
    public void JpegtranTransformsLikeTheEmulatedRun(string image, string options)
    {
        // jpegtran's transupp.c requests and walks coefficient arrays through cinfo->mem itself.
        var r = Differential("jpegtran", [.. options.Split(' '), Image(image)]);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    [Fact]
    public void BrokenImagesRaiseTheSameErrorsThroughErrorExit()
    {
        // ERREXIT on the host: raised back to the thunk, then the guest's error_exit (jpeg_std_error's)
        // formats the message from the guest's table, destroys the object (a host call) and exits.
        string work = Path.Combine(Dir, "work");
        Directory.CreateDirectory(work);
        byte[] whole = File.ReadAllBytes(Image("testorig.jpg"));
        string header = Path.Combine(work, "header-only.jpg");
        File.WriteAllBytes(header, whole[..100]);
        var r = Differential("djpeg", ["-ppm", header]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("JPEG datastream contains no image", r.StderrText);
        r = Differential("jpegtran", [header]);
        Assert.Equal(1, r.ExitCode);
        r = Differential("djpeg", ["-ppm", Image("testorig12.jpg")]); // 12-bit: libjpeg.so.62 is 8-bit
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Unsupported JPEG data precision 12", r.StderrText);
    }

    [Fact]
    public void DamagedImagesWarnTheSameWay()
    {
        // Warnings (emit_message, a guest callback) and djpeg's exit status 2 for them.
        string work = Path.Combine(Dir, "work");
        Directory.CreateDirectory(work);
        byte[] whole = File.ReadAllBytes(Image("testorig.jpg"));
        string cut = Path.Combine(work, "truncated.jpg"), damaged = Path.Combine(work, "damaged.jpg");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        byte[] bad = (byte[])whole.Clone();
        bad[700] = 0xff;
        bad[701] = 0xd9;
        File.WriteAllBytes(damaged, bad);
        var r = Differential("djpeg", ["-ppm", cut]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Premature end of JPEG file", r.StderrText);
        r = Differential("djpeg", ["-ppm", damaged]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Corrupt JPEG data", r.StderrText);
    }

    [Fact]
    public void TheStubExportsEveryFunctionVersionOfTheRealLibrary()
    {
        // 121 functions under LIBJPEG_6.2 and LIBJPEGTURBO_6.2; the stub must bind every one of them.
        string real = Path.Combine(Root, "usr/lib/aarch64-linux-gnu/libjpeg.so.62");
        var expected = StubExportsTests.Functions(real);
        Assert.True(expected.Count > 100, string.Join(", ", expected));
        Assert.Equal(expected, StubExportsTests.Functions(RepoPaths.Require("thunks", "aarch64", "lib", "libjpeg.so.62")));
    }

    [Fact]
    public void PillowDecodesAndEncodesLikeTheEmulatedRun()
    {
        // Debian's python3-pil: its own source and destination managers and error_exit (a longjmp);
        // the cut copies end in Pillow's errors for truncated or broken data.
        string root = GuestCommand.Root("aarch64", "python3-pil");
        string[] command = [Path.Combine(root, "usr/bin/python3"), Path.Combine(RepoPaths.Root, "tests/jpeg/pillow_workload.py"),
            Image("testorig.jpg"), Image("testimgint.jpg"), Image("testimgari.jpg")];
        var runs = new[] { "none", "jpeg" }.Select(mode => ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", mode, "--sysroot", root, "--", .. command], TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir })).ToArray();
        Assert.True(runs[0].ExitCode == 0, runs[0].ToString());
        Assert.True(runs[1].ExitCode == 0, runs[1].ToString());
        Assert.Equal(runs[0].StdoutText, runs[1].StdoutText);
        Assert.Contains("error:", runs[1].StdoutText);
    }
}
