// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>The entry point QEMU calls after loading libdlcall.so.</summary>
internal static unsafe class PluginExports
{
    /// <summary>
    /// <c>int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)</c>:
    /// refuses system emulation, parses the options, registers the syscall filter in the shape
    /// the running QEMU expects. Non-zero makes QEMU stop with the message already printed.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "qemu_plugin_install")]
    public static int Install(ulong id, QemuInfo* info, int argc, byte** argv)
    {
        // The runtime is up by now: undo what its start-up did to signal dispositions.
        NativeGlue.RestoreSignals();

        if (info->SystemEmulation != 0)
        {
            Stderr.Write(OptionParser.Message("only useful for user emulation"u8));
            return -1;
        }

        var options = new List<byte[]>(argc);
        for (int i = 0; i < argc; i++) options.Add(CString.ToArray(argv[i]));
        var (settings, error) = OptionParser.Parse(options);
        if (settings is null)
        {
            Stderr.Write(error);
            return -1;
        }

        FilterShape shape = FilterShapeSelector.Select(info->VersionCur);
        if (!QemuApi.TryRegisterFilter(id, shape, SyscallFilter.Prepare(settings, shape)))
        {
            Stderr.Write(OptionParser.Message(
                "this QEMU has no syscall-filter API (qemu_plugin_register_vcpu_syscall_filter_cb); "u8,
                "use QEMU >= 11.0 or one built by native/qemu/build-qemu.sh"u8));
            return -1;
        }
        HostAttributes.Initialize(settings.FastPath && FastPathHost.TryEnable(id, info->TargetName));
        LoadPolicy.Configure(settings);
        if (settings.StatsFile != null && !OpenStatsFile(settings.StatsFile)) return -1;
        NativeGlue.ObserveConfigure(settings.Stats || settings.StatsFile != null, settings.Trace, QemuApi.Outs());
        if (settings.FollowExec) ExecFollow.TryEnable(info->TargetName);
        QemuApi.RegisterAtExit(id, &AtExit);
        return 0;
    }

    private static bool OpenStatsFile(byte[] path)
    {
        fixed (byte* p = (byte[])[.. path, 0])
        {
            if (NativeGlue.StatsFile(p)) return true;
        }
        Stderr.Write(OptionParser.Message("cannot open stats_file '"u8, path,
            (byte[])[.. "': "u8, .. System.Text.Encoding.UTF8.GetBytes(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()))]));
        return false;
    }

    /// <summary>
    /// At QEMU's exit: the stats=on report. And the per-call paths skip GC transitions on the premise that no garbage
    /// collection ever runs (see LibC). Say so loudly if one did, so a regression shows in tests.
    /// </summary>
    [UnmanagedCallersOnly]
    private static void AtExit()
    {
        NativeGlue.StatsReport();
        int collections = GC.CollectionCount(0);
        if (collections == 0) return;
        Stderr.Write(OptionParser.Message("warning: "u8,
            System.Text.Encoding.ASCII.GetBytes(collections.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            " garbage collection(s) ran inside QEMU; per-call host calls assume none does"u8));
    }
}
