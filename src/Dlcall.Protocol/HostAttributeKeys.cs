// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>Keys of GET_HOST_ATTRIBUTE and the values the plugin answers (protocol.h: DLCALL_ATTR_*).</summary>
public static class HostAttributeKeys
{
    /// <summary>The seed's only key; answers <see cref="EmuValue"/>.</summary>
    public const string Emu = "emu";

    /// <summary>The value of <see cref="Emu"/>.</summary>
    public const string EmuValue = "qemu";

    /// <summary>dlcall's own: the plugin's version, e.g. "0.1.0".</summary>
    public const string Version = "dlcall.version";

    /// <summary>dlcall's own: the host ISA, e.g. "x86_64".</summary>
    public const string HostArch = "dlcall.host_arch";

    /// <summary>dlcall's own, present only when the fast path is on: its ABI version
    /// (<see cref="FastPath.AbiVersion"/>).</summary>
    public const string FastPath = "dlcall.fast_path";
}
