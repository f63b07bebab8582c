// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>The plugin's options, resolved once at install.</summary>
/// <param name="SyscallNumber">The magic syscall number the filter claims.</param>
/// <param name="Allow">allow= globs: when any is given, LOAD_LIBRARY loads only what one matches.</param>
/// <param name="Deny">deny= globs: LOAD_LIBRARY never loads what one matches (deny wins).</param>
/// <param name="Stats">stats=on: per-ID, per-library and per-symbol counts and host time at exit.</param>
/// <param name="Trace">trace=on: one log line per call.</param>
internal sealed record PluginSettings(long SyscallNumber, byte[][] Allow, byte[][] Deny, bool Stats, bool Trace)
{
    /// <summary>Settings when QEMU passes no options: the seed's behaviour.</summary>
    public static PluginSettings Default { get; } = new(SyscallNumbers.Default, [], [], false, false);
}
