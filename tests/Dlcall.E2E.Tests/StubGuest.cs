// SPDX-License-Identifier: GPL-2.0-or-later
using System.Collections.Concurrent;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Runs guest programs linked against a library dlcall has a stub for (tests/zlib/build.sh,
/// tests/libm/build.sh) under QEMU with Debian's guest root, either fully emulated (the real
/// guest library) or with dlcall (the generated stubs first in LD_LIBRARY_PATH, the plugin loaded).
/// </summary>
internal static class StubGuest
{
    private static readonly ConcurrentDictionary<string, string> Sysroots = new();

    /// <summary>Debian's guest root with zlib1g for <paramref name="isa"/> (cached by the script).</summary>
    public static string Sysroot(string isa) => Sysroots.GetOrAdd(isa, i =>
    {
        var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "scripts/guest-sysroot.sh"), i == "aarch64" ? "arm64" : i, "zlib1g"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StdoutText.Trim();
    });

    /// <summary>The stub directory dlcall gen wrote for <paramref name="isa"/>.</summary>
    public static string StubDir(string isa)
    {
        RepoPaths.Require("thunks", isa, "lib", "libz.so.1");
        return Path.Combine(RepoPaths.Artifacts, "thunks", isa, "lib");
    }

    /// <summary>The QEMU arguments that turn an emulated run into a dlcall run; <paramref name="fast"/>
    /// false keeps every call on the syscall path (DLCALL_FAST=0 in the guest).</summary>
    public static string[] PassthroughArgs(string isa, bool withPlugin = true, bool fast = true) =>
        [.. withPlugin ? new[] { "-plugin", RepoPaths.Plugin } : [], "-E", "LD_LIBRARY_PATH=" + StubDir(isa),
         .. fast ? Array.Empty<string>() : ["-E", "DLCALL_FAST=0"]];

    /// <summary>artifacts/&lt;suite&gt;/&lt;isa&gt;/&lt;program&gt; under qemu-&lt;isa&gt;.</summary>
    public static ProcessResult Run(string isa, string program, bool passthrough, string[]? args = null, bool withPlugin = true,
        bool fast = true, string suite = "zlib")
    {
        string qemu = Path.Combine(RepoPaths.QemuDir, "bin", "qemu-" + isa);
        string exe = RepoPaths.Require(suite, isa, program);
        string[] qemuArgs = ["-L", Sysroot(isa), .. passthrough ? PassthroughArgs(isa, withPlugin, fast) : [], exe, .. args ?? []];
        return ProcessRunner.Run(qemu, qemuArgs, TimeSpan.FromMinutes(5), workingDirectory: Path.GetTempPath());
    }
}
