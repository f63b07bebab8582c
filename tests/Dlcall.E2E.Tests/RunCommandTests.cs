// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary><c>dlcall run</c>: the right QEMU, the stubs for the chosen libraries only, and the
/// program's exit status, signals and output passed through untouched.</summary>
public class RunCommandTests
{
    private static ProcessResult Dlcall(string[] args, Dictionary<string, string>? env = null) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), args, TimeSpan.FromMinutes(5), env);

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    public void PassesZlibThroughForAnUnmodifiedProgram(string isa)
    {
        var r = Dlcall(["run", "--passthrough", "zlib", "--", RepoPaths.Require("zlib", isa, "zcallbacks")]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zcallbacks", r.StdoutText);
        // Proof the stub ran: with its host side missing it stops with its own message.
        var noHost = Dlcall(["run", "--passthrough", "zlib", "--", RepoPaths.Require("zlib", isa, "zerrno")],
            new() { ["DLCALL_HOST_DIR"] = "/nonexistent" });
        Assert.Equal(127, noHost.ExitCode);
        Assert.Contains("cannot load the host runtime", noHost.StderrText);
    }

    // Runs in parallel share the overlay directory of their library set (make -j): each refreshes
    // the same links; none may fail on a name another one just created or removed.
    [Fact]
    public void ParallelRunsShareTheOverlay()
    {
        string program = RepoPaths.Require("zlib", "aarch64", "zerrno");
        string link = Path.Combine(RepoPaths.Artifacts, "run", "aarch64", "zlib", "libz.so.1");
        File.Delete(link); // every run finds it missing or just made by another
        var results = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
            .Select(_ => Dlcall(["run", "--passthrough", "zlib", "--", program])).ToList();
        foreach (var r in results)
        {
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("PASS zerrno", r.StdoutText);
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(link)!, "*.tmp"));
    }

    [Fact]
    public void NoneRunsFullyEmulatedWithTheRealLibrary()
    {
        var r = Dlcall(["run", "--passthrough", "none", "--", RepoPaths.Require("zlib", "aarch64", "zerrno")],
            new() { ["DLCALL_HOST_DIR"] = "/nonexistent" });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("PASS zerrno", r.StdoutText);
    }

    [Theory]
    [InlineData("crash", 139)]  // SIGSEGV
    [InlineData("sigpipe", 141)] // SIGPIPE: not ignored although dlcall itself is a .NET program
    public void KeepsTheProgramsDeathBySignal(string program, int status)
    {
        var r = Dlcall(["run", "--", RepoPaths.Require("e2e", "aarch64-dynamic", program), Guest.HostLib]);
        Assert.True(r.ExitCode == status, r.ToString());
    }

    [Theory]
    [InlineData("--passthrough", "zstdx", "zlib/aarch64/zerrno", "no thunks for zstdx")]
    [InlineData("--arch", "auto", "/etc/passwd", "not an ELF program")]
    [InlineData("--arch", "auto", "/nonexistent", "no such program")]
    public void BadInputIsAClearError(string option, string value, string program, string message)
    {
        string path = program.StartsWith('/') ? program : Path.Combine(RepoPaths.Artifacts, program);
        var r = Dlcall(["run", option, value, "--", path]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StderrText);
    }
}
