// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <c>dlcall doctor</c> run as a user would: on the machine the tests just set up it finds nothing
/// to fix; on a private clone (DLCALL_ROOT: the repository's files linked, the zlib spec and stubs
/// copied, so nothing it changes reaches another test) it names a stub older than its spec or its
/// generator, and the fix. Redirected, it writes whole lines, every path uncut.
/// </summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dlcall-doctor-with-a-long-enough-name-").FullName;

    public DoctorCommandTests()
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(RepoPaths.Root))
        {
            string name = Path.GetFileName(entry);
            if (name is not ("artifacts" or "thunks" or "src")) File.CreateSymbolicLink(Path.Combine(_root, name), entry);
        }
        Directory.CreateDirectory(Path.Combine(_root, "thunks", "zlib"));
        File.Copy(Path.Combine(RepoPaths.Root, "thunks", "zlib", "spec.json"), Spec);
        Directory.CreateDirectory(Path.Combine(_root, "src", "Dlcall.ThunkGen"));
        File.WriteAllText(GeneratorSource, "// the generator, as far as the stubs' freshness goes\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Stub)!);
        File.Copy(RepoPaths.Require("thunks", "aarch64", "lib", "libz.so.1"), Stub);
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "thunks", "host"));
        File.Copy(RepoPaths.Require("thunks", "host", "libdlcall_thunk_zlib.so"), Path.Combine(_root, "artifacts", "thunks", "host", "libdlcall_thunk_zlib.so"));
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "plugin"));
        File.CreateSymbolicLink(Path.Combine(_root, "artifacts", "plugin", "libdlcall.so"), RepoPaths.Plugin);
        // The stub made after its inputs, as `dlcall gen` leaves it.
        var made = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(Spec, made.AddMinutes(-2));
        File.SetLastWriteTimeUtc(GeneratorSource, made.AddMinutes(-2));
        File.SetLastWriteTimeUtc(Stub, made.AddMinutes(-1));
    }

    private string Spec => Path.Combine(_root, "thunks", "zlib", "spec.json");
    private string GeneratorSource => Path.Combine(_root, "src", "Dlcall.ThunkGen", "Generator.cs");
    private string Stub => Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libz.so.1");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The executable, not ./dlcall: the wrapper sets DLCALL_ROOT to its own clone.
    private ProcessResult DoctorOfThePrivateClone() =>
        ProcessRunner.Run(RepoPaths.Require("cli", "dlcall"), ["doctor"], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["DLCALL_ROOT"] = _root });

    [Fact]
    public void FindsTheSetUpComplete()
    {
        var r = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["doctor"], TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("everything dlcall needs is there", r.StdoutText);
        Assert.Contains("QEMU syscall-filter API", r.StdoutText);
        string stub = Path.Combine(RepoPaths.Artifacts, "thunks", "aarch64", "lib", "libz.so.1");
        Assert.Contains($"\nok    zlib stub (aarch64): {stub}\n", r.StdoutText);
        Assert.Matches(@"\n(ok|later) +arm64 guest root: .*/sysroot-arm64-", r.StdoutText);
        Assert.Matches(@"\n(ok|later) +riscv64 guest root: .*/sysroot-riscv64-", r.StdoutText);
    }

    [Fact]
    public void AFreshStubIsOneWholeLineWithItsPath()
    {
        var r = DoctorOfThePrivateClone();
        string line = $"ok    zlib stub (aarch64): {Stub}";
        Assert.True(line.Length > 100, line);
        Assert.Contains(line + "\n", r.StdoutText);
        // Not generated for riscv64: `run` makes it on first use, which is no failure.
        Assert.Contains("later zlib stub (riscv64): not generated yet", r.StdoutText);
        Assert.DoesNotContain("│", r.StdoutText);
    }

    [Fact]
    public void AStubOlderThanItsSpecIsNamedWithTheFix()
    {
        File.SetLastWriteTimeUtc(Spec, DateTime.UtcNow);
        var r = DoctorOfThePrivateClone();
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains($"FAIL  zlib stub (aarch64): {Stub} is older than {Spec}\n      fix: dlcall gen zlib --arch aarch64\n", r.StdoutText);
    }

    [Fact]
    public void AStubOlderThanItsGeneratorIsNamedWithTheFix()
    {
        File.SetLastWriteTimeUtc(GeneratorSource, DateTime.UtcNow);
        var r = DoctorOfThePrivateClone();
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains($"FAIL  zlib stub (aarch64): {Stub} is older than {GeneratorSource}\n", r.StdoutText);
    }

    [Fact]
    public void AStubWithoutItsHostSideIsNamed()
    {
        File.Delete(Path.Combine(_root, "artifacts", "thunks", "host", "libdlcall_thunk_zlib.so"));
        var r = DoctorOfThePrivateClone();
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains($"FAIL  zlib stub (aarch64): {Stub} has no host side", r.StdoutText);
    }
}
