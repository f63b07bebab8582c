// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli.Bench;

/// <summary>Median seconds of one workload in each mode, and whether all runs agreed.</summary>
/// <param name="Native">The host's x86_64 program, no QEMU.</param>
/// <param name="Emulated">The guest program under QEMU, every library emulated.</param>
/// <param name="Dlcall">The guest program under QEMU with the workload's libraries passed through.</param>
/// <param name="SameOutput">Every run of every mode wrote the same bytes to stdout.</param>
/// <param name="SameExit">... and exited with the same code.</param>
public sealed record WorkloadResult(Workload Workload, double Native, double Emulated, double Dlcall, bool SameOutput, bool SameExit)
{
    /// <summary>How many times faster dlcall is than the emulated run.</summary>
    public double Speedup => Emulated / Dlcall;

    /// <summary>dlcall's time over the native time (1.0 = as fast as native).</summary>
    public double VsNative => Dlcall / Native;
}
