// SPDX-License-Identifier: GPL-2.0-or-later
using System.Globalization;
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <c>dlcall bench programs</c> run for real on a row or two, its results written to --results
/// (never into bench/results, which holds the committed figures).
/// </summary>
public class BenchProgramsTests
{
    private static ProcessResult Dlcall(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(15));

    private static string NewResultsDir(string name)
    {
        string dir = Path.Combine(RepoPaths.Artifacts, "test-bench", $"{name}-{Environment.ProcessId}");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return dir;
    }

    private static string[] CommittedResults() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "bench", "results")).Order().ToArray();

    /// <summary>
    /// The numpy matmul row (issue 15's target: at least 15x faster than emulated at 400x400, the
    /// same results): the native column runs the host's numpy (scripts/install-deps.sh), every
    /// mode prints the same verdict, and the seconds are numpy_ops.py's own per call, not the
    /// process's (python's start-up under QEMU would otherwise hide the kernel).
    /// </summary>
    [Fact]
    public void BenchProgramsNumpyMatmulRowIsFasterThroughDlcallWithTheSameResult()
    {
        string dir = NewResultsDir("numpy");
        var before = CommittedResults();
        var r = Dlcall("bench", "programs", "--arch", "aarch64", "--runs", "1", "--only", "numpy matmul", "--results", dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(before, CommittedResults());

        string md = Assert.Single(Directory.GetFiles(dir, "programs-aarch64-*.md"));
        Assert.True(File.Exists(Path.ChangeExtension(md, ".png")), "no chart next to " + md);
        string text = File.ReadAllText(md);
        var row = Regex.Match(text, @"^\| numpy matmul 400x400 † \| blas, lapack \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| \*\*([0-9.]+)x\*\* \| ([0-9.]+)x \| (\w+) \|$",
            RegexOptions.Multiline);
        Assert.True(row.Success, text);
        double F(int g) => double.Parse(row.Groups[g].Value, CultureInfo.InvariantCulture);
        double native = F(1), emulated = F(2), dlcall = F(3), speedup = F(4);
        Assert.Equal("yes", row.Groups[6].Value);
        Assert.DoesNotContain("Notes:", text);
        // Per call, not per process: a process of the emulated python takes seconds before numpy's first matmul.
        Assert.True(native > 0 && native < 1, text);
        Assert.True(dlcall > 0 && dlcall < emulated, text);
        Assert.True(speedup >= 15, $"matmul 400x400 only {speedup}x faster than emulated\n{text}");
    }

    /// <summary>A workload that cannot run is a NO row that says why, and the other rows are still
    /// measured. (python3-numpy for every row: the guest root is the numpy row's, built once.)</summary>
    [Fact]
    public void BenchProgramsRowThatCannotRunSaysWhy()
    {
        string dir = NewResultsDir("norun");
        Directory.CreateDirectory(dir);
        string workloads = Path.Combine(dir, "workloads.json");
        File.WriteAllText(workloads, """
            {
              "workloads": [
                { "name": "missing program", "package": "python3-numpy", "program": "/usr/bin/no-such-program-dlcall",
                  "args": ["{input}"], "passthrough": ["zlib"] },
                { "name": "python3 pass", "package": "python3-numpy", "program": "/usr/bin/python3", "args": ["-c", "pass"],
                  "passthrough": ["zlib"] },
                { "name": "python3 pass, seconds not printed", "package": "python3-numpy", "program": "/usr/bin/python3",
                  "args": ["-c", "pass"], "passthrough": ["zlib"], "reportedSeconds": "^seconds: ([0-9.]+)$" }
              ]
            }
            """);
        var r = Dlcall("bench", "programs", "--arch", "aarch64", "--runs", "1", "--mib", "1", "--workloads", workloads, "--results", dir);
        Assert.True(r.ExitCode == 1, r.ToString());
        string text = File.ReadAllText(Assert.Single(Directory.GetFiles(dir, "programs-aarch64-*.md")));
        Assert.Matches(new Regex(@"^\| missing program \| zlib \| n/a \| n/a \| n/a \| \*\*n/a\*\* \| n/a \| NO \|$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^\| python3 pass \| zlib \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| \*\*[0-9.]+x\*\* \| [0-9.]+x \| yes \|$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^- missing program: no program \S+/usr/bin/no-such-program-dlcall\.$", RegexOptions.Multiline), text);
        Assert.Contains("- python3 pass, seconds not printed: native printed no seconds (reportedSeconds '^seconds: ([0-9.]+)$' did not match its stderr)", text);
        Assert.Contains("![chart]", text);
    }
}
