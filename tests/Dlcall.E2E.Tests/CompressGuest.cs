// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Runs for the liblzma, libzstd and libbz2 differential tests: Debian's own xz, zstd and bzip2 from a
/// guest root (scripts/guest-sysroot.sh ARCH xz-utils zstd libzstd1 bzip2) and the programs tests/compress/build.sh
/// makes, through <c>./dlcall run</c>, fully emulated or with a library passed through.
/// </summary>
internal static class CompressGuest
{
    private static readonly object InputLock = new();

    /// <summary>The guest root with Debian's xz-utils, zstd, libzstd1 and bzip2 for <paramref name="isa"/>.</summary>
    public static string Root(string isa) => GuestCommand.Root(isa, "xz-utils", "zstd", "libzstd1", "bzip2");

    /// <summary>Debian's program <paramref name="name"/> (xz, zstd, bzip2) in the guest root.</summary>
    public static string Debian(string isa, string name) => Path.Combine(Root(isa), "usr/bin", name);

    /// <summary>A program tests/compress/build.sh built (zstd linked to libzstd.so.1, lzma_alloc...).</summary>
    public static string Built(string isa, string name) => RepoPaths.Require("compress", isa, name);

    /// <summary>A fresh directory for one test's files.</summary>
    public static string WorkDir(string name)
    {
        string dir = Path.Combine(RepoPaths.Artifacts, "compress", "work", name);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The deterministic mixed input (tests/zlib/gen-input.c) of <paramref name="mib"/> MiB.</summary>
    public static string Input(int mib)
    {
        string path = Path.Combine(RepoPaths.Artifacts, "compress", "inputs", $"mixed-{mib}.bin");
        lock (InputLock)
        {
            if (File.Exists(path)) return path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var r = ProcessRunner.Run(RepoPaths.Require("compress", "host", "gen-input"), [mib.ToString(), path + ".tmp"]);
            Assert.True(r.ExitCode == 0, r.ToString());
            File.Move(path + ".tmp", path, true);
            return path;
        }
    }

    /// <summary><c>dlcall run --passthrough LIB|none --sysroot ROOT -- program args</c>.</summary>
    public static ProcessResult Run(string isa, string? library, string[] command, Dictionary<string, string>? env = null) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", library ?? "none", "--sysroot", Root(isa), "--", .. command], TimeSpan.FromMinutes(10),
            new Dictionary<string, string>(env ?? []) { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });

    /// <summary>The same command fully emulated and with <paramref name="library"/> passed through: same
    /// exit code, byte-identical standard output. Returns the emulated run.</summary>
    public static ProcessResult Differential(string isa, string library, string[] command, Dictionary<string, string>? env = null,
        bool sameStderr = false)
    {
        var emulated = Run(isa, null, command, env);
        var passthrough = Run(isa, library, command, env);
        if (sameStderr) Assert.Equal(emulated.StderrText, passthrough.StderrText);
        Assert.True(emulated.ExitCode == passthrough.ExitCode,
            $"exit codes differ\n=== emulated\n{emulated}\n=== passthrough\n{passthrough}");
        Assert.True(emulated.Stdout.AsSpan().SequenceEqual(passthrough.Stdout),
            $"outputs differ: {emulated.Stdout.Length} bytes emulated, {passthrough.Stdout.Length} with {library} passed through\n{passthrough.StderrText}");
        return emulated;
    }
}
