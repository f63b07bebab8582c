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

    public static TheoryData<string, string> Programs
    {
        get
        {
            var d = new TheoryData<string, string>();
            foreach (string isa in new[] { "aarch64", "riscv64" })
            {
                foreach (string p in new[] { "zcallbacks", "zerrno", "zthreads" }) d.Add(isa, p);
            }
            return d;
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void ZlibsOwnExampleAndMinigzipMatchTheEmulatedRun(string isa)
    {
        // tests/zlib/run-emulated.sh runs example and a minigzip round trip, printing what to compare.
        string script = Path.Combine(RepoPaths.Root, "tests/zlib/run-emulated.sh");
        var env = new Dictionary<string, string> { ["ZLIB_TEST_NO_BUILD"] = "1", ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir };
        var emulated = ProcessRunner.Run("bash", [script, isa], TimeSpan.FromMinutes(5), env);
        env["ZLIB_TEST_QEMU_ARGS"] = string.Join(' ', ZlibGuest.PassthroughArgs(isa));
        var passthrough = ProcessRunner.Run("bash", [script, isa], TimeSpan.FromMinutes(5), env);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("result: PASS", passthrough.StdoutText);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void CallbacksErrnoAndThreadsMatchTheEmulatedRun(string isa, string program)
    {
        var emulated = ZlibGuest.Run(isa, program, passthrough: false);
        var passthrough = ZlibGuest.Run(isa, program, passthrough: true);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("PASS " + program, passthrough.StdoutText);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void TheStubIsWhatRunsAndSaysWhatIsMissingWithoutThePlugin(string isa)
    {
        var r = ZlibGuest.Run(isa, "zerrno", passthrough: true, withPlugin: false);
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("libz.so.1 here is dlcall's stub for the host's libz.so.1", r.StderrText);
        Assert.Contains("-plugin libdlcall.so", r.StderrText);
    }

    [Fact]
    public void AWrongHostDirectoryIsOneClearMessage()
    {
        string qemu = Path.Combine(RepoPaths.QemuDir, "bin", "qemu-aarch64");
        var r = ProcessRunner.Run(qemu, ["-L", ZlibGuest.Sysroot("aarch64"), .. ZlibGuest.PassthroughArgs("aarch64"),
            "-E", "DLCALL_HOST_DIR=/nonexistent", RepoPaths.Require("zlib", "aarch64", "zerrno")]);
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("dlcall: libz.so.1: cannot load the host runtime /nonexistent/libdlcall_host.so", r.StderrText);
        Assert.Contains("set DLCALL_HOST_DIR", r.StderrText);
    }
}
