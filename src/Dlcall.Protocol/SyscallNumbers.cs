// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>The magic syscall number (protocol.h: DLCALL_SYSCALL_NUM_*).</summary>
public static class SyscallNumbers
{
    /// <summary>Used when the plugin gets no syscall_num option.</summary>
    public const long Default = 4096;

    /// <summary>Smallest accepted value: below it a real syscall could be claimed.</summary>
    public const long Minimum = 4096;
}
