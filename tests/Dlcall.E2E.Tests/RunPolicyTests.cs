// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary><c>dlcall run --allow/--deny/--stats/--stats-file</c>: the plugin's policy and stats
/// through the command line, with dlcall's own files judged by the library they stand for.</summary>
public class RunPolicyTests
{
    private static ProcessResult Dlcall(string[] args, Dictionary<string, string>? env = null) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(5), env);

    private static string Zlib(string program) => RepoPaths.Require("zlib", "aarch64", program);

    [Fact]
    public void AllowingTheHostLibraryLetsItsThunksInAndStatsNameThem()
    {
        var r = Dlcall(["run", "--allow", "libz.so*", "--stats", "--", Zlib("zerrno")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zerrno", r.StdoutText);
        Assert.Contains("dlcall stats: LOAD_LIBRARY: 2 calls, ", r.StderrText); // the runtime and the thunks
        Assert.Matches(@"dlcall stats: library \S+/libdlcall_thunk_zlib\.so: \d+ calls, \d+\.\d{3} ms on the host", r.StderrText);
        Assert.Matches(@"dlcall stats:   dlcall_thunk_gz\w+: \d+ calls", r.StderrText);
    }

    [Theory]
    [InlineData("--deny", "libz*", "refused by --deny 'libz*'")]
    [InlineData("--allow", "libm.so*:libc.so*", "matched by no --allow pattern")]
    // The one glob dialect (docs/Security.md, "Glob patterns"): '?' and sets, as the spec lists have them.
    [InlineData("--deny", "lib[xyz].so.?", "refused by --deny 'lib[xyz].so.?'")]
    [InlineData("--allow", "lib[!z]*", "matched by no --allow pattern")]
    public void RefusedLibraryStaysEmulated(string option, string pattern, string why)
    {
        // No host side at all: the program passes only because zlib is not passed through.
        var r = Dlcall(["run", option, pattern, "--", Zlib("zerrno")], new() { ["DLCALL_HOST_DIR"] = "/nonexistent" });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zerrno", r.StdoutText);
        Assert.Contains($"dlcall run: zlib stays emulated: the host's libz.so.1 is {why}\n", r.StderrText);
    }

    [Fact]
    public void TheProgramsOwnLoadsAreJudgedByThePlugin()
    {
        string program = RepoPaths.Require("e2e", "aarch64-dynamic", "policy");
        var r = Dlcall(["run", "--passthrough", "zlib", "--deny", "*testlib*", "--", program, Guest.HostLib,
            "denied:" + Guest.HostLib, "ok:libm.so.6"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"dlcall: loading '{Guest.HostLib}' is denied by the plugin's policy (deny=*testlib*)", r.StdoutText);
    }

    [Fact]
    public void StatsFileGetsTheReport()
    {
        string file = Path.Combine(Path.GetTempPath(), $"dlcall-run-stats-{Environment.ProcessId}.log");
        try
        {
            var r = Dlcall(["run", "--stats-file", file, "--", Zlib("zerrno")]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.DoesNotContain("dlcall stats", r.StderrText);
            Assert.Contains("dlcall stats: GET_PROC_ADDRESS: ", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--deny", "*dlcall*", "--deny '*dlcall*' refuses ")]
    [InlineData("--allow", "libz.so.1,stats=on", "a pattern cannot contain ','")]
    public void UnworkablePolicyIsAClearError(string option, string pattern, string message)
    {
        var r = Dlcall(["run", option, pattern, "--", Zlib("zerrno")]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StderrText);
    }
}
