// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// Host libc, bound directly at link time (DirectPInvoke in the project file): a lazily bound
/// import would run dlsym on first use and wipe the dlerror() message the guest is about to read.
/// </summary>
/// <remarks>
/// The per-call host calls (dlsym, dlerror, INVOKE_PROC's function) skip the GC transition,
/// which costs a thread-local lookup per call. That is safe only because no garbage collection
/// ever runs: the plugin allocates a few objects at install and nothing afterwards, so nothing
/// ever needs to suspend a vCPU thread that is inside a host call. PluginExports checks this at
/// exit and complains if a collection did run.
/// </remarks>
internal static unsafe class LibC
{
    [DllImport("libc", EntryPoint = "dlopen")]
    internal static extern nint DlOpen(byte* path, int flags);

    [DllImport("libc", EntryPoint = "dlsym"), SuppressGCTransition]
    internal static extern nint DlSym(nint handle, byte* name);

    [DllImport("libc", EntryPoint = "dlclose")]
    internal static extern int DlClose(nint handle);

    [DllImport("libc", EntryPoint = "dlerror"), SuppressGCTransition]
    internal static extern byte* DlError();

    [DllImport("libc", EntryPoint = "fnmatch"), SuppressGCTransition]
    internal static extern int FnMatch(byte* pattern, byte* text, int flags);

    [DllImport("libc", EntryPoint = "write")]
    internal static extern nint Write(int fd, byte* buf, nuint count);

    // Exec following (ExecFollow, ExecTarget): the host side of a guest execve.
    internal const int O_RDONLY = 0, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    internal const int F_OK = 0, X_OK = 1;
    internal const int F_GETFD = 1, FD_CLOEXEC = 1;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(byte* path, int flags);

    [DllImport("libc", EntryPoint = "read")]
    internal static extern nint Read(int fd, byte* buf, nuint count);

    [DllImport("libc", EntryPoint = "close")]
    internal static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "access")]
    internal static extern int Access(byte* path, int mode);

    [DllImport("libc", EntryPoint = "readlink")]
    internal static extern nint ReadLink(byte* path, byte* buf, nuint size);

    [DllImport("libc", EntryPoint = "dup")]
    internal static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "fcntl")]
    internal static extern int Fcntl(int fd, int cmd);

    [DllImport("libc", EntryPoint = "getpid")]
    internal static extern int GetPid();

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    internal static extern int Execve(byte* path, byte** argv, byte** envp);

    [DllImport("libc", EntryPoint = "realpath")]
    internal static extern byte* RealPath(byte* path, byte* resolved);

    [DllImport("libc", EntryPoint = "free")]
    internal static extern void Free(void* p);
}
