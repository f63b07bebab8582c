// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;
using System.Security.Cryptography;
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli.Bench;

/// <summary>One timed run of a program: wall time, exit code, and a digest of what it wrote to stdout.</summary>
public sealed record TimedRun(double Seconds, int ExitCode, string StdoutSha256, string Stderr)
{
    /// <summary>Runs <paramref name="exe"/> with <paramref name="args"/>, stdin from <paramref name="stdinFile"/> if given.</summary>
    public static TimedRun Measure(string exe, IReadOnlyList<string> args, string? stdinFile, string workDir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var clock = Stopwatch.StartNew();
        // Digest stdout as it streams: large outputs never touch the disk or the heap whole.
        var (code, stderr) = ChildProcess.Run(ChildProcess.Start(exe, args, workDir), stdout =>
        {
            var buf = new byte[1 << 16];
            int n;
            while ((n = stdout.Read(buf, 0, buf.Length)) > 0) sha.AppendData(buf, 0, n);
        }, stdinFile is null ? null : stdin =>
        {
            using var input = File.OpenRead(stdinFile);
            input.CopyTo(stdin);
        });
        double seconds = clock.Elapsed.TotalSeconds;
        return new TimedRun(seconds, code, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), stderr);
    }
}
