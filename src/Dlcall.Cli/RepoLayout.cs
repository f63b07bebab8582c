// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>Where things are: the clone, its artifacts, guest sysroots (RepoSysroots.cs; apart, as the
/// small dlcall-run links this file and runs no script).</summary>
public static partial class RepoLayout
{
    /// <summary>The clone: $DLCALL_ROOT, else the first directory above the program with Dlcall.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>artifacts/ in the clone.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Debian's name of guest ISA <paramref name="isa"/> (arm64 for aarch64), as the guest
    /// roots are built; <paramref name="isa"/> itself when dlcall does not know it.</summary>
    public static string DebianArch(string isa) => GuestIsa.Find(isa)?.Debian ?? isa;

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
