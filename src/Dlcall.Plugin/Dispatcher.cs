// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// Serves one claimed syscall other than INVOKE_PROC (which the C filter serves itself, see
/// native/filter.c): a1 selects the operation, the result goes through the out pointer and
/// the return value is the sysret. No allocation, no locks, no exceptions.
/// </summary>
/// <remarks>
/// Guest pointers are host pointers (guest_base 0), and the guest may pass any value. Nothing
/// here dereferences one: strings are copied into a buffer first and out pointers are probed by
/// writing the "no result" value, both through the kernel (native/guest_mem.c), so NULL,
/// unmapped or read-only memory answers -EFAULT before any libdl call runs. A probed out
/// pointer is then written directly. Library handles must be ones libdl knows.
/// </remarks>
internal static unsafe class Dispatcher
{
    /// <summary>Runs operation <paramref name="id"/> for the guest thread of vCPU
    /// <paramref name="vcpu"/>; returns the sysret.</summary>
    public static long Dispatch(uint vcpu, ulong id, ulong a2, ulong a3, ulong a4) => id switch
    {
        (ulong)ProtocolId.GetHostAttribute => GetHostAttribute(a2, a3),
        (ulong)ProtocolId.LoadLibrary => LoadLibrary(vcpu, a2, (int)a3, a4),
        (ulong)ProtocolId.GetProcAddress => GetProcAddress(vcpu, (nint)a2, a3, a4),
        (ulong)ProtocolId.FreeLibrary => FreeLibrary(vcpu, (nint)a2, a3),
        (ulong)ProtocolId.GetLibraryError => GetLibraryError(vcpu, a2),
        (ulong)ProtocolId.RegisterFastBlock => FastPathHost.Register(vcpu, a2),
        _ => -Errno.EINVAL,
    };

    private static long GetHostAttribute(ulong key, ulong outValue)
    {
        byte* copy = stackalloc byte[Limits.StringMax];
        long status = NativeGlue.CopyString(key, copy, Limits.StringMax);
        if (status != Errno.Ok) return status;
        status = NativeGlue.PutGuest(outValue, 0, (nuint)sizeof(nint));
        if (status != Errno.Ok) return status;
        *(nint*)outValue = (nint)HostAttributes.Lookup(copy);
        return Errno.Ok;
    }

    // A NULL path is legal: dlopen(NULL) opens the main program.
    private static long LoadLibrary(uint vcpu, ulong path, int flags, ulong outHandle)
    {
        byte* copy = stackalloc byte[Limits.StringMax];
        if (path != 0)
        {
            long copied = NativeGlue.CopyString(path, copy, Limits.StringMax);
            if (copied != Errno.Ok) return copied;
        }
        long status = NativeGlue.PutGuest(outHandle, 0, (nuint)sizeof(nint));
        if (status != Errno.Ok) return status;
        LibraryErrors.Clear(vcpu);
        if (!LoadPolicy.Allows(path == 0 ? null : copy, vcpu)) return Errno.Ok; // a NULL handle
        *(nint*)outHandle = LibC.DlOpen(path == 0 ? null : copy, flags);
        return Errno.Ok;
    }

    private static long GetProcAddress(uint vcpu, nint handle, ulong name, ulong outAddress)
    {
        byte* copy = stackalloc byte[Limits.StringMax];
        long status = NativeGlue.CopyString(name, copy, Limits.StringMax);
        if (status != Errno.Ok) return status;
        if (!NativeGlue.IsHandle(handle)) return -Errno.EFAULT;
        status = NativeGlue.PutGuest(outAddress, 0, (nuint)sizeof(nint));
        if (status != Errno.Ok) return status;
        LibraryErrors.Clear(vcpu);
        *(nint*)outAddress = LibC.DlSym(handle, copy);
        return Errno.Ok;
    }

    // glibc's dlclose dereferences the handle: NULL, RTLD_NEXT (-1: a handle for dlsym only, found
    // by tests/fuzz) or one libdl never gave out is -EFAULT.
    private static long FreeLibrary(uint vcpu, nint handle, ulong outResult)
    {
        if (handle == 0 || handle == -1 || !NativeGlue.IsHandle(handle)) return -Errno.EFAULT;
        long status = NativeGlue.PutGuest(outResult, unchecked((ulong)-1), (nuint)sizeof(int));
        if (status != Errno.Ok) return status;
        LibraryErrors.Clear(vcpu);
        *(int*)outResult = LibC.DlClose(handle);
        return Errno.Ok;
    }

    private static long GetLibraryError(uint vcpu, ulong outMessage)
    {
        long status = NativeGlue.PutGuest(outMessage, 0, (nuint)sizeof(nint));
        if (status != Errno.Ok) return status;
        *(nint*)outMessage = (nint)LibraryErrors.Take(vcpu);
        return Errno.Ok;
    }
}
