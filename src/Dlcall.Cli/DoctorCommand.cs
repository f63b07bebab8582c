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
        var cmd = new Command("doctor", "check QEMU, the plugin, compilers, the stubs and the guest roots, and say how to fix problems");
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
        checks.AddRange(DoctorArtifactChecks.Stubs());
        checks.AddRange(DoctorArtifactChecks.GuestRoots());
        if (Console.IsOutputRedirected) WriteLines(checks);
        else WriteTable(checks);
        int failed = checks.Count(c => c.Status == DoctorStatus.Fail);
        int later = checks.Count(c => c.Status == DoctorStatus.Later);
        string summary = failed > 0 ? $"{failed} problem(s)" : "everything dlcall needs is there";
        if (later > 0) summary += $" ({later} made on first use)";
        if (Console.IsOutputRedirected) Console.WriteLine(summary);
        else AnsiConsole.MarkupLine(failed == 0 ? $"[green]{Markup.Escape(summary)}[/]" : $"[red]{Markup.Escape(summary)}[/]");
        return failed == 0 ? 0 : 1;
    }

    // On a terminal: a table, wrapped to its width.
    private static void WriteTable(List<DoctorCheck> checks)
    {
        var table = new Table().AddColumns("check", "", "finding", "fix");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.What), Label(c.Status) switch { "ok" => "[green]ok[/]", "FAIL" => "[red]FAIL[/]", var l => $"[yellow]{l}[/]" },
                Markup.Escape(c.Finding), c.Status == DoctorStatus.Ok ? "" : Markup.Escape(c.Fix));
        AnsiConsole.Write(table);
    }

    // Into a file, a pipe or CI's log: whole lines, never a table cut to an assumed 80 columns, so
    // every path stays whole and can be copied or grepped.
    private static void WriteLines(List<DoctorCheck> checks)
    {
        foreach (var c in checks)
        {
            Console.WriteLine($"{Label(c.Status),-5} {c.What}: {c.Finding}");
            if (c.Status != DoctorStatus.Ok) Console.WriteLine($"      fix: {c.Fix}");
        }
    }

    private static string Label(DoctorStatus s) => s switch { DoctorStatus.Ok => "ok", DoctorStatus.Later => "later", _ => "FAIL" };

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
