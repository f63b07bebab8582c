// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests: unmodified guest programs linked against libz.so.1 print the same bytes
/// and exit with the same code fully emulated (Debian's real arm64 / riscv64 libz) and with
/// dlcall's generated stub passing every call to the host's zlib.
/// </summary>
public class ZlibTests
{
    public static TheoryData<string> Isas => new() { "aarch64", "riscv64" };

    /// <summary>Both ISAs on both paths: the fast path (default) and the syscall path.</summary>
    public static TheoryData<string, bool> IsasAndPaths => new() { { "aarch64", true }, { "aarch64", false }, { "riscv64", true }, { "riscv64", false } };

    public static TheoryData<string, string, bool> Programs
    {
        get
        {
            var d = new TheoryData<string, string, bool>();
            foreach (string isa in new[] { "aarch64", "riscv64" })
            {
                foreach (string p in new[] { "zcallbacks", "zerrno", "zthreads", "zcopy" })
                {
                    d.Add(isa, p, true);
                    d.Add(isa, p, false);
                }
            }
            return d;
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndPaths))]
    public void ZlibsOwnExampleAndMinigzipMatchTheEmulatedRun(string isa, bool fast)
    {
        // tests/zlib/run-emulated.sh runs example and a minigzip round trip, printing what to compare.
        string script = Path.Combine(RepoPaths.Root, "tests/zlib/run-emulated.sh");
        var env = new Dictionary<string, string> { ["ZLIB_TEST_NO_BUILD"] = "1", ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir };
        var emulated = ProcessRunner.Run("bash", [script, isa], TimeSpan.FromMinutes(5), env);
        // The script adds the guest root (-L) itself.
        env["ZLIB_TEST_QEMU_ARGS"] = string.Join(' ', (StubGuest.Command(isa, fast: fast) with { Root = null }).Args([]));
        var passthrough = ProcessRunner.Run("bash", [script, isa], TimeSpan.FromMinutes(5), env);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("result: PASS", passthrough.StdoutText);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void CallbacksErrnoAndThreadsMatchTheEmulatedRun(string isa, string program, bool fast)
    {
        var emulated = StubGuest.Run(isa, program, passthrough: false);
        var passthrough = StubGuest.Run(isa, program, passthrough: true, fast: fast);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("PASS " + program, passthrough.StdoutText);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void TheStubIsWhatRunsAndSaysWhatIsMissingWithoutThePlugin(string isa)
    {
        var r = StubGuest.Run(isa, "zerrno", passthrough: true, withPlugin: false);
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("libz.so.1 here is dlcall's stub for the host's libz.so.1", r.StderrText);
        Assert.Contains("-plugin libdlcall.so", r.StderrText);
    }

    [Fact]
    public void AWrongHostDirectoryIsOneClearMessage()
    {
        var qemu = StubGuest.Command("aarch64") with { Env = [new("DLCALL_HOST_DIR", "/nonexistent")] };
        var r = GuestCommand.Run("aarch64", qemu, [RepoPaths.Require("zlib", "aarch64", "zerrno")], TimeSpan.FromMinutes(5));
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("dlcall: libz.so.1: cannot load the host runtime /nonexistent/libdlcall_host.so", r.StderrText);
        Assert.Contains("cannot open shared object file", r.StderrText); // the loader's own reason, not "(null)"
        Assert.Contains("set DLCALL_HOST_DIR", r.StderrText);
    }
}
