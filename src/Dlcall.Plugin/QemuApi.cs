// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// The QEMU plugin API functions the plugin uses, looked up in the QEMU executable at install.
/// Looked up rather than linked so that a QEMU without the syscall filter gets a clear message
/// instead of a failed dlopen.
/// </summary>
internal static unsafe class QemuApi
{
    private const string FilterRegisterName = "qemu_plugin_register_vcpu_syscall_filter_cb";

    /// <summary>Registers <paramref name="filter"/> with the shape the running QEMU expects.
    /// Returns false when this QEMU has no syscall-filter API.</summary>
    public static bool TryRegisterFilter(ulong pluginId, FilterShape shape, nint filter)
    {
        nint main = NativeLibrary.GetMainProgramHandle();
        if (!NativeLibrary.TryGetExport(main, FilterRegisterName, out nint register)) return false;

        if (shape == FilterShape.Api6)
            ((delegate* unmanaged<ulong, nint, void>)register)(pluginId, filter);
        else
            ((delegate* unmanaged<ulong, nint, void*, void>)register)(pluginId, filter, null);
        return true;
    }

    /// <summary>Looks up what the fast path needs; false when any required function is missing
    /// (the C test harness, for one, exports only the filter and atexit).</summary>
    public static bool TryGetFastApi(out FastApi api)
    {
        nint main = NativeLibrary.GetMainProgramHandle();
        api = default;
        bool ok = NativeLibrary.TryGetExport(main, "qemu_plugin_register_vcpu_tb_trans_cb", out api.RegisterTbTrans)
            & NativeLibrary.TryGetExport(main, "qemu_plugin_tb_n_insns", out api.TbNInsns)
            & NativeLibrary.TryGetExport(main, "qemu_plugin_tb_get_insn", out api.TbGetInsn)
            & NativeLibrary.TryGetExport(main, "qemu_plugin_insn_data", out api.InsnData)
            & NativeLibrary.TryGetExport(main, "qemu_plugin_insn_size", out api.InsnSize)
            & NativeLibrary.TryGetExport(main, "qemu_plugin_register_vcpu_insn_exec_cb", out api.RegisterInsnExec);
        NativeLibrary.TryGetExport(main, "qemu_plugin_register_vcpu_exit_cb", out api.RegisterVcpuExit);
        NativeLibrary.TryGetExport(main, "qemu_plugin_insn_vaddr", out api.InsnVaddr);
        NativeLibrary.TryGetExport(main, "qemu_plugin_insn_haddr", out api.InsnHaddr);
        return ok;
    }

    /// <summary>qemu_plugin_outs(const char *), which writes to QEMU's log; 0 when missing.</summary>
    public static nint Outs()
    {
        NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "qemu_plugin_outs", out nint outs);
        return outs;
    }

    /// <summary>Registers <paramref name="callback"/> to run when QEMU exits. The callback takes
    /// no parameters, so it fits both the API-6 (id, userdata) and API-7 (userdata) shapes.</summary>
    public static void RegisterAtExit(ulong pluginId, delegate* unmanaged<void> callback)
    {
        nint main = NativeLibrary.GetMainProgramHandle();
        if (NativeLibrary.TryGetExport(main, "qemu_plugin_register_atexit_cb", out nint register))
            ((delegate* unmanaged<ulong, nint, void*, void>)register)(pluginId, (nint)callback, null);
    }
}
