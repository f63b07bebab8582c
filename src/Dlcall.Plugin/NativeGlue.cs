// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>The C glue linked into libdlcall.so (native/plugin_glue.c).</summary>
internal static unsafe class NativeGlue
{
    /// <summary>Puts back the SIGPIPE disposition saved before the .NET runtime started.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_restore_signals")]
    internal static extern void RestoreSignals();

    /// <summary>Sets the magic number and the managed dispatcher the C filters call.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_glue_configure")]
    internal static extern void Configure(long syscallNumber,
        delegate* unmanaged<ulong, ulong, ulong, ulong, long> dispatch);

    /// <summary>The C filter of API shape 6 or 7.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_glue_filter")]
    internal static extern nint Filter(int shapeApi);
}
