// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Build;
using Dlcall.ThunkGen.Elf;
using Spectre.Console;

namespace Dlcall.Cli;

/// <summary><c>dlcall doctor</c>: checks the set-up and says how to fix each problem.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var cmd = new Command("doctor", "check QEMU, the plugin, compilers and guest roots, and say how to fix problems");
        cmd.SetAction(_ => Run());
        return cmd;
    }

    private static int Run()
    {
        var checks = new List<DoctorCheck>();
        string? qemuDir = ChildProcess.Output("bash", Path.Combine(RepoLayout.Root, "native/qemu/build-qemu.sh"), "--print-dir");
        checks.Add(new("QEMU build", qemuDir != null, qemuDir ?? "not built", "native/qemu/build-qemu.sh (as root: installs what it needs)"));
        if (qemuDir != null) checks.AddRange(QemuChecks(qemuDir));
        foreach (string cc in new[] { "aarch64-linux-gnu-gcc", "riscv64-linux-gnu-gcc", "gcc", "clang" })
        {
            string? v = ChildProcess.Output(cc, "-dumpversion");
            checks.Add(new(cc, v != null, v ?? "missing", cc == "clang" ? "scripts/install-deps.sh" : "native/qemu/build-qemu.sh --deps-only"));
        }
        foreach (string arch in GuestIsa.Guests.Select(g => g.Debian))
        {
            string? root = ChildProcess.Output("bash", Path.Combine(RepoLayout.Root, "scripts/guest-sysroot.sh"), arch, "libc6");
            checks.Add(new($"{arch} guest root", root != null, root ?? "cannot be built", $"scripts/guest-sysroot.sh {arch} libc6 (needs Debian's package mirror)"));
        }
        var table = new Table().AddColumns("check", "", "finding", "fix");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.What), c.Ok ? "[green]ok[/]" : "[red]FAIL[/]", Markup.Escape(c.Finding), c.Ok ? "" : Markup.Escape(c.Fix));
        AnsiConsole.Write(table);
        int failed = checks.Count(c => !c.Ok);
        AnsiConsole.MarkupLine(failed == 0 ? "[green]everything dlcall needs is there[/]" : $"[red]{failed} problem(s)[/]");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<DoctorCheck> QemuChecks(string qemuDir)
    {
        string qemu = Path.Combine(qemuDir, "bin", "qemu-x86_64");
        var (info, _) = ElfSymbolReader.Read(qemu);
        bool filter = info?.Symbols.Any(s => s.Name == "qemu_plugin_register_vcpu_syscall_filter_cb") == true;
        yield return new("QEMU syscall-filter API", filter, filter ? "exported" : "missing: this QEMU cannot host dlcall",
            "rebuild with native/qemu/build-qemu.sh (applies the backport)");
        string plugin = Path.Combine(RepoLayout.Artifacts, "plugin", "libdlcall.so");
        if (!File.Exists(plugin))
        {
            yield return new("plugin", false, "not built", "scripts/build-plugin.sh");
            yield break;
        }
        // The plugin must load and install: run a host program (qemu-x86_64 runs /bin/true natively-compiled).
        string? loaded = ChildProcess.Output(qemu, "-plugin", plugin, "/bin/true");
        yield return new("plugin loads into QEMU", loaded != null, loaded != null ? plugin : "QEMU refused it", "scripts/build-plugin.sh; check the message of: " + qemu + " -plugin " + plugin + " /bin/true");
    }
}
