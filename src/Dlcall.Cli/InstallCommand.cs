// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall install [--prefix ~/.local]</c>: puts <c>dlcall</c> on PATH as PREFIX/bin/dlcall, a
/// symbolic link to this clone's artifacts/cli/dlcall-run: a command starts with no shell in
/// between (a shell script would cost a process start, a few ms on each `dlcall run`). The clone
/// stays where the data is (specs, scripts, artifacts/, the QEMU and guest-root caches it names):
/// dlcall-run finds it from its own resolved path, and publishes itself again through ./dlcall
/// after a pull.
/// </summary>
internal static class InstallCommand
{
    // The line that marked the two-line script earlier versions installed: replaced like a link of ours.
    private const string Marker = "# installed by `dlcall install`";

    public static Command Create()
    {
        var prefix = new Option<string>("--prefix")
        {
            Description = "install to PREFIX/bin/dlcall",
            DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".local"),
        };
        var cmd = new Command("install", "put dlcall on PATH (PREFIX/bin/dlcall, a link to this clone's dlcall-run, works from any directory)");
        cmd.Options.Add(prefix);
        cmd.SetAction(pr => Run(Path.GetFullPath(pr.GetValue(prefix)!)));
        return cmd;
    }

    private static int Run(string prefix)
    {
        string exe = Path.Combine(RepoLayout.Artifacts, "cli", "dlcall-run");
        if (!File.Exists(Path.Combine(RepoLayout.Root, "dlcall")) || !File.Exists(exe))
            return Fail($"{RepoLayout.Root} is not a built dlcall clone (no ./dlcall or {exe}): run install from the clone's ./dlcall");
        string bin = Path.Combine(prefix, "bin");
        string target = Path.Combine(bin, "dlcall");
        if (!IsOurs(target)) return Fail($"{target} exists and is not one dlcall install wrote: remove it first");
        try
        {
            Directory.CreateDirectory(bin);
            // Made aside, then renamed in: a dlcall starting meanwhile sees the old or the new one.
            string temp = $"{target}.{Environment.ProcessId}.tmp";
            File.Delete(temp);
            File.CreateSymbolicLink(temp, exe);
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write {target}: {e.Message}");
        }
        Console.WriteLine(target);
        bool onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.TrimEnd('/') == bin);
        if (!onPath) Console.Error.WriteLine($"dlcall install: {bin} is not on PATH: add it (e.g. in ~/.profile: export PATH=\"{bin}:$PATH\")");
        return 0;
    }

    /// <summary>Nothing there, a link to some clone's dlcall-run, or the script an earlier install wrote.</summary>
    private static bool IsOurs(string target)
    {
        var info = new FileInfo(target);
        if (info.LinkTarget is { } link) return link.EndsWith("/artifacts/cli/dlcall-run", StringComparison.Ordinal);
        if (!info.Exists) return !Directory.Exists(target);
        try
        {
            return File.ReadLines(target).Take(3).Any(l => l.StartsWith(Marker, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall install: " + message);
        return 2;
    }
}
