// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// `dlcall run` keeps what it derives from the specs and scripts under artifacts/run/cache/ so a warm
/// start parses and spawns nothing; a changed input must be noticed. Each test works on a private
/// clone (DLCALL_ROOT: the repository's files linked, the zlib spec, stub and guest runtime copied), so what it
/// changes no other test sees.
/// </summary>
public sealed class RunCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dlcall-cache-").FullName;

    public RunCacheTests()
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(RepoPaths.Root))
        {
            string name = Path.GetFileName(entry);
            if (name is not ("artifacts" or "thunks")) File.CreateSymbolicLink(Path.Combine(_root, name), entry);
        }
        CopyDir(Path.Combine(RepoPaths.Root, "thunks", "zlib"), Path.Combine(_root, "thunks", "zlib"));
        string lib = Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib");
        Directory.CreateDirectory(lib);
        // The stub, and what GuestLaunch.Stub checks beside it (the guest runtime the stubs link
        // with and the memfuncs interposer the generator builds with them): without one of them
        // the first run would generate the zlib stub again.
        foreach (string f in new[] { "libz.so.1", "libdlcall_guest.so", "libdlcall_memfuncs.so" })
            File.Copy(RepoPaths.Require("thunks", "aarch64", "lib", f), Path.Combine(lib, f));
        CopyDir(Path.Combine(RepoPaths.Artifacts, "thunks", "host"), Path.Combine(_root, "artifacts", "thunks", "host"));
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "plugin"));
        File.CreateSymbolicLink(Path.Combine(_root, "artifacts", "plugin", "libdlcall.so"), RepoPaths.Plugin);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The executable, not ./dlcall: the wrapper sets DLCALL_ROOT to its own clone.
    private ProcessResult Run(string program) =>
        ProcessRunner.Run(RepoPaths.Require("cli", "dlcall"), ["run", "--passthrough", "all", "-v", "--", program],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_ROOT"] = _root });

    [Fact]
    public void ARewrittenSpecIsReadAgain()
    {
        string program = RepoPaths.Require("zlib", "aarch64", "zerrno");
        var first = Run(program);
        Assert.True(first.ExitCode == 0, first.ToString());
        string overlay = Path.Combine(_root, "artifacts", "run", "aarch64", "zlib");
        Assert.Equal(Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libz.so.1"),
            new FileInfo(Path.Combine(overlay, "libz.so.1")).LinkTarget);

        // Another soname: the overlay must name the stub by the new one, so the cached names are stale.
        string spec = Path.Combine(_root, "thunks", "zlib", "spec.json");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("\"libz.so.1\"", "\"libzrenamed.so.1\""));
        File.SetLastWriteTimeUtc(spec, DateTime.UtcNow.AddMinutes(1));
        File.Copy(Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libz.so.1"),
            Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libzrenamed.so.1"));
        var second = Run(program);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(Path.Combine(overlay, "libzrenamed.so.1")), second.ToString());
    }

    [Fact]
    public void ARemovedStubIsGeneratedAgain()
    {
        string program = RepoPaths.Require("zlib", "aarch64", "zerrno");
        var first = Run(program);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("generating", first.StderrText);

        string stub = Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libz.so.1");
        File.Delete(stub);
        var second = Run(program);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("dlcall: generating the zlib stub for aarch64", second.StderrText);
        Assert.True(File.Exists(stub));
        Assert.Contains("PASS", second.StdoutText);
    }

    [Fact]
    public void ARemovedStubEndsTheRecordedLaunch()
    {
        // dlcall-run (what ./dlcall run starts): the full CLI records the launch, the next run uses it...
        string program = RepoPaths.Require("zlib", "aarch64", "zerrno");
        var first = WarmRun(program);
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = WarmRun(program);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("dlcall-run: started from the recorded launch", second.StderrText);

        // ...until an input changes: then the full CLI runs it, and regenerates what is gone.
        string stub = Path.Combine(_root, "artifacts", "thunks", "aarch64", "lib", "libz.so.1");
        File.Delete(stub);
        var third = WarmRun(program);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("dlcall-run: handing over to the full CLI", third.StderrText);
        Assert.Contains("dlcall: generating the zlib stub for aarch64", third.StderrText);
        Assert.Contains("PASS", third.StdoutText);
        Assert.Contains("dlcall-run: started from the recorded launch", WarmRun(program).StderrText);
    }

    private ProcessResult WarmRun(string program) =>
        ProcessRunner.Run(RepoPaths.Require("cli", "dlcall-run"), ["run", "--passthrough", "all", "--", program],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_ROOT"] = _root, ["DLCALL_RUN_TRACE"] = "1" });

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (string d in Directory.EnumerateDirectories(from)) CopyDir(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
