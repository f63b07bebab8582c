// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>Runs a guest program from tests/e2e/&lt;feature&gt; under the real qemu-&lt;isa&gt;.</summary>
internal static class Guest
{
    /// <summary>The project's own host test library (tests/e2e/hostlib).</summary>
    public static string HostLib => RepoPaths.Require("e2e", "host", "libdlcall_testlib.so");

    /// <summary>
    /// qemu-&lt;isa&gt; [qemuOptions] [-L sysroot] [-plugin libdlcall.so[,options]] guest args. With
    /// <paramref name="plugin"/> null the guest runs without any plugin.
    /// </summary>
    public static ProcessResult Run(GuestTarget target, string feature, string[] args,
        string? plugin = "", TimeSpan? timeout = null, IDictionary<string, string>? env = null,
        string[]? qemuOptions = null)
    {
        string[] specs = plugin == null ? [] : [QemuCommand.PluginSpec(plugin.Length > 0 ? [plugin] : null)];
        return RunWithPlugins(target, feature, args, specs, timeout, env, qemuOptions);
    }

    /// <summary>qemu-&lt;isa&gt; [qemuOptions] [-L sysroot] (-plugin spec)* guest args: any plugins, in order.</summary>
    public static ProcessResult RunWithPlugins(GuestTarget target, string feature, string[] args,
        string[] pluginSpecs, TimeSpan? timeout = null, IDictionary<string, string>? env = null,
        string[]? qemuOptions = null)
    {
        string program = RepoPaths.Require("e2e", target.ToString(), feature);
        var qemu = new QemuCommand { QemuOptions = qemuOptions ?? [], Root = target.Sysroot, Plugins = pluginSpecs };
        return GuestCommand.Run(target.Isa, qemu, [program, .. args], timeout ?? TimeSpan.FromSeconds(180), env);
    }

    /// <summary>Asserts a clean pass: exit 0 and the program's "PASS &lt;feature&gt;" line.</summary>
    public static void AssertPassed(ProcessResult r, string feature)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(r.StdoutText.Contains("PASS " + feature), r.ToString());
        // The plugin warns at exit if a garbage collection ran (its per-call paths assume none).
        Assert.False(r.StderrText.Contains("garbage collection"), r.ToString());
    }
}
