// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>The C glue linked into libdlcall.so (native/plugin_glue.c).</summary>
internal static class NativeGlue
{
    /// <summary>Puts back the SIGPIPE disposition saved before the .NET runtime started.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_restore_signals")]
    internal static extern void RestoreSignals();
}
