// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <c>dlcall run --passthrough all</c> never breaks a program that runs emulated: Debian 13's riscv64
/// sqlite3 (which checks sqlite3_sourceid() exactly) and openssl (whose libssl 3.5 needs libcrypto
/// functions the host's 3.0 lacks) run with those libraries emulated, said once each under -v;
/// Debian 12's arm64 programs pass everything through.
/// </summary>
public class VersionSkewRunTests
{
    private static readonly Lazy<string> Riscv64 = new(() => DebianProgram.Root("riscv64", "sqlite3", "openssl"));

    private static ProcessResult Run(string root, string passthrough, bool verbose, string program, params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", .. verbose ? new[] { "-v" } : [], "--passthrough", passthrough, "--sysroot", root, "--",
             Path.Combine(root, program), .. args], TimeSpan.FromMinutes(20));

    // A few KiB of text the guest's and the host's openssl hash alike.
    private static readonly Lazy<string> Input = new(() =>
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("dlcall-skew-").FullName, "input.txt");
        File.WriteAllLines(path, Enumerable.Range(0, 500).Select(i => $"line {i}"));
        return path;
    });

    private static List<string> EmulatedLines(ProcessResult r) =>
        r.StderrText.Split('\n').Where(l => l.StartsWith("dlcall run: ", StringComparison.Ordinal) && l.Contains(" stays emulated: ")).ToList();

    [Fact]
    public void Riscv64SqliteShellRunsWithTheLibraryEmulated()
    {
        string[] args = [":memory:", "create table t(x); insert into t values (1),(2),(3); select sum(x), sqlite_version() from t;"];
        var emulated = Run(Riscv64.Value, "none", false, "usr/bin/sqlite3", args);
        var all = Run(Riscv64.Value, "all", true, "usr/bin/sqlite3", args);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(emulated.StdoutText, all.StdoutText);
        var lines = EmulatedLines(all);
        Assert.Single(lines, l => l.StartsWith("dlcall run: sqlite3 stays emulated: the host's libsqlite3.so.0 is 3.40", StringComparison.Ordinal));
        // Without -v or --stats the program's stderr is its own.
        var quiet = Run(Riscv64.Value, "all", false, "usr/bin/sqlite3", args);
        Assert.Empty(EmulatedLines(quiet));
        Assert.Equal(emulated.StdoutText, quiet.StdoutText);
    }

    [Fact]
    public void Riscv64OpensslRunsWithLibcryptoEmulated()
    {
        string input = Input.Value;
        var emulated = Run(Riscv64.Value, "none", false, "usr/bin/openssl", "dgst", "-sha256", input);
        var all = Run(Riscv64.Value, "all", true, "usr/bin/openssl", "dgst", "-sha256", input);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(emulated.StdoutText, all.StdoutText);
        string line = Assert.Single(EmulatedLines(all), l => l.StartsWith("dlcall run: crypto ", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"libssl\.so\.3(, .*)? need .*@OPENSSL_3\.[1-5]\.0.*which the host's libcrypto\.so\.3 lacks"), line);
    }

    [Fact]
    public void Riscv64PythonKeepsLibcryptoEmulatedForTheModulesItMayLoad()
    {
        // python3.13 itself does not link libcrypto; _hashlib, loaded by `import hashlib`, does, with
        // functions of OpenSSL 3.2+. Before the root's dlopen-able files were checked, the stub of
        // one of them stopped the program: "EVP_MD_CTX_get_size_ex is not available through dlcall".
        string root = DebianProgram.Root("riscv64", "python3", "libexpat1");
        string[] args = ["-c", "import hashlib; print(hashlib.sha256(b'dlcall').hexdigest())"];
        var emulated = Run(root, "none", false, "usr/bin/python3", args);
        var all = Run(root, "all", true, "usr/bin/python3", args);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(emulated.StdoutText, all.StdoutText);
        string line = Assert.Single(EmulatedLines(all), l => l.StartsWith("dlcall run: crypto ", StringComparison.Ordinal));
        Assert.Contains("_hashlib.cpython-313-riscv64-linux-gnu.so", line);
    }

    [Fact]
    public void Arm64ProgramsPassEverythingThrough()
    {
        string root = SqliteCli.Sysroot;
        var r = Run(root, "all", true, "usr/bin/sqlite3", ":memory:", "select 6*7;");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("42\n", r.StdoutText);
        Assert.Empty(EmulatedLines(r));
        var ssl = Run(CryptoGuest.Root, "all", true, "usr/bin/openssl", "dgst", "-sha256", Input.Value);
        Assert.True(ssl.ExitCode == 0, ssl.ToString());
        Assert.Empty(EmulatedLines(ssl));
    }
}
