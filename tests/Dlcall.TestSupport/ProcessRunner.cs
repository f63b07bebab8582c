// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;

namespace Dlcall.TestSupport;

/// <summary>Runs a program to completion with a time limit, capturing raw output.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/>; a process still running after
    /// <paramref name="timeout"/> is killed and the run fails (never hangs the suite).</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan? timeout = null,
        IDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        // The test host ignores SIGPIPE and children inherit that; start programs with the
        // default disposition, as a shell does. .NET reports death by signal N as 128+N.
        var psi = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        psi.ArgumentList.Add("--default-signal=PIPE");
        psi.ArgumentList.Add(file);
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (env != null)
        {
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var outTask = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var errTask = process.StandardError.BaseStream.CopyToAsync(stderr);
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit}");
        }
        Task.WaitAll(outTask, errTask);
        return new ProcessResult(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
