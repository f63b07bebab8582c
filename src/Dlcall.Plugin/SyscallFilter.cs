// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// Connects QEMU's syscall filter to the dispatcher. QEMU calls the filter for every guest
/// syscall, so the filter itself (one comparison) is C in native/filter.c: only the
/// magic syscall pays for the transition into .NET.
/// </summary>
internal static unsafe class SyscallFilter
{
    /// <summary>Configures the C filter for <paramref name="settings"/> and returns the
    /// address to register for <paramref name="shape"/>.</summary>
    public static nint Prepare(PluginSettings settings, FilterShape shape)
    {
        NativeGlue.Configure(settings.SyscallNumber, &Dispatch);
        return NativeGlue.Filter(shape == FilterShape.Api6 ? 6 : 7);
    }

    /// <summary>Called by the C filter for the magic syscall only; returns the sysret.</summary>
    [UnmanagedCallersOnly]
    private static long Dispatch(uint vcpu, ulong id, ulong a2, ulong a3, ulong a4) =>
        Dispatcher.Dispatch(vcpu, id, a2, a3, a4);
}
