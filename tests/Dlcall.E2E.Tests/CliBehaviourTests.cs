// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The `dlcall` command as a user meets it (issue 13): either ISA name everywhere, the program's
/// arguments left to the program, host programs, and one clear line for every mistake.
/// </summary>
public class CliBehaviourTests
{
    private static readonly string Root = DebianProgram.Root("aarch64", "coreutils");

    private static ProcessResult Dlcall(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(10));

    private static string Program(string name) => Path.Combine(Root, "bin", name);

    /// <summary>A user error: exit 2, and neither System.CommandLine's help page nor a .NET stack trace.</summary>
    private static void AssertOneClearError(ProcessResult r, string message)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(message, r.StderrText);
        Assert.DoesNotContain("Unhandled exception", r.StderrText);
        Assert.DoesNotMatch(new Regex(@"^\s+at ", RegexOptions.Multiline), r.StderrText);
        Assert.DoesNotContain("Usage:", r.StderrText);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("aarch64")]
    public void RunTakesEitherIsaName(string arch)
    {
        var r = Dlcall("run", "--arch", arch, "--passthrough", "none", "--sysroot", Root, Program("echo"), "hi");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("hi\n", r.StdoutText);
    }

    [Fact]
    public void SysrootTakesEitherIsaNameForTheSameRoot()
    {
        var debian = Dlcall("sysroot", "--arch", "arm64", "coreutils");
        var qemu = Dlcall("sysroot", "--arch", "aarch64", "coreutils");
        Assert.True(debian.ExitCode == 0 && qemu.ExitCode == 0, debian + "\n" + qemu);
        Assert.Equal(Root, debian.StdoutText.Trim());
        Assert.Equal(Root, qemu.StdoutText.Trim());
    }

    [Fact]
    public void GenTakesTheDebianName()
    {
        var r = Dlcall("gen", "zlib", "--arch", "arm64", "--no-compile");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(Path.Combine(RepoPaths.Artifacts, "thunks", "aarch64", "zlib"), r.StdoutText);
    }

    [Theory]
    [InlineData("call")]
    [InlineData("zlib")]
    [InlineData("programs")]
    public void BenchTakesTheDebianName(string bench)
    {
        // Parsing only (the benchmark itself takes minutes): arm64 is accepted, the bad count is not.
        string count = bench == "programs" ? "--runs" : "--rounds";
        var r = Dlcall("bench", bench, "--arch", "arm64", count, "x");
        AssertOneClearError(r, count);
        Assert.DoesNotContain("--arch", r.StderrText);
    }

    [Theory]
    [InlineData("run", "auto|aarch64|arm64|riscv64|x86_64|amd64")]
    [InlineData("gen", "aarch64|arm64|riscv64")]
    [InlineData("sysroot", "aarch64|arm64|riscv64")]
    [InlineData("bench call", "aarch64|arm64|riscv64")]
    [InlineData("bench zlib", "aarch64|arm64|riscv64")]
    [InlineData("bench programs", "aarch64|arm64|riscv64")]
    public void HelpListsTheArchitectures(string command, string values)
    {
        var r = Dlcall([.. command.Split(' '), "--help"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"--arch <{values}>", r.StdoutText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EverythingAfterTheProgramIsTheProgramsOwn(bool dashDash)
    {
        string[] before = ["run", "--passthrough", "none", "--sysroot", Root, .. dashDash ? new[] { "--" } : []];
        var echo = Dlcall([.. before, Program("echo"), "--help", "--arch", "x", "--stats"]);
        Assert.True(echo.ExitCode == 0, echo.ToString());
        Assert.Equal("--help --arch x --stats\n", echo.StdoutText);
        // Debian's own ls answers --help, not dlcall.
        var ls = Dlcall([.. before, Path.Combine(Root, "bin/ls"), "--help"]);
        Assert.True(ls.ExitCode == 0, ls.ToString());
        Assert.Contains("List information about the FILEs", ls.StdoutText);
    }

    [Fact]
    public void AHostProgramRunsNatively()
    {
        string x86Overlay = Path.Combine(RepoPaths.Artifacts, "run", "x86_64");
        var r = Dlcall("run", "--", "/bin/echo", "native");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("native\n", r.StdoutText);
        Assert.Equal("", r.StderrText);
        Assert.Equal(1, Dlcall("run", "/bin/false").ExitCode);
        Assert.False(Directory.Exists(x86Overlay), "a host program left " + x86Overlay);
        // What would need QEMU cannot apply: said, not ignored.
        AssertOneClearError(Dlcall("run", "--stats", "/bin/true"), "runs natively");
        // A mistaken --passthrough is said for a host program as for a guest one (it ran silently).
        AssertOneClearError(Dlcall("run", "--passthrough", "", "/bin/true"), "--passthrough '' names no library");
    }

    // An explicit --arch that is not the program's: QEMU said "Invalid ELF image for this architecture".
    [Theory]
    [InlineData("arm64", "/bin/true is a program for x86_64, not aarch64")]
    [InlineData("riscv64", "is a program for aarch64, not riscv64")]
    public void AnArchThatIsNotTheProgramsIsNamed(string arch, string message) =>
        AssertOneClearError(Dlcall("run", "--arch", arch, "--passthrough", "none",
            message.StartsWith('/') ? "/bin/true" : Program("true")), message);

    [Fact]
    public void AMissingSysrootIsNamed() =>
        AssertOneClearError(Dlcall("run", "--passthrough", "none", "--sysroot", "/nonexistent/root", Program("true")),
            "--sysroot /nonexistent/root: no such directory");

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void AProgramWithoutTheExecBitIsRefusedLikeAShellDoes()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"dlcall-noexec-{Environment.ProcessId}");
        File.Copy(Program("true"), copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            AssertOneClearError(Dlcall("run", "--passthrough", "none", "--sysroot", Root, copy), $"{copy}: Permission denied");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void AnEmptyPassthroughNamesTheAcceptedValues()
    {
        var r = Dlcall("run", "--passthrough", "", "--sysroot", Root, Program("true"));
        AssertOneClearError(r, "--passthrough '' names no library");
        Assert.Contains("zlib", r.StderrText);
        Assert.Contains("all, or none", r.StderrText);
    }

    [Theory]
    [InlineData("call", "--n")]
    [InlineData("zlib", "--level")]
    [InlineData("programs", "--only")]
    public void EveryBenchmarkHasItsOwnHelp(string bench, string option)
    {
        var r = Dlcall("bench", bench, "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"dlcall bench {bench} [options]", r.StdoutText);
        Assert.Contains(option, r.StdoutText);
    }

    // Bad input to every command: one line naming the problem, exit 2, never a stack trace.
    [Theory]
    [InlineData("dlcall: Unrecognized command or argument 'frob'", "frob")]
    [InlineData("no such program: /nonexistent", "run", "/nonexistent")]
    [InlineData("not an ELF program", "run", "/etc/passwd")]
    [InlineData("--arch 'mips': unknown architecture", "run", "--arch", "mips", "/bin/true")]
    [InlineData("Required argument missing", "run")]
    [InlineData("--arch 'x86_64': x86_64 (amd64) is not one this command handles", "gen", "zlib", "--arch", "x86_64")]
    [InlineData("no-such-lib", "gen", "no-such-lib")]
    [InlineData("--arch 'mips': unknown architecture", "sysroot", "--arch", "mips")]
    [InlineData("commands: call, zlib, programs", "bench", "nope")]
    [InlineData("Unrecognized command or argument '--help'", "bench", "programs", "--", "--help")]
    [InlineData("--mib must be at least 1", "bench", "zlib", "--mib", "0")]
    [InlineData("no workload matches --only", "bench", "programs", "--only", "no-such-workload")]
    [InlineData("Unrecognized command or argument '--fix'", "doctor", "--fix")]
    [InlineData("Unrecognized command or argument 'now'", "setup", "now")]
    public void BadInputIsOneLineNeverAStackTrace(string message, params string[] args) =>
        AssertOneClearError(Dlcall(args), message);

    [Fact]
    public void GenShowsEachStepWithItsTime()
    {
        var r = Dlcall("gen", "zlib", "--arch", "riscv64");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("dlcall gen: parse the headers", r.StderrText);
        Assert.Matches(new Regex(@"dlcall gen: compile: done in \d+ s"), r.StderrText);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Artifacts, "thunks", "riscv64", "zlib", "gen.log")));
    }

    // A first guest root (a download, then an extraction: seconds to minutes) was silent. The root of
    // a package set no other test uses is removed and made again from the kept .debs (seconds: long
    // enough to be announced, 2 s), then removed, so the test leaves no 250 MB root behind.
    [Fact]
    public void AGuestRootBeingMadeShowsItsProgress()
    {
        var first = Dlcall("sysroot", "--arch", "arm64", "hello");
        Assert.True(first.ExitCode == 0, first.ToString());
        string root = first.StdoutText.Trim();
        try
        {
            Directory.Delete(root, recursive: true);
            var r = Dlcall("sysroot", "--arch", "arm64", "hello");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(root, r.StdoutText.Trim());
            const string step = "dlcall: building the arm64 guest root";
            Assert.Contains(step + "...\n", r.StderrText);
            Assert.Matches(new Regex(Regex.Escape(step) + @": done in \d+ s\n"), r.StderrText);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    // libcrypto's ~220 warnings (functions that stay unexported) were dumped one per line.
    [Fact]
    public void GenSummarisesWarningsAndSaysWhereTheyAre()
    {
        var r = Dlcall("gen", "crypto", "--arch", "aarch64", "--no-compile");
        Assert.True(r.ExitCode == 0, r.ToString());
        string log = Path.Combine(RepoPaths.Artifacts, "thunks", "aarch64", "crypto", "gen.log");
        var m = Regex.Match(r.StderrText, @"dlcall gen: (\d+) warning\(s\) \(.*\); all of them in (\S+)");
        Assert.True(m.Success, r.StderrText);
        Assert.Equal("artifacts/thunks/aarch64/crypto/gen.log", m.Groups[2].Value);
        int count = int.Parse(m.Groups[1].Value);
        Assert.True(count > 50, $"only {count} warnings: is this still the case the summary is for?");
        Assert.Equal(count, File.ReadAllLines(log).Count(l => l.Contains(" warning ")));
        Assert.True(r.StderrText.Split('\n').Length < 30, r.StderrText);
    }
}
