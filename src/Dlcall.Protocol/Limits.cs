// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Protocol;

/// <summary>Bounds the plugin puts on what it reads from the guest (protocol.h).</summary>
public static class Limits
{
    /// <summary>The longest string (path, symbol name, attribute key) the plugin reads, NUL
    /// included (DLCALL_STRING_MAX): PATH_MAX, so any path the host's dlopen takes fits.</summary>
    public const int StringMax = 4096;
}
