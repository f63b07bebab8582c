// SPDX-License-Identifier: GPL-2.0-or-later
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Dlcall.Cli.Bench;

/// <summary>The programs benchmark's table, on the terminal and as bench/results/programs-*.md.</summary>
internal static class BenchReport
{
    /// <summary>A figure, or "n/a" for a mode that could not be measured (NaN).</summary>
    public static string F(double x, string fmt = "F2") => double.IsFinite(x) ? x.ToString(fmt, CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Seconds: two decimals, four below 0.1 s (a numpy call's own seconds: 0.02 and 0.02 said nothing).</summary>
    public static string S(double x) => F(x, x < 0.1 ? "F4" : "F2");

    // The mark after a workload's name whose seconds its program reported (reportedSeconds), not wall time.
    private static string Mark(Workload w) => w.ReportedSeconds != null ? " †" : "";

    private static string Speedup(WorkloadResult r) => double.IsFinite(r.Speedup) ? F(r.Speedup, "F1") + "x" : "n/a";

    public static void Print(IReadOnlyList<WorkloadResult> results)
    {
        var t = new Table().AddColumns("workload", "native (s)", "emulated (s)", "dlcall (s)", "vs emulated", "vs native", "same output");
        foreach (var r in results)
        {
            t.AddRow(Markup.Escape(r.Workload.Name + Mark(r.Workload)), S(r.Native), S(r.Emulated), S(r.Dlcall),
                double.IsFinite(r.Speedup) ? Speedup(r) + " faster" : "n/a", F(r.VsNative) + (double.IsFinite(r.VsNative) ? "x" : ""),
                r.SameOutput && r.SameExit ? "[green]yes[/]" : "[red]NO[/]");
        }
        AnsiConsole.Write(t);
        if (results.Any(r => r.Workload.ReportedSeconds != null)) AnsiConsole.WriteLine(ReportedFootnote);
        foreach (var r in results.Where(r => r.Notes.Count > 0))
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(r.Workload.Name)}: {Markup.Escape(string.Join("; ", r.Notes))}[/]");
    }

    private const string ReportedFootnote = "† seconds the program measured itself and printed (the workload's reportedSeconds, " +
        "bench/workloads.json; bench/numpy_ops.py: per call of the operation, after a warm-up call), not the whole process's wall time";

    /// <summary>The results as Markdown; <paramref name="chart"/> is the PNG's file name, or null when no row could be charted.</summary>
    public static string Markdown(IReadOnlyList<WorkloadResult> results, string isa, int runs, int mib, string? chart)
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
            sb.AppendLine($"| {r.Workload.Name}{Mark(r.Workload)} | {string.Join(", ", r.Workload.Passthrough)} | {S(r.Native)} | {S(r.Emulated)} | {S(r.Dlcall)} | " +
                          $"**{Speedup(r)}** | {F(r.VsNative)}{(double.IsFinite(r.VsNative) ? "x" : "")} | {(r.SameOutput && r.SameExit ? "yes" : "NO")} |");
        }
        if (results.Any(r => r.Workload.ReportedSeconds != null)) sb.AppendLine().AppendLine(ReportedFootnote + ".");
        var noted = results.Where(r => r.Notes.Count > 0).ToList();
        if (noted.Count > 0)
        {
            sb.AppendLine().AppendLine("Notes:").AppendLine();
            foreach (var r in noted) sb.AppendLine($"- {r.Workload.Name}: {string.Join("; ", r.Notes)}.");
        }
        if (chart != null) sb.AppendLine().AppendLine($"![chart]({chart})");
        return sb.ToString();
    }
}
