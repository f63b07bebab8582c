// SPDX-License-Identifier: GPL-2.0-or-later
using System.Collections.Concurrent;
using Dlcall.Cli;

namespace Dlcall.TestSupport;

/// <summary>
/// The tests' one way to launch a guest under QEMU directly: qemu-&lt;isa&gt; with the arguments the
/// CLI itself builds (<see cref="QemuCommand"/>: QEMU options, root, plugins, stubs, environment),
/// under <see cref="ProcessRunner"/>'s time limit. Tests that go through <c>dlcall run</c> use the
/// same code by running the CLI.
/// </summary>
public static class GuestCommand
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Roots = new();

    /// <summary>qemu-&lt;isa&gt; of the project's build.</summary>
    public static string Qemu(string isa) => Path.Combine(RepoPaths.QemuDir, "bin", "qemu-" + isa);

    /// <summary>Runs <paramref name="command"/> (the guest program and its arguments) on
    /// <paramref name="isa"/> as <paramref name="qemu"/> says.</summary>
    public static ProcessResult Run(string isa, QemuCommand qemu, IEnumerable<string> command, TimeSpan timeout,
        IDictionary<string, string>? env = null, string? workingDirectory = null) =>
        ProcessRunner.Run(Qemu(isa), qemu.Args(command), timeout, env, workingDirectory);

    /// <summary>
    /// Debian's guest root for <paramref name="isa"/> (either name) with <paramref name="packages"/>
    /// (scripts/guest-sysroot.sh, cached by the script and here per set).
    /// </summary>
    public static string Root(string isa, params string[] packages)
    {
        string arch = RepoLayout.DebianArch(isa);
        return Roots.GetOrAdd(arch + " " + string.Join(' ', packages), _ => new(() =>
        {
            var r = ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "scripts/guest-sysroot.sh"), arch, .. packages],
                TimeSpan.FromMinutes(15));
            if (r.ExitCode != 0) throw new InvalidOperationException("scripts/guest-sysroot.sh failed:\n" + r);
            return r.StdoutText.Trim();
        })).Value;
    }
}
