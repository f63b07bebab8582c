// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>The leading fields of QEMU's <c>qemu_info_t</c>, identical in every API version.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct QemuInfo
{
    /// <summary>Guest architecture, e.g. "aarch64".</summary>
    public byte* TargetName;

    /// <summary>Oldest plugin API this QEMU accepts.</summary>
    public int VersionMin;

    /// <summary>This QEMU's plugin API level (QEMU_PLUGIN_VERSION).</summary>
    public int VersionCur;

    /// <summary>C bool: non-zero under system emulation.</summary>
    public byte SystemEmulation;
}
