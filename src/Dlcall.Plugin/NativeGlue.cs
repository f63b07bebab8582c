// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>The C linked into libdlcall.so (native/*.c; docs/HowItWorks.md, "The plugin's C"),
/// as the C# side calls it. Each entry names the file that defines it.</summary>
internal static unsafe class NativeGlue
{
    /// <summary>Puts back the SIGPIPE disposition saved before the .NET runtime started
    /// (startup.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_restore_signals")]
    internal static extern void RestoreSignals();

    /// <summary>Sets the magic number and the managed dispatcher the C filters call (filter.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_filter_configure")]
    internal static extern void Configure(long syscallNumber,
        delegate* unmanaged<uint, ulong, ulong, ulong, ulong, long> dispatch);

    /// <summary>The C filter of API shape 6 or 7 (filter.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_filter")]
    internal static extern nint Filter(int shapeApi);

    /// <summary>Turns the fast path on for guest <paramref name="target"/>: registers the
    /// translation callback that attaches <paramref name="exec"/> (0: the C one) to the magic
    /// instruction. False for a guest ISA without a magic instruction (fast_path.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_fast_configure")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static extern bool FastConfigure(ulong id, byte* target, FastApi* api, nint exec);

    /// <summary>REGISTER_FAST_BLOCK: vCPU <paramref name="vcpu"/>'s block (0 drops it), checked
    /// and stored in fast_path.c's table, its only owner; returns the sysret. Once per guest
    /// thread: an ordinary transition.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_fast_register")]
    internal static extern long FastRegister(uint vcpu, ulong block);

    /// <summary>The block vCPU <paramref name="vcpu"/> registered, or null (fast_path.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_fast_block"), SuppressGCTransition]
    internal static extern FastBlock* FastBlockOf(uint vcpu);

    /// <summary>The number of vCPU indexes the fast path's table has room for (fast_path.c); the
    /// other per-vCPU tables use it too.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_fast_max_vcpus")]
    internal static extern uint FastMaxVcpus();

    /// <summary>Copies the guest string at <paramref name="guest"/> into <paramref name="buffer"/>
    /// (<paramref name="capacity"/> bytes, NUL included) without faulting: 0, -EFAULT or
    /// -ENAMETOOLONG (guest_mem.c, as PutGuest, IsHandle and ReadGuest).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_copy_string"), SuppressGCTransition]
    internal static extern long CopyString(ulong guest, byte* buffer, nuint capacity);

    /// <summary>Writes the low <paramref name="length"/> bytes of <paramref name="value"/> to
    /// <paramref name="guest"/> without faulting: 0 or -EFAULT.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_put_guest"), SuppressGCTransition]
    internal static extern long PutGuest(ulong guest, ulong value, nuint length);

    /// <summary>True for RTLD_DEFAULT, RTLD_NEXT or a handle libdl gave out and still holds.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_is_handle"), SuppressGCTransition]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static extern bool IsHandle(nint handle);

    /// <summary>stats=/trace=: sets the C side's flags and where its lines go
    /// (qemu_plugin_outs, or 0 for stderr) (slow_path.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_observe_configure")]
    internal static extern void ObserveConfigure([MarshalAs(UnmanagedType.U1)] bool stats,
        [MarshalAs(UnmanagedType.U1)] bool trace, nint outs);

    /// <summary>Turns exec following on (ExecFollow): the C filter hands the guest ISA's execve
    /// and execveat to <paramref name="handler"/>.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_filter_follow_exec")]
    internal static extern void FollowExec(long execve, long execveat,
        delegate* unmanaged<int, ulong, ulong, ulong, ulong, ulong, long*, int> handler);

    /// <summary>The guest_base QEMU chose, once the first translation showed it (slow_path.c).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_guest_base")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static extern bool GuestBase(ulong* value);

    /// <summary>Copies <paramref name="length"/> bytes of guest memory without faulting.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_read_guest")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static extern bool ReadGuest(ulong guest, void* dst, nuint length);

    /// <summary>stats_file=: the report goes to <paramref name="path"/>, appended in one write
    /// (stats_report.c, as the three below).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_stats_file", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static extern bool StatsFile(byte* path);

    /// <summary>The guest program, named in the report's first line.</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_stats_program")]
    internal static extern void StatsProgram(byte* name);

    /// <summary>The report of a process image that ends in an exec (nothing without a call).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_stats_report_image")]
    internal static extern void StatsReportImage();

    /// <summary>Prints the stats=on report (nothing when stats are off).</summary>
    [DllImport("dlcall_glue", EntryPoint = "dlcall_stats_report")]
    internal static extern void StatsReport();
}
