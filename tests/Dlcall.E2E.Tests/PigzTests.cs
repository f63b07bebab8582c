// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests with Debian's own pigz (it links libz.so.1 and libm.so.6), unmodified:
/// the same bytes and exit codes fully emulated and with zlib and libm passed through.
/// </summary>
public class PigzTests
{
    public static TheoryData<string> Isas => new() { "aarch64", "riscv64" };

    private static void AssertSame(ProcessResult emulated, ProcessResult passthrough)
    {
        Assert.True(emulated.ExitCode == passthrough.ExitCode, $"emulated {emulated}\npassed through {passthrough}");
        Assert.True(emulated.Stdout.AsSpan().SequenceEqual(passthrough.Stdout), $"stdout differs: {emulated.Stdout.Length} vs {passthrough.Stdout.Length} bytes");
        Assert.Equal(emulated.StderrText, passthrough.StderrText);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void CompressesAndDecompressesTheSameBytes(string isa)
    {
        string root = DebianProgram.Root(isa, "pigz");
        string input = DebianProgram.Input(4);
        foreach (string level in new[] { "-1", "-6", "-9" })
        {
            var emulated = DebianProgram.Run(root, "/usr/bin/pigz", "none", level, "-c", input);
            var passthrough = DebianProgram.Run(root, "/usr/bin/pigz", "zlib,libm", level, "-c", input);
            Assert.True(emulated.ExitCode == 0, emulated.ToString());
            AssertSame(emulated, passthrough);
            string gz = Path.Combine(Path.GetTempPath(), $"dlcall-pigz-{isa}{level}.gz");
            File.WriteAllBytes(gz, passthrough.Stdout);
            var back = DebianProgram.Run(root, "/usr/bin/pigz", "zlib,libm", "-d", "-c", gz);
            Assert.True(back.ExitCode == 0, back.ToString());
            Assert.True(back.Stdout.AsSpan().SequenceEqual(File.ReadAllBytes(input)), "the round trip lost data");
            AssertSame(DebianProgram.Run(root, "/usr/bin/pigz", "none", "-d", "-c", gz), back);
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void ReportsCorruptInputTheSameWay(string isa)
    {
        string root = DebianProgram.Root(isa, "pigz");
        var good = DebianProgram.Run(root, "/usr/bin/pigz", "zlib,libm", "-6", "-c", DebianProgram.Input(1));
        Assert.True(good.ExitCode == 0, good.ToString());
        byte[] bad = good.Stdout.ToArray();
        for (int i = bad.Length / 3; i < bad.Length / 3 + 64; i++) bad[i] ^= 0x5a; // inside the deflate data
        string path = Path.Combine(Path.GetTempPath(), $"dlcall-pigz-bad-{isa}.gz");
        File.WriteAllBytes(path, bad);
        foreach (string[] args in new[] { new[] { "-t", path }, new[] { "-d", "-c", path } })
        {
            var emulated = DebianProgram.Run(root, "/usr/bin/pigz", "none", args);
            var passthrough = DebianProgram.Run(root, "/usr/bin/pigz", "zlib,libm", args);
            Assert.NotEqual(0, emulated.ExitCode);
            AssertSame(emulated, passthrough);
        }
    }
}
