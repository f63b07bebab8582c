// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>
/// The QEMU command line of a `dlcall run`, recorded by the full CLI (src/Dlcall.Cli) for the small
/// dlcall-run (src/Dlcall.Cli.Run), which starts the same program again with one file read and a
/// stat per input instead of the 7 MB CLI's own start (about 20 ms of the 30 ms a bare QEMU takes).
/// Kept in <see cref="RunCache"/> under the options and the program, valid while every file the launch
/// was derived from (GuestLaunch.Inputs and <see cref="RunCache.Consulted"/>) is unchanged.
/// Only runs that print nothing of their own are recorded: no --verbose, --stats, --allow or --deny.
/// </summary>
internal static class WarmRun
{
    /// <summary>The environment GuestLaunch and RepoLayout read (QEMU's directory, the guest root,
    /// the guest's LD_LIBRARY_PATH): the same launch only under the same values.</summary>
    private static readonly string[] EnvironmentInputs = ["LD_LIBRARY_PATH", "DLCALL_QEMU_SOURCE", "DLCALL_CACHE", "XDG_CACHE_HOME", "HOME"];

    /// <summary>Set to 1, dlcall-run says on stderr whether it started the program or handed over to
    /// the full CLI, and why (the tests check that a warm run takes the short way).</summary>
    public const string TraceVariable = "DLCALL_RUN_TRACE";

    /// <summary>The record's key: `run`'s options as the full CLI parsed them (QEMU's ISA name or
    /// auto, the --passthrough text, --sysroot as typed), the program's ISA and full path, and the environment read.</summary>
    public static string Key(string arch, string passthrough, string? sysroot, bool followExec, string isa, string program)
    {
        // A relative --sysroot reaches QEMU as typed: the same only in the same directory.
        string where = sysroot != null && !Path.IsPathRooted(sysroot) ? Directory.GetCurrentDirectory() : "";
        return string.Join("\n", [arch, passthrough, sysroot ?? "(none)", where, followExec ? "follow" : "no-follow", isa,
            Path.GetFullPath(program), .. EnvironmentInputs.Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}")]);
    }

    /// <summary>Records <paramref name="qemu"/> and its arguments before the program's, valid while <paramref name="inputs"/> are unchanged.</summary>
    public static void Record(string key, string qemu, IEnumerable<string> qemuArgs, IEnumerable<string> inputs)
    {
        List<string> values = [qemu, .. qemuArgs];
        if (values.Any(v => v.Contains('\n'))) return; // one value a line
        RunCache.Put("launch", key, inputs.Distinct(), values);
    }

    /// <summary>QEMU and its arguments before the program, or null when no valid record exists.</summary>
    public static (string Qemu, IReadOnlyList<string> Args)? Find(string key) =>
        RunCache.Find("launch", key) is { Count: > 0 } v ? (v[0], v.Skip(1).ToList()) : null;
}
