// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;

namespace Dlcall.ThunkGen.Build;

/// <summary>
/// Runs a helper program to its end and collects what it wrote. stderr is read on a thread of
/// its own, joined before returning, never on the thread pool: `dlcall run` execs QEMU after
/// running helpers (the guest root, a stub's generation), and a pool worker still allocating
/// while the process execs aborted the .NET runtime with "Out of memory." (~1 run in 200 under
/// load). Both streams are drained at once, so a chatty child cannot block on a full pipe.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="psi"/> with stdout and stderr redirected here, hands stdin to
    /// <paramref name="writeStdin"/> (then closes it) and stdout to <paramref name="readStdout"/>,
    /// and waits. Throws what <see cref="Process.Start(ProcessStartInfo)"/> throws.
    /// </summary>
    public static (int ExitCode, string Stderr) Run(ProcessStartInfo psi, Action<Stream> readStdout, Action<Stream>? writeStdin = null)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = writeStdin != null;
        psi.UseShellExecute = false;
        using var p = Process.Start(psi)!;
        string stderr = "";
        var errReader = new Thread(() => stderr = p.StandardError.ReadToEnd()) { IsBackground = true };
        errReader.Start();
        if (writeStdin != null)
        {
            // Written before stdout is read: for children that read all of their input first (clang).
            writeStdin(p.StandardInput.BaseStream);
            p.StandardInput.Close();
        }
        readStdout(p.StandardOutput.BaseStream);
        p.WaitForExit();
        errReader.Join();
        return (p.ExitCode, stderr);
    }

    /// <summary>Like <see cref="Run(ProcessStartInfo, Action{Stream}, Action{Stream}?)"/>, stdout as text.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo psi)
    {
        string stdout = "";
        var (code, stderr) = Run(psi, s => stdout = new StreamReader(s).ReadToEnd());
        return (code, stdout, stderr);
    }
}
