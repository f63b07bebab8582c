// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall install [--prefix ~/.local]</c>: puts <c>dlcall</c> on PATH as PREFIX/bin/dlcall, a
/// two-line script that execs this clone's ./dlcall. The clone stays where the data is (specs,
/// scripts, artifacts/, the QEMU and guest-root caches it names), and its wrapper keeps rebuilding
/// the executable after a pull; from anywhere, `dlcall` is the clone's. The cost is one POSIX sh
/// start, about a millisecond.
/// </summary>
internal static class InstallCommand
{
    // The line that marks a file as ours: install replaces such a file, never another.
    private const string Marker = "# installed by `dlcall install`";

    public static Command Create()
    {
        var prefix = new Option<string>("--prefix")
        {
            Description = "install to PREFIX/bin/dlcall",
            DefaultValueFactory = _ => Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".local"),
        };
        var cmd = new Command("install", "put dlcall on PATH (PREFIX/bin/dlcall runs this clone's ./dlcall from any directory)");
        cmd.Options.Add(prefix);
        cmd.SetAction(pr => Run(Path.GetFullPath(pr.GetValue(prefix)!)));
        return cmd;
    }

    private static int Run(string prefix)
    {
        string wrapper = Path.Combine(RepoLayout.Root, "dlcall");
        if (!File.Exists(wrapper)) return Fail($"{RepoLayout.Root} is not a dlcall clone (no ./dlcall): run install from the clone's ./dlcall");
        string bin = Path.Combine(prefix, "bin");
        string target = Path.Combine(bin, "dlcall");
        if (File.Exists(target) && !File.ReadLines(target).Take(3).Any(l => l.StartsWith(Marker, StringComparison.Ordinal)))
            return Fail($"{target} exists and is not one dlcall install wrote: remove it first");
        string script = $"#!/bin/sh\n{Marker} from {RepoLayout.Root}: the clone holds dlcall's data.\nexec {Quote(wrapper)} \"$@\"\n";
        try
        {
            Directory.CreateDirectory(bin);
            // Written aside, then renamed in: a dlcall starting meanwhile sees the old or the new one.
            string temp = $"{target}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, script);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, (UnixFileMode)0b111_101_101); // rwxr-xr-x
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

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall install: " + message);
        return 2;
    }
}
