// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests of libsqlite3 passed through (thunks/sqlite3): Debian's arm64 sqlite3 program
/// prints the same bytes and exits alike, fully emulated and with every SQLite call run by the host.
/// </summary>
public class SqliteTests
{
    /// <summary>Rows of the bulk script: DLCALL_SQLITE_ROWS, else 20,000 (the emulated run is the slow one).</summary>
    private static int BulkRows =>
        int.TryParse(Environment.GetEnvironmentVariable("DLCALL_SQLITE_ROWS"), out int n) && n > 0 ? n : 20000;

    [Fact]
    public void BulkInsertsIndexJoinsAndAggregatesMatchTheEmulatedRun()
    {
        string script = Path.Combine(Directory.CreateTempSubdirectory("dlcall-sqlite-sql-").FullName, "bulk.sql");
        var gen = ProcessRunner.Run("python3", [SqliteCli.TestFile("bulk_sql.py"), BulkRows.ToString()]);
        Assert.True(gen.ExitCode == 0, gen.ToString());
        File.WriteAllBytes(script, gen.Stdout);
        try
        {
            string[] args = ["bulk.db", ".read " + script];
            var emulated = SqliteCli.Run("none", args, TimeSpan.FromMinutes(15));
            var passedThrough = SqliteCli.Run("sqlite3", args, TimeSpan.FromMinutes(15));
            SqliteCli.AssertSame(emulated, passedThrough);
            Assert.Contains($"{BulkRows}|", passedThrough.StdoutText);
            Assert.EndsWith("ok\n", passedThrough.StdoutText); // PRAGMA integrity_check
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(script)!, true);
        }
    }

    [Fact]
    public void CliFeaturesMatchTheEmulatedRun()
    {
        // Output modes, .dump, printf's %q %Q %w, the shell's own SQL functions, collation and
        // virtual tables (guest callbacks run by the host during sqlite3_step), parameters, errors.
        string[] args = ["features.db", ".read " + SqliteCli.TestFile("features.sql")];
        var emulated = SqliteCli.Run("none", args);
        var passedThrough = SqliteCli.Run("sqlite3", args);
        SqliteCli.AssertSame(emulated, passedThrough);
        Assert.Equal(1, passedThrough.ExitCode); // the script's deliberate errors
        Assert.Contains("no such table: nosuchtable", passedThrough.StderrText);
        Assert.Contains("UNIQUE constraint failed: people.id", passedThrough.StderrText);
        Assert.Contains("O''Brien|'O''Brien'|O'Brien|Dublin", passedThrough.StdoutText); // %q|%Q|%w|%s
        Assert.Contains("INSERT INTO people VALUES(1,'Ada','London',91.5,X'cafe');", passedThrough.StdoutText); // .dump
    }

    [Fact]
    public void FileAndLibraryCommandsMatchTheEmulatedRun()
    {
        // .recover asks for the database's sqlite3_file (refused: its methods are host code) and
        // recovers without it; .vfsinfo's VFS pointer is the proxy; .testctrl prng_seed makes
        // randomblob() repeatable.
        string[] args = ["commands.db", ".read " + SqliteCli.TestFile("commands.sql")];
        var files = new Dictionary<string, string> { ["in.csv"] = "id,name,qty\n1,apple,3\n2,\"pear, green\",5\n3,plum,\n" };
        var emulated = SqliteCli.Run("none", args, files: files);
        var passedThrough = SqliteCli.Run("sqlite3", args, files: files);
        SqliteCli.AssertSame(emulated, passedThrough);
        Assert.Contains("2|pear, green|5", passedThrough.StdoutText);
        Assert.Contains("PRAGMA writable_schema = on;", passedThrough.StdoutText); // .recover ran
        Assert.Contains("changes: 1   total_changes:", passedThrough.StdoutText);
    }

    [Theory]
    [InlineData("-batch", "SELEC 1;")]
    [InlineData("-batch", "SELECT * FROM nosuch;")]
    [InlineData("-json", "SELECT printf('%q-%Q-%w-%d-%.3f-%s-%,d', 'a''b', NULL, 'x\"y', 42, 2.5, 'end', 1234567);")]
    [InlineData("-bail", "CREATE TABLE t(a UNIQUE); INSERT INTO t VALUES(1),(1); SELECT 'not reached';")]
    [InlineData("-markdown", "SELECT x'00ff', 1e300 * 1e300, -0.0, 9223372036854775807, 'naïve';")]
    public void ErrorsAndFormattingMatchTheEmulatedRun(string option, string sql)
    {
        var emulated = SqliteCli.Run("none", [option, ":memory:", sql]);
        var passedThrough = SqliteCli.Run("sqlite3", [option, ":memory:", sql]);
        SqliteCli.AssertSame(emulated, passedThrough);
        Assert.NotEmpty(passedThrough.Stdout.Concat(passedThrough.Stderr));
    }

    [Fact]
    public void VfsListingAndTheLogCallbackMatchTheEmulatedRun()
    {
        // .vfslist walks the host's VFS list from a proxy (with the shell's own apndvfs in it);
        // .log makes SQLite call the shell's SQLITE_CONFIG_LOG callback during later calls.
        string[] args = [":memory:", ".vfsname", ".vfslist", ".vfsinfo", ".log stderr", "SELECT * FROM nosuch;"];
        var emulated = SqliteCli.Run("none", args);
        var passedThrough = SqliteCli.Run("sqlite3", args);
        SqliteCli.AssertSame(emulated, passedThrough);
        Assert.Contains("vfs.zName      = \"apndvfs\"", passedThrough.StdoutText);
        Assert.Contains("(1) no such table: nosuch in \"SELECT * FROM nosuch;\"", passedThrough.StdoutText + passedThrough.StderrText);
    }

    [Fact]
    public void SqlitesOwnSpeedtest1MatchesTheEmulatedRun()
    {
        // test/speedtest1.c (tests/sqlite3/build.sh): inserts, selects, indexes, joins, triggers,
        // with --verify's hash of the results; its clock is the host VFS through a guest proxy.
        string exe = RepoPaths.Require("sqlite3", "aarch64", "speedtest1");
        string[] args = ["--size", "10", "--verify", "speedtest1.db"];
        var emulated = SqliteCli.RunProgram("none", exe, args);
        var passedThrough = SqliteCli.RunProgram("sqlite3", exe, args);
        Assert.True(emulated.ExitCode == 0 && passedThrough.ExitCode == 0, passedThrough.ToString());
        Assert.Equal(WithoutTimes(emulated.StdoutText), WithoutTimes(passedThrough.StdoutText));
        Assert.Contains("Verification Hash: ", passedThrough.StdoutText);
    }

    /// <summary>speedtest1's lines end in the seconds each test took.</summary>
    private static string WithoutTimes(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @" +[0-9]+\.[0-9]+s$", "", System.Text.RegularExpressions.RegexOptions.Multiline);

    [Fact]
    public void PrintfFamilyCalledByTheProgramMatchesTheEmulatedRun()
    {
        // tests/sqlite3/printf_check.c: sqlite3_mprintf, vmprintf, snprintf (truncating),
        // vsnprintf, str_appendf with %q %Q %w %z %r %n %T, flags, widths, 45 arguments, and 25
        // float formats of 25 values (rendered on the guest with its long double).
        string exe = RepoPaths.Require("sqlite3", "aarch64", "printf_check");
        var emulated = SqliteCli.RunProgram("none", exe, []);
        var passedThrough = SqliteCli.RunProgram("sqlite3", exe, []);
        SqliteCli.AssertSame(emulated, passedThrough);
        Assert.Contains("sql escapes: [it''s|'a''b'|x\"\"y|NULL||owned 7]", passedThrough.StdoutText);
    }

    [Fact]
    public void RealsPrintedByTheShellMatchButSqlPrintfIsTheHosts()
    {
        // SQLite renders doubles with long double: 80-bit on x86_64, 128-bit on aarch64. The
        // shell's own rendering (.mode quote, .dump) goes through the guest's sqlite3_snprintf,
        // which renders floats on the guest: as emulated. printf() in SQL runs inside the host
        // library: as the host's own sqlite3.
        string[] quote = ["-quote", ":memory:", "SELECT 91.5, 0.1, 6.02e23;"];
        SqliteCli.AssertSame(SqliteCli.Run("none", quote), SqliteCli.Run("sqlite3", quote));
        string[] sql = [":memory:", "SELECT printf('%!.20g', 91.5);"];
        var native = ProcessRunner.Run("sqlite3", sql);
        var passedThrough = SqliteCli.Run("sqlite3", sql);
        Assert.True(native.ExitCode == 0 && passedThrough.ExitCode == 0, passedThrough.ToString());
        Assert.Equal(native.StdoutText, passedThrough.StdoutText);
        Assert.Equal("91.499999999999999996\n", passedThrough.StdoutText); // x86_64's rendering
    }
}
