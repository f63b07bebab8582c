// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// The fast path (docs/Protocol.md, "The fast path"): a host call made from an execution
/// callback that QEMU attaches to the guest's magic instruction, so the guest never leaves
/// translated code. Each guest thread registers its block once (REGISTER_FAST_BLOCK);
/// native/fast_path.c owns the vCPU → block table and finds the magic instruction at
/// translation time.
/// </summary>
internal static unsafe class FastPathHost
{
    /// <summary>True once the translation callback is registered.</summary>
    public static bool Enabled { get; private set; }

    /// <summary>
    /// Turns the fast path on when this QEMU has the instruction-level API and the guest ISA has
    /// a magic instruction. The calls are served by the C callback (native/fast_path.c): entering
    /// .NET costs ~7 ns per call, as much as the rest of a fast call, and would miss the 15 ns
    /// target (docs/HowItWorks.md, "The fast path"). <c>DLCALL_FAST_CB=managed</c> serves them in
    /// <see cref="Exec"/> instead, so bench/call_bench.py can keep measuring that cost.
    /// </summary>
    public static bool TryEnable(ulong pluginId, byte* targetName)
    {
        if (targetName == null || !QemuApi.TryGetFastApi(out FastApi api)) return false;
        nint exec = Environment.GetEnvironmentVariable("DLCALL_FAST_CB") == "managed"
            ? (nint)(delegate* unmanaged<uint, void*, void>)&Exec
            : 0;
        Enabled = NativeGlue.FastConfigure(pluginId, targetName, &api, exec);
        return Enabled;
    }

    /// <summary>REGISTER_FAST_BLOCK: -EINVAL while the fast path is off, as from a plugin without
    /// the ID; else native/fast_path.c checks the block and stores it in its table.</summary>
    public static long Register(uint vcpu, ulong block) =>
        Enabled ? NativeGlue.FastRegister(vcpu, block) : -Errno.EINVAL;

    /// <summary>
    /// The managed twin of the C callback (selected with DLCALL_FAST_CB=managed), QEMU's callback
    /// for the magic instruction, <c>void (unsigned vcpu_index, void *userdata)</c>,
    /// run before the instruction on the guest thread's own vCPU thread. The per-call hot path: no
    /// allocation, no lock. A block not marked pending is left alone: another translation unit's
    /// block, or one already served, must not be called twice.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void Exec(uint vcpu, void* userdata)
    {
        FastBlock* b = NativeGlue.FastBlockOf(vcpu);
        if (b == null || b->Status != FastPath.Pending) return;
        if (b->Fn == 0)
        {
            b->Status = -Errno.EFAULT;
            return;
        }
        // No GC transition: see LibC for why the plugin never needs one.
        ((delegate* unmanaged[SuppressGCTransition]<nint, nint, void>)b->Fn)(b->A, b->B);
        b->Status = Errno.Ok;
    }
}
