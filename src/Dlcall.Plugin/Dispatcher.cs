// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// Serves one claimed syscall: a1 selects the operation, the result goes through the out
/// pointer and the return value is the sysret. This is the per-call hot path: no allocation,
/// no locks, no exceptions. Guest pointers are host pointers (guest_base 0); a NULL one that
/// would crash QEMU answers -EFAULT instead.
/// </summary>
internal static unsafe class Dispatcher
{
    /// <summary>Runs operation <paramref name="id"/> for the guest thread of vCPU
    /// <paramref name="vcpu"/>; returns the sysret.</summary>
    public static long Dispatch(uint vcpu, ulong id, ulong a2, ulong a3, ulong a4) => id switch
    {
        (ulong)ProtocolId.GetHostAttribute => GetHostAttribute((byte*)a2, (nint*)a3),
        (ulong)ProtocolId.LoadLibrary => LoadLibrary((byte*)a2, (int)a3, (nint*)a4),
        (ulong)ProtocolId.GetProcAddress => GetProcAddress((nint)a2, (byte*)a3, (nint*)a4),
        (ulong)ProtocolId.FreeLibrary => FreeLibrary((nint)a2, (int*)a3),
        (ulong)ProtocolId.GetLibraryError => GetLibraryError((nint*)a2),
        (ulong)ProtocolId.InvokeProc => InvokeProc((nint)a2, (void*)a3, (void*)a4),
        (ulong)ProtocolId.RegisterFastBlock => FastPathHost.Register(vcpu, (FastBlock*)a2),
        _ => -Errno.EINVAL,
    };

    private static long GetHostAttribute(byte* key, nint* outValue)
    {
        if (key == null || outValue == null) return -Errno.EFAULT;
        *outValue = (nint)HostAttributes.Lookup(key);
        return Errno.Ok;
    }

    // A NULL path is legal: dlopen(NULL) opens the main program.
    private static long LoadLibrary(byte* path, int flags, nint* outHandle)
    {
        if (outHandle == null) return -Errno.EFAULT;
        *outHandle = LibC.DlOpen(path, flags);
        return Errno.Ok;
    }

    // A NULL handle is legal: it is RTLD_DEFAULT.
    private static long GetProcAddress(nint handle, byte* name, nint* outAddress)
    {
        if (name == null || outAddress == null) return -Errno.EFAULT;
        *outAddress = LibC.DlSym(handle, name);
        return Errno.Ok;
    }

    // glibc's dlclose(NULL) dereferences the handle.
    private static long FreeLibrary(nint handle, int* outResult)
    {
        if (handle == 0 || outResult == null) return -Errno.EFAULT;
        *outResult = LibC.DlClose(handle);
        return Errno.Ok;
    }

    private static long GetLibraryError(nint* outMessage)
    {
        if (outMessage == null) return -Errno.EFAULT;
        *outMessage = (nint)LibC.DlError();
        return Errno.Ok;
    }

    private static long InvokeProc(nint fn, void* a, void* b)
    {
        if (fn == 0) return -Errno.EFAULT;
        // No GC transition: see LibC for why the plugin never needs one.
        ((delegate* unmanaged[SuppressGCTransition]<void*, void*, void>)fn)(a, b);
        return Errno.Ok;
    }
}
