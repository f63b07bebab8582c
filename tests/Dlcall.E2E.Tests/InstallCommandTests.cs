// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <c>./dlcall install --prefix P</c> as a user does it: then P/bin/dlcall, a link to the clone's
/// dlcall-run, run from another directory, finds the clone's data (doctor, a guest program passed through).
/// </summary>
public sealed class InstallCommandTests : IDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("dlcall-prefix-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("dlcall-elsewhere-").FullName;

    public void Dispose()
    {
        Directory.Delete(_prefix, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    private string Installed => Path.Combine(_prefix, "bin", "dlcall");

    private ProcessResult Install() =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["install", "--prefix", _prefix], TimeSpan.FromMinutes(5));

    // From a directory that is no clone, with nothing pointing at the clone.
    private ProcessResult RunInstalled(params string[] args) =>
        ProcessRunner.Run(Installed, args, TimeSpan.FromMinutes(5), workingDirectory: _elsewhere);

    [Fact]
    public void TheInstalledCommandFindsItsDataFromAnywhere()
    {
        var install = Install();
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(Installed + "\n", install.StdoutText);
        // The test's PATH lacks the temporary prefix: said, once.
        Assert.Contains($"{Path.Combine(_prefix, "bin")} is not on PATH", install.StderrText);

        var doctor = RunInstalled("doctor");
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains("everything dlcall needs is there", doctor.StdoutText);

        string program = RepoPaths.Require("zlib", "aarch64", "zerrno");
        var run = RunInstalled("run", "--passthrough", "zlib", "-v", program);
        var emulated = RunInstalled("run", "--passthrough", "none", program);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(emulated.ExitCode, run.ExitCode);
        Assert.Equal(emulated.StdoutText, run.StdoutText);
    }

    [Fact]
    public void TheInstalledCommandStartsNoShell()
    {
        Assert.Equal(0, Install().ExitCode);
        // The link is dlcall-run itself: a warm run goes from it to QEMU, with no sh process between.
        Assert.Equal(Path.Combine(RepoPaths.Root, "artifacts", "cli", "dlcall-run"), new FileInfo(Installed).LinkTarget);
        string root = DebianProgram.Root("aarch64", "coreutils");
        string[] args = ["run", "--passthrough", "all", "--sysroot", root, Path.Combine(root, "bin", "echo"), "hi"];
        RunInstalled(args);
        var warm = ProcessRunner.Run(Installed, args, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DLCALL_RUN_TRACE"] = "1" }, workingDirectory: _elsewhere);
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Equal("hi\n", warm.StdoutText);
        Assert.Contains("dlcall-run: started from the recorded launch", warm.StderrText);
    }

    [Fact]
    public void InstallingAgainReplacesItsOwnFileOnly()
    {
        Assert.Equal(0, Install().ExitCode);
        var again = Install();
        Assert.True(again.ExitCode == 0, again.ToString());

        // The install is a link to the clone's dlcall-run: written through, it would be overwritten.
        Assert.EndsWith("/artifacts/cli/dlcall-run", new FileInfo(Installed).LinkTarget);
        File.Delete(Installed);
        File.WriteAllText(Installed, "#!/bin/sh\necho someone else's dlcall\n");
        var refused = Install();
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains($"{Installed} exists and is not one dlcall install wrote", refused.StderrText);
        Assert.Contains("someone else's", File.ReadAllText(Installed));
    }
}
