// SPDX-License-Identifier: GPL-2.0-or-later
using System.Diagnostics;

namespace Dlcall.Cli;

/// <summary>Where things are: the clone, its artifacts, guest sysroots (via the project's scripts).</summary>
internal static class RepoLayout
{
    /// <summary>The clone: $DLCALL_ROOT, else the first directory above the program with Dlcall.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The Debian architecture name of a guest ISA.</summary>
    public static string DebianArch(string isa) => isa switch
    {
        "aarch64" => "arm64",
        "riscv64" => "riscv64",
        _ => throw new ArgumentException($"unsupported guest ISA '{isa}' (aarch64, riscv64)"),
    };

    /// <summary>A guest root with <paramref name="packages"/> (scripts/guest-sysroot.sh), or an error.</summary>
    public static (string? Dir, string Error) Sysroot(string isa, params string[] packages)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(Root, "scripts", "guest-sysroot.sh"));
        psi.ArgumentList.Add(DebianArch(isa));
        foreach (string p in packages) psi.ArgumentList.Add(p);
        using var proc = Process.Start(psi)!;
        // stderr on a thread of its own, joined here: `dlcall run` execs QEMU next, and no
        // thread-pool work may still be running then (a worker allocating while the process execs
        // has aborted the runtime with "Out of memory.").
        string err = "";
        var errReader = new Thread(() => err = proc.StandardError.ReadToEnd()) { IsBackground = true };
        errReader.Start();
        string dir = proc.StandardOutput.ReadToEnd().Trim();
        proc.WaitForExit();
        errReader.Join();
        return proc.ExitCode == 0 ? (dir, "") : (null, err.Trim());
    }

    /// <summary>The first of lib/&lt;triple&gt;/NAME and usr/lib/&lt;triple&gt;/NAME under <paramref name="root"/>.</summary>
    public static string? FindLibrary(string root, string triple, string name) =>
        new[] { "lib", "usr/lib" }.Select(d => Path.Combine(root, d, triple, name)).FirstOrDefault(File.Exists);

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("DLCALL_ROOT");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Dlcall.slnx"))) return d.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
