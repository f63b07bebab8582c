// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// ./dlcall run starts the small dlcall-run (src/Dlcall.Cli.Run, issue 13's start-up): a launch the
/// full CLI recorded execs QEMU straight away; anything else is handed to the full CLI, so what the
/// user sees (output, messages, exit status) is the full CLI's in every case.
/// </summary>
public class WarmRunTests
{
    private static readonly string Root = DebianProgram.Root("aarch64", "coreutils");

    private static ProcessResult Dlcall(IEnumerable<string> args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["DLCALL_RUN_TRACE"] = "1" });

    // The full CLI alone, as before dlcall-run.
    private static ProcessResult FullCli(IEnumerable<string> args) =>
        ProcessRunner.Run(RepoPaths.Require("cli", "dlcall"), args, TimeSpan.FromMinutes(10));

    private static string Program(string name) => Path.Combine(Root, "bin", name);

    private const string Started = "dlcall-run: started from the recorded launch";
    private const string HandedOver = "dlcall-run: handing over to the full CLI";

    [Fact]
    public void ASecondRunStartsFromTheRecordedLaunch()
    {
        // Options after the program are the program's, the environment is the user's less dlcall's own.
        string[] args = ["run", "--passthrough", "all", "--sysroot", Root, "--", Program("env"), "-u", "HOME", "--", Program("echo"), "hi", "--help"];
        Dlcall(args);
        var warm = Dlcall(args);
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Contains(Started, warm.StderrText);
        Assert.Equal("hi --help\n", warm.StdoutText);

        string[] env = ["run", "--sysroot", Root, Program("env")];
        Dlcall(env);
        var guestEnv = Dlcall(env);
        Assert.Contains(Started, guestEnv.StderrText);
        Assert.DoesNotContain("DLCALL_", guestEnv.StdoutText);
        Assert.Contains("PATH=", guestEnv.StdoutText);
    }

    [Fact]
    public void AChangedProgramIsHandedOver()
    {
        string dir = Directory.CreateTempSubdirectory("dlcall-warm-").FullName;
        try
        {
            string program = Path.Combine(dir, "false");
            File.Copy(Program("false"), program);
            string[] args = ["run", "--sysroot", Root, program];
            Dlcall(args);
            var warm = Dlcall(args);
            Assert.Equal(1, warm.ExitCode); // the program's status, through QEMU's exec
            Assert.Contains(Started, warm.StderrText);

            File.SetLastWriteTimeUtc(program, DateTime.UtcNow.AddMinutes(1));
            var changed = Dlcall(args);
            Assert.Equal(1, changed.ExitCode);
            Assert.Contains(HandedOver, changed.StderrText);
            Assert.Contains(Started, Dlcall(args).StderrText);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("run", "--", "/no/such/program")]
    [InlineData("run", "--passthrough", "", "@bin/true")]
    [InlineData("run", "--passthrough", "nosuchlib", "@bin/true")]
    [InlineData("run", "--arch", "sparc", "@bin/true")]
    [InlineData("run", "--sysroot", "/no/such/dir", "@bin/true")]
    [InlineData("run", "--stats", "--passthrough", "none", "@bin/true")]
    [InlineData("run", "--", "/bin/true")]
    [InlineData("run", "--", "/bin/false")]
    [InlineData("run", "--help")]
    [InlineData("run")]
    public void WhatIsNotWarmGetsTheFullCliAnswer(params string[] args)
    {
        // @bin/true: the guest root's; run twice so that a recordable one is warm the second time.
        args = [.. args.Select(a => a.StartsWith('@') ? Program(a[1..].Split('/')[1]) : a)];
        var expected = FullCli(args);
        Dlcall(args);
        var r = Dlcall(args);
        Assert.Contains(HandedOver, r.StderrText);
        Assert.Equal(expected.ExitCode, r.ExitCode);
        Assert.Equal(expected.StdoutText, r.StdoutText);
        Assert.Equal(expected.StderrText, WithoutTrace(r.StderrText));
    }

    private static string WithoutTrace(string stderr) =>
        string.Join("\n", stderr.Split('\n').Where(l => !l.StartsWith("dlcall-run: ", StringComparison.Ordinal)));
}
