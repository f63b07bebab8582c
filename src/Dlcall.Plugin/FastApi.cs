// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// The QEMU plugin API functions the fast path needs, handed to the C glue
/// (native/fast_path.c: struct dlcall_fast_api, same field order).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FastApi
{
    /// <summary>qemu_plugin_register_vcpu_tb_trans_cb(id, cb).</summary>
    public nint RegisterTbTrans;

    /// <summary>qemu_plugin_tb_n_insns(tb).</summary>
    public nint TbNInsns;

    /// <summary>qemu_plugin_tb_get_insn(tb, idx).</summary>
    public nint TbGetInsn;

    /// <summary>qemu_plugin_insn_data(insn, dest, len): the API &gt;= 3 form that copies.</summary>
    public nint InsnData;

    /// <summary>qemu_plugin_insn_size(insn).</summary>
    public nint InsnSize;

    /// <summary>qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, flags, userdata).</summary>
    public nint RegisterInsnExec;

    /// <summary>qemu_plugin_register_vcpu_exit_cb(id, cb), or 0 when QEMU lacks it.</summary>
    public nint RegisterVcpuExit;

    /// <summary>qemu_plugin_insn_vaddr(insn), or 0: with insn_haddr, finds guest_base.</summary>
    public nint InsnVaddr;

    /// <summary>qemu_plugin_insn_haddr(insn), or 0.</summary>
    public nint InsnHaddr;
}
