// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The memfuncs interposer (native/guest/memfuncs.c, `dlcall run --memfuncs`): the guest's memcpy,
/// memmove, memset, memcmp and strlen above a size threshold on the host. tests/memfuncs/memfuncs_check
/// (overlap, memcmp's sign, page ends, code pages, threads, signals) passes emulated and through the
/// interposer, whose host functions the plugin's stats show called; Debian's pigz and sqlite3 give the
/// emulated run's bytes with it.
/// </summary>
public class MemfuncsTests
{
    private static string Interposer => RepoPaths.Require("thunks", "aarch64", "lib", "libdlcall_memfuncs.so");

    private static ProcessResult Check(QemuCommand qemu) =>
        GuestCommand.Run("aarch64", qemu, [RepoPaths.Require("memfuncs", "aarch64", "memfuncs_check")], TimeSpan.FromMinutes(10),
            workingDirectory: Path.GetTempPath());

    [Theory]
    [InlineData(null)] // the built-in thresholds
    [InlineData("1")] // every call of at least one byte on the host
    public void TheChecksPassEmulatedAndOnTheHost(string? min)
    {
        var emulated = Check(StubGuest.Command("aarch64", passthrough: false));
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.Contains("checks passed", emulated.StdoutText);
        var qemu = StubGuest.Command("aarch64") with
        {
            QemuOptions = ["-d", "plugin"],
            Plugins = [QemuCommand.PluginSpec(["stats=on"])],
            Preload = Interposer,
            Env = min is null ? [] : [new("DLCALL_MEMFUNCS_MIN", min)],
        };
        var interposed = Check(qemu);
        Assert.True(interposed.ExitCode == 0, interposed.ToString());
        Assert.Equal(emulated.StdoutText, interposed.StdoutText);
        foreach (string f in new[] { "memcpy", "memmove", "memset", "memcmp", "strlen" })
            Assert.Matches($@"dlcall_memfuncs_{f}: [1-9][0-9]* call", interposed.StderrText);
    }

    [Fact]
    public void WithoutThePluginEverythingStaysInTheGuest()
    {
        var r = Check(StubGuest.Command("aarch64", passthrough: false) with { Preload = Interposer });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("checks passed", r.StdoutText);
        Assert.DoesNotContain("dlcall", r.StderrText);
    }

    private static ProcessResult RunWith(string root, string passthrough, bool memfuncs, params string[] command) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough, .. memfuncs ? new[] { "--memfuncs" } : [], "--sysroot", root, "--",
             Path.Combine(root, command[0].TrimStart('/')), .. command[1..]], TimeSpan.FromMinutes(10));

    [Fact]
    public void DebianProgramsGiveTheEmulatedBytes()
    {
        string root = DebianProgram.Root("aarch64", "pigz", "sqlite3");
        string input = DebianProgram.Input(2);
        string sql = Path.Combine(Path.GetTempPath(), "dlcall-memfuncs.sql");
        File.WriteAllText(sql, "create table t(a text, b blob);\n" +
            string.Concat(Enumerable.Range(0, 300).Select(i => $"insert into t values('{new string((char)('a' + i % 26), i * 13)}', zeroblob({i * 97}));\n")) +
            "select count(*), sum(length(a)), sum(length(b)), max(a) < min(a) from t;\nselect length(group_concat(a)) from t;\n");
        foreach (var (libs, command) in new[]
        {
            ("zlib,libm", new[] { "/usr/bin/pigz", "-6", "-c", input }),
            ("sqlite3", new[] { "/usr/bin/sqlite3", ":memory:", $".read {sql}" }),
        })
        {
            // A stub generated on first use says so on stderr: generate it before the compared runs.
            RunWith(root, libs, true, command[0], "--version");
            var emulated = RunWith(root, "none", false, command);
            var interposed = RunWith(root, libs, true, command);
            Assert.True(emulated.ExitCode == 0, emulated.ToString());
            Assert.True(interposed.ExitCode == 0, interposed.ToString());
            Assert.True(emulated.Stdout.AsSpan().SequenceEqual(interposed.Stdout), $"{command[0]}: stdout differs");
            Assert.Equal(emulated.StderrText, interposed.StderrText);
        }
    }

    [Fact]
    public void MemfuncsWithoutAPassedThroughLibraryIsOneLine()
    {
        string root = DebianProgram.Root("aarch64", "pigz");
        var r = RunWith(root, "none", true, "/usr/bin/pigz", "--version");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("dlcall run: --memfuncs: no library is passed through, and the interposer needs the stubs' runtime\n", r.StderrText);
    }
}
