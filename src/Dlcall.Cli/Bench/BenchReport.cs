// SPDX-License-Identifier: GPL-2.0-or-later
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Dlcall.Cli.Bench;

/// <summary>The programs benchmark's table, on the terminal and as bench/results/programs-*.md.</summary>
internal static class BenchReport
{
    private static string F(double x, string fmt = "F2") => x.ToString(fmt, CultureInfo.InvariantCulture);

    public static void Print(IReadOnlyList<WorkloadResult> results)
    {
        var t = new Table().AddColumns("workload", "native (s)", "emulated (s)", "dlcall (s)", "vs emulated", "vs native", "same output");
        foreach (var r in results)
        {
            t.AddRow(Markup.Escape(r.Workload.Name), F(r.Native), F(r.Emulated), F(r.Dlcall), F(r.Speedup, "F1") + "x faster",
                F(r.VsNative) + "x", r.SameOutput && r.SameExit ? "[green]yes[/]" : "[red]NO[/]");
        }
        AnsiConsole.Write(t);
    }

    public static string Markdown(IReadOnlyList<WorkloadResult> results, string isa, int runs, int mib, string chart)
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var sb = new StringBuilder();
        sb.AppendLine($"# Debian programs through dlcall ({isa} guest)").AppendLine();
        sb.AppendLine($"Machine: {cpu}, {Environment.ProcessorCount} cores, Linux {Environment.OSVersion.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        sb.AppendLine($"Input: {mib} MiB of mixed data (tests/zlib/gen-input.c) or what bench/workloads.json prepares from it; " +
                      $"{runs} rounds, modes interleaved within each round, medians. Native is the host's x86_64 Debian program.").AppendLine();
        sb.AppendLine("| workload | passed through | native (s) | emulated (s) | dlcall (s) | speedup vs emulated | dlcall / native | identical output and exit code |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            sb.AppendLine($"| {r.Workload.Name} | {string.Join(", ", r.Workload.Passthrough)} | {F(r.Native)} | {F(r.Emulated)} | {F(r.Dlcall)} | " +
                          $"**{F(r.Speedup, "F1")}x** | {F(r.VsNative)}x | {(r.SameOutput && r.SameExit ? "yes" : "NO")} |");
        }
        sb.AppendLine().AppendLine($"![chart]({chart})");
        return sb.ToString();
    }
}
