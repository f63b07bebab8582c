// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>The plugin's options, resolved once at install.</summary>
/// <param name="SyscallNumber">The magic syscall number the filter claims.</param>
/// <param name="Allow">allow= globs: when any is given, LOAD_LIBRARY loads only what one matches.</param>
/// <param name="Deny">deny= globs: LOAD_LIBRARY never loads what one matches (deny wins).</param>
/// <param name="Stats">stats=on: per-ID, per-library and per-symbol counts and host time at exit.</param>
/// <param name="Trace">trace=on: one log line per call.</param>
/// <param name="FollowExec">follow_exec=on (the default): a guest exec of a guest program runs it
/// under this QEMU and plugin (ExecFollow).</param>
/// <param name="FastPath">fast_path=on (the default): the magic instruction is offered. Off, the
/// plugin registers no translation callback at all, so emulated code runs exactly as without a
/// plugin; it then never learns guest_base, so execs are left to QEMU too.</param>
/// <param name="StatsFile">stats_file=PATH: the stats report is appended to PATH (implies stats=on).</param>
internal sealed record PluginSettings(long SyscallNumber, byte[][] Allow, byte[][] Deny, bool Stats, bool Trace,
    bool FollowExec = true, byte[]? StatsFile = null, bool FastPath = true)
{
    /// <summary>Settings when QEMU passes no options: the seed's behaviour, and exec following.</summary>
    public static PluginSettings Default { get; } = new(SyscallNumbers.Default, [], [], false, false);
}
