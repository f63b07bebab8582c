// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>What exec following needs to know about the guest ISA: its execve and execveat
/// numbers and the ELF machine of its programs.</summary>
internal readonly record struct GuestIsa(long Execve, long Execveat, ushort ElfMachine)
{
    /// <summary>For qemu_info_t's target_name; null for an ISA the plugin does not follow.</summary>
    public static GuestIsa? ForTarget(ReadOnlySpan<byte> targetName) =>
        // aarch64 and riscv64 use the generic syscall table; EM_AARCH64, EM_RISCV, EM_X86_64.
        targetName.SequenceEqual("aarch64"u8) ? new GuestIsa(221, 281, 183)
        : targetName.SequenceEqual("riscv64"u8) ? new GuestIsa(221, 281, 243)
        : targetName.SequenceEqual("x86_64"u8) ? new GuestIsa(59, 322, 62)
        : null;
}
