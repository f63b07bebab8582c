// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.Cli;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>Runs the programs of tests/fuzz (tests/fuzz/build.sh's artifacts/fuzz) and reads the
/// figures they print.</summary>
internal static class FuzzGuest
{
    /// <summary>qemu-aarch64 -plugin libdlcall.so artifacts/fuzz/aarch64/&lt;program&gt; args.</summary>
    public static ProcessResult Run(string program, string[] args, TimeSpan timeout)
    {
        string exe = RepoPaths.Require("fuzz", "aarch64", program);
        return GuestCommand.Run("aarch64", new QemuCommand { Plugins = [QemuCommand.PluginSpec()] }, [exe, .. args], timeout);
    }

    /// <summary>The number after "<paramref name="name"/> " on the last line that starts with
    /// <paramref name="prefix"/>.</summary>
    public static long Figure(string output, string prefix, string name)
    {
        string? line = output.Split('\n').LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line != null, $"no line starting with '{prefix}' in:\n{output}");
        Match m = Regex.Match(line!, $@"(?:^|\s){Regex.Escape(name)}[ =](\d+)");
        Assert.True(m.Success, $"no figure '{name}' in: {line}");
        return long.Parse(m.Groups[1].Value);
    }

    /// <summary>Every line that starts with <paramref name="prefix"/>, for the test's output.</summary>
    public static string Lines(string output, string prefix) =>
        string.Join('\n', output.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
}
