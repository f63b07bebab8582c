// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Runs guest programs linked against a library dlcall has a stub for (tests/zlib/build.sh,
/// tests/libm/build.sh) under QEMU with Debian's guest root, either fully emulated (the real
/// guest library) or with dlcall (the generated stubs first in LD_LIBRARY_PATH, the plugin loaded).
/// </summary>
internal static class StubGuest
{
    /// <summary>Debian's guest root with zlib1g for <paramref name="isa"/> (cached by the script).</summary>
    public static string Sysroot(string isa) => GuestCommand.Root(isa, "zlib1g");

    /// <summary>The stub directory dlcall gen wrote for <paramref name="isa"/>.</summary>
    public static string StubDir(string isa)
    {
        RepoPaths.Require("thunks", isa, "lib", "libz.so.1");
        return Path.Combine(RepoPaths.Artifacts, "thunks", isa, "lib");
    }

    /// <summary>The QEMU command of a run in Debian's guest root: fully emulated, or with
    /// <paramref name="passthrough"/> the stubs first in LD_LIBRARY_PATH and (with
    /// <paramref name="withPlugin"/>) the plugin loaded; <paramref name="fast"/> false keeps every call
    /// on the syscall path (DLCALL_FAST=0 in the guest).</summary>
    public static QemuCommand Command(string isa, bool passthrough = true, bool withPlugin = true, bool fast = true) =>
        !passthrough ? new QemuCommand { Root = Sysroot(isa) } : new QemuCommand
        {
            Root = Sysroot(isa),
            Plugins = withPlugin ? [QemuCommand.PluginSpec()] : [],
            LibraryPath = StubDir(isa),
            Env = fast ? [] : [new("DLCALL_FAST", "0")],
        };

    /// <summary>artifacts/&lt;suite&gt;/&lt;isa&gt;/&lt;program&gt; under qemu-&lt;isa&gt;.</summary>
    public static ProcessResult Run(string isa, string program, bool passthrough, string[]? args = null, bool withPlugin = true,
        bool fast = true, string suite = "zlib")
    {
        string exe = RepoPaths.Require(suite, isa, program);
        return GuestCommand.Run(isa, Command(isa, passthrough, withPlugin, fast), [exe, .. args ?? []], TimeSpan.FromMinutes(5),
            workingDirectory: Path.GetTempPath());
    }
}
