// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>
/// Linux errno values that travel as negated sysret (protocol.h: DLCALL_E*). They are the same
/// on every guest ISA dlcall supports (the asm-generic numbering).
/// </summary>
public static class Errno
{
    /// <summary>The ID was served.</summary>
    public const long Ok = 0;

    /// <summary>A NULL (or unmapped) out pointer, string or function.</summary>
    public const long EFAULT = 14;

    /// <summary>An unknown operation ID.</summary>
    public const long EINVAL = 22;

    /// <summary>What the guest sees when no plugin claims the syscall.</summary>
    public const long ENOSYS = 38;

    /// <summary>A string (path, name, key) with no NUL within <see cref="Limits.StringMax"/> bytes.</summary>
    public const long ENAMETOOLONG = 36;

    /// <summary>REGISTER_FAST_BLOCK: the vCPU index is beyond the plugin's table.</summary>
    public const long ENOSPC = 28;
}
