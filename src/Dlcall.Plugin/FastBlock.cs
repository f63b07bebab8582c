// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// A guest thread's fast-path block (dlcall.h: struct dlcall_fast_block), read and written in
/// place in guest memory: four 64-bit words.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FastBlock
{
    /// <summary>The host function, <c>void fn(void *a, void *b)</c>.</summary>
    public nint Fn;

    /// <summary>Its first argument.</summary>
    public nint A;

    /// <summary>Its second argument.</summary>
    public nint B;

    /// <summary>Preset to FastPath.Pending by the guest; 0 once served, -EFAULT for a NULL fn.</summary>
    public long Status;
}
