// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>
/// The fast path's ABI (protocol.h: DLCALL_FAST_*, docs/Protocol.md "The fast path"): the
/// magic instruction of each guest ISA and the status the guest presets in its block.
/// </summary>
public static class FastPath
{
    /// <summary>Answered for <see cref="HostAttributeKeys.FastPath"/>: the block and
    /// magic-instruction ABI version.</summary>
    public const string AbiVersion = "1";

    /// <summary>Status the guest presets; the plugin overwrites it once it has served the call.</summary>
    public const long Pending = 1;

    /// <summary>aarch64 <c>hint #0x7b</c>, little-endian.</summary>
    public const ulong MagicAarch64 = 0xd5032f7f;

    /// <summary>riscv64 <c>slti x0, x0, 0x6dc</c>, little-endian.</summary>
    public const ulong MagicRiscv64 = 0x6dc02013;

    /// <summary>x86_64 <c>nopl 0x31636c64(%rax,%rax,1)</c> (8 bytes), little-endian.</summary>
    public const ulong MagicX86_64 = 0x31636c6400841f0f;
}
