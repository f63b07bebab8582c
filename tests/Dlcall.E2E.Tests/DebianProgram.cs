// SPDX-License-Identifier: GPL-2.0-or-later
using System.Collections.Concurrent;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Unmodified Debian programs of a guest architecture, run through <c>dlcall run</c> from a guest
/// root of Debian's packages (dlcall sysroot), fully emulated or with libraries passed
/// through: what users do, and what the differential tests compare.
/// </summary>
internal static class DebianProgram
{
    private static readonly ConcurrentDictionary<string, string> Roots = new();

    /// <summary>The cached guest root of <paramref name="isa"/> with <paramref name="packages"/>.</summary>
    public static string Root(string isa, params string[] packages) => Roots.GetOrAdd(isa + " " + string.Join(' ', packages), _ =>
    {
        // dlcall sysroot takes QEMU's ISA name as well as Debian's.
        var r = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["sysroot", "--arch", isa, .. packages], TimeSpan.FromMinutes(10));
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StdoutText.Trim();
    });

    /// <summary><c>dlcall run --passthrough P --sysroot ROOT -- ROOT/PROGRAM ARGS</c>.</summary>
    public static ProcessResult Run(string root, string program, string passthrough, params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, "--sysroot", root, "--", Path.Combine(root, program.TrimStart('/')), .. args],
            TimeSpan.FromMinutes(10));

    /// <summary>SIZE MiB of tests/zlib/gen-input.c's deterministic mixed data (cached).</summary>
    public static string Input(int mib)
    {
        string path = Path.Combine(RepoPaths.Artifacts, "e2e-inputs", $"mixed-{mib}.bin");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var r = ProcessRunner.Run(RepoPaths.Require("zlib", "host", "gen-input"), [mib.ToString(), path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return path;
    }
}
