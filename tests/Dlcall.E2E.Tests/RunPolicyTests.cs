// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
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
        Assert.Matches(@"dlcall stats: library zlib \(\S+/libdlcall_thunk_zlib\.so\): \d+ calls?, \d+\.\d{3} ms on the host", r.StderrText);
        Assert.Matches(@"dlcall stats:   gz\w+: \d+ calls?", r.StderrText);
    }

    private static string DebianRoot => DebianProgram.Root("aarch64", "dash", "bash", "coreutils", "pigz", "xz-utils", "sqlite3");

    /// <summary>Issue #13: --stats names what the guest called, grouped by the library it stands
    /// for (zlib: deflate), not dlcall's thunks (dlcall_thunk_deflate) or its host runtime
    /// (dlcall_rt_call); Debian's programs, emulated and passed through, same output.</summary>
    [Theory]
    [InlineData("zlib", "usr/bin/pigz", "deflateInit2_ deflate crc32 deflateEnd", new[] { "-c", "-n", "INPUT" })]
    [InlineData("sqlite3", "usr/bin/sqlite3", "sqlite3_open_v2 sqlite3_prepare_v2 sqlite3_step sqlite3_column_text sqlite3_finalize",
        new[] { ":memory:", "create table t(x); insert into t values (6), (7); select sum(x), group_concat(x) from t;" })]
    public void StatsNameTheGuestFunctionsPerLibrary(string lib, string program, string functions, string[] args)
    {
        string root = DebianRoot;
        args = [.. args.Select(a => a == "INPUT" ? DebianProgram.Input(1) : a)];
        string[] run = ["--sysroot", root, "--", Path.Combine(root, program), .. args];
        var emulated = Dlcall(["run", "--passthrough", "none", .. run]);
        var r = Dlcall(["run", "--stats", "--passthrough", lib, .. run]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(emulated.Stdout, r.Stdout);
        string block = LibraryBlock(r.StderrText, lib);
        foreach (string f in functions.Split(' '))
            Assert.Matches($@"\ndlcall stats:   {f}: [1-9]\d* calls?, \d+\.\d{{3}} ms\n", block);
        Assert.DoesNotContain("dlcall stats:   dlcall_thunk_", r.StderrText); // the path in the heading has it
        Assert.DoesNotContain("dlcall_rt_", r.StderrText);
        // Host functions named for dlcall: ThunkGen's helpers are the API's functions (sqlite3_config
        // by operation), the invoker table the stub hands over at load and the overrides' helpers
        // (sqlite3's printf) dlcall's own work, summed.
        foreach (string helper in new[] { "dlcall_register_invokers", "dlcall_opcode_", "dlcall_fixed_", "dlcall_method_", "dlcall_sqlite3_" })
            Assert.DoesNotContain(helper, r.StderrText);
        Assert.Matches(@"\ndlcall stats:   dlcall's own work \(loading the library, override helpers\): [1-9]\d* calls?, \d+\.\d{3} ms\n", block);
        if (lib == "sqlite3") Assert.Matches(@"\ndlcall stats:   sqlite3_config: [1-9]\d* calls?, ", block);
    }

    /// <summary>A call that may call back goes through the host runtime (dlcall_rt_call, then
    /// dlcall_rt_resume per callback): it counts once for the function the guest called, and its
    /// guest callbacks count per label. zcallbacks counts its own zalloc calls: the same number.</summary>
    [Fact]
    public void StatsCountGuestCallbacksPerLabelForTheFunctionThatMadeThem()
    {
        var emulated = Dlcall(["run", "--passthrough", "none", "--", Zlib("zcallbacks")]);
        var r = Dlcall(["run", "--stats", "--passthrough", "zlib", "--", Zlib("zcallbacks")]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zcallbacks", r.StdoutText);
        Assert.Equal(emulated.StdoutText, r.StdoutText);
        string allocs = Regex.Match(r.StdoutText, @"totals: (\d+) allocs, (\d+) frees").Groups[1].Value;
        string block = LibraryBlock(r.StderrText, "zlib");
        Assert.Matches(@"\ndlcall stats:   inflateBack: 1 call, \d+\.\d{3} ms, [1-9]\d* guest callbacks?\n", block);
        Assert.Matches(@"\ndlcall stats:   deflateInit2_: 1 call, \d+\.\d{3} ms, [1-9]\d* guest callbacks?\n", block);
        Assert.Matches(@"\ndlcall stats: guest callback zlib: inflateBack\(in\): [1-9]\d* calls?\n", r.StderrText);
        Assert.Matches(@"\ndlcall stats: guest callback zlib: inflateBack\(out\): [1-9]\d* calls?\n", r.StderrText);
        Assert.Contains($"\ndlcall stats: guest callback zlib: struct z_stream_s.zalloc: {allocs} {(allocs == "1" ? "call" : "calls")}\n", r.StderrText);
        Assert.DoesNotContain("dlcall_rt_", r.StderrText);
    }

    /// <summary>The report's lines for <paramref name="lib"/>: its heading and its functions.</summary>
    private static string LibraryBlock(string report, string lib)
    {
        var m = Regex.Match(report, $@"\ndlcall stats: library {lib} \(\S+/libdlcall_thunk_{lib}\.so\): [1-9]\d* calls?, \d+\.\d{{3}} ms on the host\n(dlcall stats:   .*\n)+");
        Assert.True(m.Success, $"no functions of {lib} in the report:\n{report}");
        return "\n" + m.Value.TrimStart('\n');
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
