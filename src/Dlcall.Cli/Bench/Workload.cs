// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli.Bench;

/// <summary>
/// One program run three ways on the same input (bench/workloads.json): natively on the host,
/// fully emulated, and with <see cref="Passthrough"/> on the host through dlcall.
/// </summary>
/// <param name="Name">As the table shows it ("pigz -9").</param>
/// <param name="Program">An absolute path inside a Debian package (with <see cref="Package"/>: the guest
/// runs the guest root's copy, native runs the host's), or a path relative to the clone with {isa}.</param>
/// <param name="Args">Arguments; {input} is the workload's input file, {root} the clone (a script of bench/).</param>
/// <param name="Passthrough">The libraries dlcall passes through (thunks/ names).</param>
/// <param name="Package">Debian package with the program (guest and host), or null.</param>
/// <param name="Prepare">A host shell command making {input} from {raw} (the generated data), or null:
/// the input is the generated data itself.</param>
/// <param name="Stdin">Feed {input} on standard input instead of naming it in Args.</param>
/// <param name="NativeProgram">The host program to compare with when it is not <see cref="Program"/> for x86_64
/// (zstd's CLI built for the guests vs Debian's own zstd on the host).</param>
/// <param name="DlcallEnv">Guest environment of the dlcall run only (DLCALL_FAST=0: the syscall path).</param>
/// <param name="ReportedSeconds">A regular expression matched against each run's stderr, group 1 the
/// seconds the program measured itself (bench/numpy_ops.py's `seconds per call: S`), or null: the
/// process's wall time. For programs whose start-up (python's, numpy's import: emulated in both
/// guest runs) would otherwise swamp the part the row is about.</param>
public sealed record Workload(
    string Name,
    string Program,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Passthrough,
    string? Package = null,
    string? Prepare = null,
    bool Stdin = false,
    IReadOnlyDictionary<string, string>? DlcallEnv = null,
    string? NativeProgram = null,
    string? ReportedSeconds = null)
{
    /// <summary>The file name part used for cached inputs.</summary>
    public string Slug => new string(Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
}
