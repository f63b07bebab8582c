// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>The plugin's options, resolved once at install.</summary>
/// <param name="SyscallNumber">The magic syscall number the filter claims.</param>
internal sealed record PluginSettings(long SyscallNumber)
{
    /// <summary>Settings when QEMU passes no options.</summary>
    public static PluginSettings Default { get; } = new(SyscallNumbers.Default);
}
