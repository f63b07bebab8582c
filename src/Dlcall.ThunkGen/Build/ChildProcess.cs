// SPDX-License-Identifier: GPL-2.0-or-later
using System.ComponentModel;
using System.Diagnostics;

namespace Dlcall.ThunkGen.Build;

/// <summary>
/// dlcall's one way to run a helper program (the generator's compilers, the CLI's scripts, the
/// benchmarks' timed runs): to its end, with its output collected, streamed, or the terminal
/// attached. Not a library such as CliWrap: its pipes are pumped by thread-pool tasks, and
/// `dlcall run` execs QEMU after running helpers (the guest root, a stub's generation): a pool
/// worker still allocating while the process execs aborted the .NET runtime with "Out of
/// memory." (~1 run in 200 under load). Here stderr and stdin each have a thread of their own,
/// joined before returning, and all streams move at once, so a chatty child never blocks on a
/// full pipe and one that writes before reading all its input never deadlocks with us.
/// </summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="psi"/> with stdout and stderr redirected here, hands stdin to
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
        var threads = new List<Thread> { new(() => stderr = p.StandardError.ReadToEnd()) { IsBackground = true } };
        if (writeStdin != null)
        {
            threads.Add(new Thread(() =>
            {
                try
                {
                    writeStdin(p.StandardInput.BaseStream);
                    p.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The child stopped reading (exited early): its exit code says what happened.
                }
            }) { IsBackground = true });
        }
        foreach (var t in threads) t.Start();
        readStdout(p.StandardOutput.BaseStream);
        p.WaitForExit();
        foreach (var t in threads) t.Join();
        return (p.ExitCode, stderr);
    }

    /// <summary><paramref name="exe"/> with <paramref name="args"/>: exit code, stdout and stderr as
    /// text. Throws <see cref="Win32Exception"/> when it cannot be started.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Capture(string exe, IEnumerable<string> args, string? workDir = null)
    {
        string stdout = "";
        var (code, stderr) = Run(Start(exe, args, workDir), s => stdout = new StreamReader(s).ReadToEnd());
        return (code, stdout, stderr);
    }

    /// <summary>The trimmed stdout of <paramref name="exe"/>, or null if it failed or is missing.</summary>
    public static string? Output(string exe, params string[] args)
    {
        try
        {
            var (code, stdout, _) = Capture(exe, args);
            return code == 0 ? stdout.Trim() : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="exe"/> with this process's stdin, stdout and stderr (the user
    /// sees it work) and returns its exit code; 127, as a shell, when it cannot be started.</summary>
    public static int Attached(string exe, IEnumerable<string> args, string? workDir = null)
    {
        try
        {
            using var p = Process.Start(Start(exe, args, workDir))!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (Win32Exception e)
        {
            Console.Error.WriteLine($"cannot run {exe}: {e.Message}");
            return 127;
        }
    }

    /// <summary>The start info of <paramref name="exe"/> and <paramref name="args"/> (each one argument,
    /// never split by a shell), in <paramref name="workDir"/> when given.</summary>
    public static ProcessStartInfo Start(string exe, IEnumerable<string> args, string? workDir = null)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
        if (workDir != null) psi.WorkingDirectory = workDir;
        foreach (string a in args) psi.ArgumentList.Add(a);
        return psi;
    }
}
