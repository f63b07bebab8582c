// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// The built dlcall-run checks itself whether a source is newer (no shell does on the way to a warm
/// run): in a clone made up around a copy of it, whose ./dlcall and full CLI are scripts saying how
/// they were called, a newer source sends it back to ./dlcall with DLCALL_REBUILD=1, and anything
/// else goes to the full CLI.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CliBuildTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dlcall-clone-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Exe => Path.Combine(_root, "artifacts", "cli", "dlcall-run");

    private void Script(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + text);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private DateTime MakeClone()
    {
        File.WriteAllText(Path.Combine(_root, "Dlcall.slnx"), "");
        Script(Path.Combine(_root, "dlcall"), "echo \"wrapper rebuild=$DLCALL_REBUILD $*\"\n");
        Script(Path.Combine(_root, "artifacts", "cli", "dlcall"), "echo \"full cli $* fresh=${DLCALL_FRESH-unset}\"\n");
        File.Copy(RepoPaths.Require("cli", "dlcall-run"), Exe);
        string source = Path.Combine(_root, "src", "Dlcall.Cli", "Bench", "Some.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, "");
        var built = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(source, built.AddMinutes(-1));
        File.SetLastWriteTimeUtc(Exe, built);
        return built;
    }

    // DLCALL_ROOT elsewhere, as tests with a private clone set it: the check is of the clone the
    // executable was published in.
    private ProcessResult Run(IDictionary<string, string>? env = null) =>
        ProcessRunner.Run(Exe, ["doctor", "--verbose"], TimeSpan.FromMinutes(1),
            new Dictionary<string, string>(env ?? new Dictionary<string, string>()) { ["DLCALL_ROOT"] = Path.GetTempPath() });

    [Fact]
    public void ANewerSourceSendsItBackToTheWrapper()
    {
        var built = MakeClone();
        var current = Run();
        Assert.Equal("full cli doctor --verbose fresh=unset\n", current.StdoutText);

        // In a subdirectory, as Bench/ is; bin/ and obj/ are build output, never sources.
        File.SetLastWriteTimeUtc(Path.Combine(_root, "src", "Dlcall.Cli", "Bench", "Some.cs"), built.AddMinutes(1));
        Assert.Equal("wrapper rebuild=1 doctor --verbose\n", Run().StdoutText);
        // What ./dlcall says after publishing: no second check, and the variable goes no further.
        Assert.Equal("full cli doctor --verbose fresh=unset\n", Run(new Dictionary<string, string> { ["DLCALL_FRESH"] = "1" }).StdoutText);
    }

    [Theory]
    [InlineData("src/Dlcall.Cli/obj/Release/Generated.cs", false)]
    [InlineData("src/Dlcall.ThunkGen/Emit/New.cs", true)]
    [InlineData("src/Dlcall.Cli.Run/Program.cs", true)]
    [InlineData("src/Dlcall.Plugin/Plugin.cs", false)]
    [InlineData("src/Dlcall.ThunkGen/Dlcall.ThunkGen.csproj", true)]
    [InlineData("Directory.Packages.props", true)]
    public void WhatCountsAsASource(string path, bool rebuilds)
    {
        var built = MakeClone();
        string file = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "");
        File.SetLastWriteTimeUtc(file, built.AddMinutes(1));
        Assert.Equal(rebuilds, Run().StdoutText.StartsWith("wrapper rebuild=1", StringComparison.Ordinal));
    }

    /// <summary>Issue 13: after its first check dlcall-run stats the sources listed beside it
    /// instead of walking src/ (artifacts/cli/dlcall-run.sources). Whatever changes a source is
    /// still seen: a listed file made newer or removed, a file added with an old time (a directory's
    /// time moved), one in a new subdirectory; an unrelated file only rewrites the list.</summary>
    [Fact]
    public void TheListedSourcesStillSeeEveryChange()
    {
        var built = MakeClone();
        string list = Exe + ".sources";
        string some = Path.Combine(_root, "src", "Dlcall.Cli", "Bench", "Some.cs");
        Assert.Equal("full cli doctor --verbose fresh=unset\n", Run().StdoutText);
        Assert.Contains("F\tsrc/Dlcall.Cli/Bench/Some.cs\n", File.ReadAllText(list));
        bool Rebuilds() => Run().StdoutText.StartsWith("wrapper rebuild=1", StringComparison.Ordinal);

        // A listed source made newer, then as it was.
        File.SetLastWriteTimeUtc(some, built.AddMinutes(1));
        Assert.True(Rebuilds());
        File.SetLastWriteTimeUtc(some, built.AddMinutes(-1));
        Assert.False(Rebuilds());

        // An unrelated file beside the sources: a walk, which finds nothing and rewrites the list.
        string before = File.ReadAllText(list);
        File.WriteAllText(Path.Combine(_root, "src", "Dlcall.Cli", "Bench", ".Some.cs.swp"), "");
        Assert.False(Rebuilds());
        Assert.NotEqual(before, File.ReadAllText(list));
        Assert.DoesNotContain(".swp", File.ReadAllText(list));

        // A source added with an old time, as cp -p or a restore leave it.
        string added = Path.Combine(_root, "src", "Dlcall.Cli", "Added.cs");
        File.WriteAllText(added, "");
        File.SetLastWriteTimeUtc(added, built.AddMinutes(-5));
        Assert.True(Rebuilds());
        File.Delete(added);
        Assert.False(Rebuilds());

        // A source in a new subdirectory.
        string nested = Path.Combine(_root, "src", "Dlcall.ThunkGen", "New", "Deeper.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        File.WriteAllText(nested, "");
        File.SetLastWriteTimeUtc(nested, built.AddMinutes(-5));
        Assert.True(Rebuilds());
        Directory.Delete(Path.GetDirectoryName(nested)!, recursive: true);
        Assert.False(Rebuilds());

        // A listed source removed.
        File.Delete(some);
        Assert.True(Rebuilds());
    }

    [Fact]
    public void AMissingFullCliIsRebuilt()
    {
        MakeClone();
        File.Delete(Path.Combine(_root, "artifacts", "cli", "dlcall"));
        Assert.Equal("wrapper rebuild=1 doctor --verbose\n", Run().StdoutText);
    }

    /// <summary>A `dotnet` that publishes each project in <paramref name="seconds"/> as the real one
    /// would (scripts in -o DIR), or fails, first on PATH for ./dlcall's first build.</summary>
    private Dictionary<string, string> FakeDotnet(int seconds, bool fail = false)
    {
        string bin = Path.Combine(_root, "fake-bin");
        Script(Path.Combine(bin, "dotnet"), $$"""
            out=; prev=; for a; do [ "$prev" = -o ] && out=$a; prev=$a; done
            sleep {{seconds}}
            {{(fail ? "echo 'error CS1002: ; expected'; exit 1" : "")}}
            mkdir -p "$out"
            case $2 in
            */Dlcall.Cli.Run) printf '#!/bin/sh\necho "built cli $*"\n' >"$out/dlcall-run"; chmod +x "$out/dlcall-run" ;;
            *) printf '#!/bin/sh\n' >"$out/dlcall"; chmod +x "$out/dlcall" ;;
            esac

            """);
        return new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
    }

    private ProcessResult FirstBuild(Dictionary<string, string> env)
    {
        string wrapper = Path.Combine(_root, "dlcall");
        File.Copy(Path.Combine(RepoPaths.Root, "dlcall"), wrapper);
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        return ProcessRunner.Run(wrapper, ["doctor"], TimeSpan.FromMinutes(1), env);
    }

    /// <summary>Issue 13: the first ./dlcall (a minute of dotnet publish) shows the elapsed time,
    /// in plain lines when stderr is not a terminal, and ends with how long it took.</summary>
    [Fact]
    public void TheFirstBuildShowsTheElapsedTime()
    {
        var r = FirstBuild(FakeDotnet(seconds: 6));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("built cli doctor\n", r.StdoutText);
        var lines = r.StderrText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dlcall: building the command line (NativeAOT, about a minute on first use)...", lines[0]);
        Assert.Matches(@"^dlcall: building the command line: 1\d s\.\.\.$", lines[1]);
        Assert.Matches(@"^dlcall: building the command line: done in 1\d s$", lines[^1]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\r', r.StderrText); // no terminal: no line rewritten in place
    }

    [Fact]
    public void AFailedFirstBuildSaysHowLongAndWhatDotnetSaid()
    {
        var r = FirstBuild(FakeDotnet(seconds: 1, fail: true));
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"dlcall: building the command line: failed after \d+ s; dotnet said:\nerror CS1002: ; expected\n", r.StderrText);
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts", "cli")));
    }
}
