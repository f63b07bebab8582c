// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;
using System.Security.Cryptography;

namespace Dlcall.Cli.Bench;

/// <summary>One timed run of a program: wall time, exit code, and a digest of what it wrote to stdout.</summary>
public sealed record TimedRun(double Seconds, int ExitCode, string StdoutSha256, string Stderr)
{
    /// <summary>Runs <paramref name="exe"/> with <paramref name="args"/>, stdin from <paramref name="stdinFile"/> if given.</summary>
    public static TimedRun Measure(string exe, IReadOnlyList<string> args, string? stdinFile, string workDir)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdinFile != null,
            WorkingDirectory = workDir,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        // Digest stdout as it streams: large outputs never touch the disk or the heap whole.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pump = Task.Run(() =>
        {
            var buf = new byte[1 << 16];
            int n;
            while ((n = p.StandardOutput.BaseStream.Read(buf, 0, buf.Length)) > 0) sha.AppendData(buf, 0, n);
        });
        var err = p.StandardError.ReadToEndAsync();
        if (stdinFile != null)
        {
            using (var input = File.OpenRead(stdinFile)) input.CopyTo(p.StandardInput.BaseStream);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        pump.Wait();
        double seconds = clock.Elapsed.TotalSeconds;
        return new TimedRun(seconds, p.ExitCode, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), err.Result);
    }
}
