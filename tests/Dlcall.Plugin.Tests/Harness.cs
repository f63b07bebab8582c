// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.Plugin.Tests;

/// <summary>Runs tests/harness/qemu_harness (a C program that plays QEMU) on the published plugin.</summary>
internal static class Harness
{
    /// <summary>qemu_harness &lt;plugin&gt; &lt;scenario&gt; [harnessArgs] -- [pluginOptions].</summary>
    public static ProcessResult Run(string scenario, string[] harnessArgs, string[] pluginOptions,
        bool withFilterApi = true, string? plugin = null)
    {
        string exe = RepoPaths.Require("harness", withFilterApi ? "qemu_harness" : "qemu_harness_nofilter");
        string[] args = [plugin ?? RepoPaths.Plugin, scenario, .. harnessArgs, "--", .. pluginOptions];
        return ProcessRunner.Run(exe, args, TimeSpan.FromSeconds(120));
    }

    /// <summary>The checks a scenario printed as "FAIL ..." lines.</summary>
    public static string[] Failures(ProcessResult r) =>
        r.StdoutText.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToArray();
}
