// SPDX-License-Identifier: GPL-2.0-or-later
using ScottPlot;

namespace Dlcall.Cli.Bench;

/// <summary>The programs benchmark as a PNG: per workload, each mode's time relative to native.</summary>
internal static class BenchChart
{
    public static void Write(IReadOnlyList<WorkloadResult> results, string isa, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string[] modes = ["native x86_64", $"emulated {isa}", $"dlcall {isa}"];
        for (int m = 0; m < modes.Length; m++)
        {
            var bars = results.Select((r, i) => new Bar
            {
                Position = i * 4 + m,
                Value = (m switch { 0 => r.Native, 1 => r.Emulated, _ => r.Dlcall }) / r.Native,
                FillColor = palette.GetColor(m),
            }).ToList();
            plot.Add.Bars(bars).LegendText = modes[m];
        }
        plot.Axes.Bottom.SetTicks(results.Select((_, i) => i * 4 + 1.0).ToArray(), results.Select(r => r.Workload.Name).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -20;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
        plot.Axes.Bottom.MinimumSize = 150; // room for the rotated names
        plot.Axes.Left.Label.Text = "time relative to native (lower is better)";
        plot.Axes.Margins(bottom: 0);
        plot.Title($"Debian programs: native vs emulated vs dlcall ({isa} guest)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimitsY(0, results.Max(r => Math.Max(r.Emulated, r.Dlcall) / r.Native) * 1.15);
        plot.SavePng(path, 200 + 110 * results.Count, 640);
    }
}
