// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// The vCPU syscall filters QEMU calls for every guest syscall, one entry point per API shape.
/// Anything but the magic number returns false at once so other syscalls pay almost nothing.
/// </summary>
internal static unsafe class SyscallFilter
{
    // Written once at install, before the filter is registered; read-only afterwards.
    private static long s_syscallNumber;

    /// <summary>Sets the number to claim; must precede registration.</summary>
    public static void Configure(PluginSettings settings) => s_syscallNumber = settings.SyscallNumber;

    /// <summary>API 7 / backport: bool (*)(vcpu, num, a1..a8, int64_t *sysret, void *userdata).</summary>
    [UnmanagedCallersOnly]
    public static byte FilterApi7(uint vcpuIndex, long num, ulong a1, ulong a2, ulong a3, ulong a4,
        ulong a5, ulong a6, ulong a7, ulong a8, long* sysret, void* userdata)
    {
        if (num != s_syscallNumber) return 0;
        *sysret = Dispatcher.Dispatch(a1, a2, a3, a4);
        return 1;
    }

    /// <summary>API 6: bool (*)(id, vcpu, num, a1..a8, uint64_t *sysret).</summary>
    [UnmanagedCallersOnly]
    public static byte FilterApi6(ulong id, uint vcpuIndex, long num, ulong a1, ulong a2, ulong a3,
        ulong a4, ulong a5, ulong a6, ulong a7, ulong a8, ulong* sysret)
    {
        if (num != s_syscallNumber) return 0;
        *sysret = (ulong)Dispatcher.Dispatch(a1, a2, a3, a4);
        return 1;
    }

    /// <summary>The entry point for <paramref name="shape"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nint EntryPoint(FilterShape shape) => shape == FilterShape.Api6
        ? (nint)(delegate* unmanaged<ulong, uint, long, ulong, ulong, ulong, ulong, ulong, ulong, ulong, ulong, ulong*, byte>)&FilterApi6
        : (nint)(delegate* unmanaged<uint, long, ulong, ulong, ulong, ulong, ulong, ulong, ulong, ulong, long*, void*, byte>)&FilterApi7;
}
