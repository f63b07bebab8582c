// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text;

namespace Dlcall.TestSupport;

/// <summary>How a child process ended and what it printed.</summary>
/// <param name="ExitCode">Exit status; 128+N when killed by signal N (as the shell reports it).</param>
/// <param name="Stdout">Raw standard output.</param>
/// <param name="Stderr">Raw standard error.</param>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, byte[] Stderr)
{
    /// <summary>Standard output as UTF-8.</summary>
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>Standard error as UTF-8.</summary>
    public string StderrText => Encoding.UTF8.GetString(Stderr);

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdoutText}\n--- stderr\n{StderrText}";
}
