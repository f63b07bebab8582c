// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli.Bench;

/// <summary>Median seconds of one workload in each mode, and whether all runs agreed. A mode that
/// could not be measured (the workload could not run, the program reported no seconds) is NaN.</summary>
/// <param name="Native">The host's x86_64 program, no QEMU.</param>
/// <param name="Emulated">The guest program under QEMU, every library emulated.</param>
/// <param name="Dlcall">The guest program under QEMU with the workload's libraries passed through.</param>
/// <param name="SameOutput">Every run of every mode wrote the same bytes to stdout.</param>
/// <param name="SameExit">... and exited with the same code.</param>
/// <param name="Notes">Why the row is not a clean comparison (a mode failed, outputs differ, the
/// workload could not run at all), one sentence each; empty when it is.</param>
public sealed record WorkloadResult(Workload Workload, double Native, double Emulated, double Dlcall, bool SameOutput, bool SameExit,
    IReadOnlyList<string> Notes)
{
    /// <summary>A workload that could not run at all (no program, its input could not be made): no figures, the reason.</summary>
    public static WorkloadResult NotRun(Workload w, string why) => new(w, double.NaN, double.NaN, double.NaN, false, false, [why]);

    /// <summary>Every mode has a figure (the chart shows only such rows).</summary>
    public bool Measured => double.IsFinite(Native) && double.IsFinite(Emulated) && double.IsFinite(Dlcall);

    /// <summary>How many times faster dlcall is than the emulated run.</summary>
    public double Speedup => Emulated / Dlcall;

    /// <summary>dlcall's time over the native time (1.0 = as fast as native).</summary>
    public double VsNative => Dlcall / Native;
}
