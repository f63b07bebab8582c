// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// Host libc, bound directly at link time (DirectPInvoke in the project file): a lazily bound
/// import would run dlsym on first use and wipe the dlerror() message the guest is about to read.
/// </summary>
internal static unsafe class LibC
{
    [DllImport("libc", EntryPoint = "dlopen")]
    internal static extern nint DlOpen(byte* path, int flags);

    [DllImport("libc", EntryPoint = "dlsym")]
    internal static extern nint DlSym(nint handle, byte* name);

    [DllImport("libc", EntryPoint = "dlclose")]
    internal static extern int DlClose(nint handle);

    // Short and lock-free: no need to leave cooperative mode.
    [DllImport("libc", EntryPoint = "dlerror"), SuppressGCTransition]
    internal static extern byte* DlError();

    [DllImport("libc", EntryPoint = "write")]
    internal static extern nint Write(int fd, byte* buf, nuint count);
}
