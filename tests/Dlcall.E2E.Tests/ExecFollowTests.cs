// SPDX-License-Identifier: GPL-2.0-or-later
using System.Security.Cryptography;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Exec following (docs/HowItWorks.md): a guest shell of Debian's arm64 dash/bash runs Debian's
/// own pigz, xz, sqlite3 and coreutils as children under the same QEMU and plugin, with no
/// binfmt_misc. Outputs are checked against the host's own computation; corner cases against
/// what the kernel does natively.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ExecFollowTests
{
    private static string Root => DebianProgram.Root("aarch64", "dash", "bash", "coreutils", "pigz", "xz-utils", "sqlite3");

    // The guest's PATH search runs through QEMU's -L mapping: Debian's own order.
    private static readonly Dictionary<string, string> GuestPath = new() { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };

    /// <summary><c>dlcall run [options] -- ROOT/bin/sh -c SCRIPT</c> in <paramref name="dir"/>.</summary>
    private static ProcessResult Sh(string dir, string script, params string[] options) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", "all", "--sysroot", Root, .. options, "--", Path.Combine(Root, "bin/sh"), "-c", script],
            TimeSpan.FromMinutes(10), GuestPath, dir);

    private static string TempDir(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"dlcall-exec-{name}-{Environment.ProcessId}");
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void WriteScript(string path, string text, bool executable = true)
    {
        File.WriteAllText(path, text);
        if (executable) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private const string Pipeline = """
        set -e
        pigz -c input > a.gz                      # by name
        /usr/bin/pigz -dc a.gz > a.out            # by path
        xz -6 -c input | xz -dc > b.out           # a pipeline of children
        sum=$(sha256sum input | cut -d' ' -f1)    # command substitution
        echo "sha256 $sum"
        (cd sub && ./tool.sh one two)             # a subshell running a #! script
        printf 'create table t(x); insert into t values(1),(2),(40); select sum(x) from t;\n' | sqlite3
        echo done
        """;

    [Fact]
    public void ShellScriptChildrenMatchTheHost()
    {
        string dir = TempDir("pipeline");
        File.WriteAllBytes(Path.Combine(dir, "input"), MixedInput(1 << 20));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        WriteScript(Path.Combine(dir, "sub", "tool.sh"), "#!/bin/sh\necho \"tool $0 $# $1 $2 $(uname -m)\"\n");
        string stats = Path.Combine(dir, "stats.txt");

        var r = Sh(dir, Pipeline, "--stats-file", stats);
        Assert.True(r.ExitCode == 0, r.ToString());
        byte[] input = File.ReadAllBytes(Path.Combine(dir, "input"));
        Assert.True(File.ReadAllBytes(Path.Combine(dir, "a.out")).AsSpan().SequenceEqual(input), "pigz round trip");
        Assert.True(File.ReadAllBytes(Path.Combine(dir, "b.out")).AsSpan().SequenceEqual(input), "xz round trip");
        string sha = Convert.ToHexStringLower(SHA256.HashData(input));
        Assert.Equal($"sha256 {sha}\ntool ./tool.sh 2 one two aarch64\n43\ndone\n", r.StdoutText);

        // Every child reports its own host calls into the one file.
        string report = File.ReadAllText(stats);
        AssertChildCalled(report, "/usr/bin/pigz", "libdlcall_thunk_zlib.so");
        AssertChildCalled(report, "/usr/bin/xz", "libdlcall_thunk_lzma.so");
        AssertChildCalled(report, "/usr/bin/sqlite3", "libdlcall_thunk_sqlite3.so");

        // The same script fully emulated: the same output (the children still follow).
        var emulated = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", "none", "--sysroot", Root, "--", Path.Combine(Root, "bin/sh"), "-c", Pipeline],
            TimeSpan.FromMinutes(10), GuestPath, dir);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.Equal(r.StdoutText, emulated.StdoutText);
    }

    // Text and noise, deterministic: both compressors have work of both kinds.
    private static byte[] MixedInput(int size)
    {
        var data = new byte[size];
        var random = new Random(12);
        for (int at = 0; at < size; at += 4096)
        {
            var block = data.AsSpan(at, Math.Min(4096, size - at));
            if ((at / 4096) % 3 == 0) random.NextBytes(block);
            else System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"line {at} of the input\n", 200)))
                .AsSpan(0, block.Length).CopyTo(block);
        }
        return data;
    }

    private static void AssertChildCalled(string report, string program, string thunk)
    {
        var blocks = report.Split("dlcall stats: process ").Where(b => b.Split('\n')[0].EndsWith(program)).ToList();
        Assert.True(blocks.Count > 0, $"no report of {program}:\n{report}");
        Assert.True(blocks.Any(b => b.Contains(thunk)), $"{program} made no call into {thunk}:\n{report}");
    }

    [Fact]
    public void CornerCasesBehaveAsUnderTheKernel()
    {
        string dir = TempDir("corners");
        WriteScript(Path.Combine(dir, "noexec.sh"), "echo hi\n", executable: false);
        WriteScript(Path.Combine(dir, "plain.sh"), "echo \"no shebang $1\"\n");
        WriteScript(Path.Combine(dir, "e.sh"), "#!/bin/sh -e\necho \"arg $0 $1\"\nfalse\necho not reached\n");
        string host = RepoPaths.Require("e2e", "x86_64-static", "execat");
        string script = $$"""
            /nonexistent/program 2>/dev/null; echo "enoent $?"
            ./noexec.sh 2>/dev/null; echo "eacces $?"
            ./plain.sh arg
            ./e.sh one; echo "e $?"
            sh -c 'sh -c "sh -c \"echo deep | pigz | pigz -d\""'
            bash -c 'exec -a myname /bin/bash -c "echo argv0 \$0"'
            sh -c 'kill -TERM $$'; echo "term $?"
            sh -c 'exit 42'; echo "exit $?"
            uname -m
            readlink /proc/self/exe
            '{{host}}' argv0
            """;
        var r = Sh(dir, script);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"""
            enoent 127
            eacces 126
            no shebang arg
            arg ./e.sh one
            e 1
            deep
            argv0 myname
            term 143
            exit 42
            aarch64
            {Root}/usr/bin/readlink
            argv0={host}

            """, r.StdoutText);
    }

    [Fact]
    public void NoFollowExecLeavesExecToTheHostKernel()
    {
        string dir = TempDir("nofollow");
        var r = Sh(dir, "uname -m", "--no-follow-exec");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("x86_64\n", r.StdoutText); // /usr/bin/uname exists on the host: the kernel runs that one
        if (!File.Exists("/proc/sys/fs/binfmt_misc/qemu-aarch64"))
        {
            var direct = Sh(dir, $"'{Root}/usr/bin/true'; echo $?", "--no-follow-exec");
            Assert.Contains("Exec format error", direct.StderrText);
            Assert.Equal("126\n", direct.StdoutText);
        }
    }

    [Fact]
    public void ChildEnvironmentIsWhatTheParentPassed()
    {
        string dir = TempDir("env");
        var r = Sh(dir, "env > one.txt && env EXTRA=1,2 LD_PRELOAD= env > two.txt && env -u LD_LIBRARY_PATH env > three.txt");
        Assert.True(r.ExitCode == 0, r.ToString());
        var one = Lines(dir, "one.txt");
        var two = Lines(dir, "two.txt");
        var three = Lines(dir, "three.txt");
        Assert.DoesNotContain(one, l => l.StartsWith("DLCALL_") || l.Contains("dlcall", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("LD_LIBRARY_PATH=") && !l.StartsWith("PWD=") && !l.StartsWith("OLDPWD="));
        Assert.Equal(one.Append("EXTRA=1,2").Append("LD_PRELOAD=").Order(), two.Order());
        Assert.Equal(one.Where(l => !l.StartsWith("LD_LIBRARY_PATH=")).Order(), three.Order());
        // What the guest sees is the test's own environment, plus the stubs' directory.
        var expected = Environment.GetEnvironmentVariables().Keys.Cast<string>().Append("PATH").Append("LD_LIBRARY_PATH").ToHashSet();
        Assert.Subset(expected, one.Select(l => l[..l.IndexOf('=')]).ToHashSet());
    }

    private static List<string> Lines(string dir, string file) =>
        [.. File.ReadAllText(Path.Combine(dir, file)).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>execveat's forms (tests/e2e/execat) from a static arm64 program under QEMU with
    /// the plugin and the Debian guest root.</summary>
    [Fact]
    public void ExecveatFormsAndProcSelfExe()
    {
        string dir = TempDir("execat");
        string script = Path.Combine(dir, "s.sh");
        WriteScript(script, "#!/bin/sh\necho \"script $0 $*\"\n");
        File.CreateSymbolicLink(Path.Combine(dir, "link"), Path.Combine(Root, "usr/bin/echo"));
        string execat = RepoPaths.Require("e2e", "aarch64-static", "execat");
        ProcessResult Run(params string[] args)
        {
            var r = ProcessRunner.Run(Path.Combine(RepoPaths.QemuDir, "bin", "qemu-aarch64"),
                ["-L", Root, "-plugin", RepoPaths.Plugin, execat, .. args], TimeSpan.FromMinutes(2), GuestPath, dir);
            Assert.True(r.ExitCode == 0, r.ToString());
            return r;
        }
        Assert.Equal("argv0=myname\n", Run("self", "myname").StdoutText);
        Assert.Equal("cloexec\n", Run("fexecve", "/usr/bin/echo", "echo", "cloexec").StdoutText);
        Assert.Equal("argv0=named\n", Run("fexecve", execat, "named", "argv0").StdoutText);
        Assert.Equal("aarch64\n", Run("fexecve-keep", "/usr/bin/uname", "uname", "-m").StdoutText);
        Assert.Matches(@"^script /dev/fd/\d+ a b\n$", Run("fexecve-keep", script, "s", "a", "b").StdoutText);
        Assert.Equal("aarch64\n", Run("at", "/usr", "bin/uname", "uname", "-m").StdoutText);
        Assert.Equal("plain\n", Run("nofollow", "/usr/bin/echo", "echo", "plain").StdoutText);
        var loop = ProcessRunner.Run(Path.Combine(RepoPaths.QemuDir, "bin", "qemu-aarch64"),
            ["-L", Root, "-plugin", RepoPaths.Plugin, execat, "nofollow", Path.Combine(dir, "link"), "echo", "x"], TimeSpan.FromMinutes(2), null, dir);
        Assert.Equal("execveat: errno 40\n", loop.StdoutText); // ELOOP, from the kernel as before
    }
}
