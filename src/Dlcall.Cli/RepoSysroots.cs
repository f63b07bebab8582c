// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli;

/// <summary>Guest roots and libraries: via the project's scripts, their answers cached in <see cref="RunCache"/>.</summary>
public static partial class RepoLayout
{
    /// <summary>A guest root with <paramref name="packages"/> (scripts/guest-sysroot.sh), or an error.</summary>
    internal static (string? Dir, string Error) Sysroot(string isa, params string[] packages)
    {
        if (GuestIsa.Find(isa) is not { } guest || !GuestIsa.Guests.Contains(guest))
            return (null, $"there are guest roots for {string.Join(", ", GuestIsa.Guests)} only, not {isa}");
        string script = Path.Combine(Root, "scripts", "guest-sysroot.sh");
        // The script's answer depends on it, the package set and where its cache is.
        string key = string.Join("\n", new[] { guest.Debian, "DLCALL_CACHE=" + Environment.GetEnvironmentVariable("DLCALL_CACHE"),
            "XDG_CACHE_HOME=" + Environment.GetEnvironmentVariable("XDG_CACHE_HOME"), "HOME=" + Environment.GetEnvironmentVariable("HOME") }
            .Concat(packages.Order(StringComparer.Ordinal).Distinct()));
        string error = "";
        var lines = RunCache.Get("sysroot", key, [script], () =>
        {
            var (code, dir, err) = Progress.Step($"building the {guest.Debian} guest root ({packages.Length} package(s) and what they need)",
                () => ChildProcess.Capture("bash", [script, guest.Debian, .. packages]), r => r.Item1 != 0);
            error = err.Trim();
            return code == 0 ? [dir.Trim()] : null;
        }, v => v.Count == 1 && File.Exists(Path.Combine(v[0], ".dlcall-complete")));
        return lines is null ? (null, error) : (lines[0], "");
    }

    /// <summary>The first of lib/&lt;triple&gt;/NAME and usr/lib/&lt;triple&gt;/NAME under <paramref name="root"/>.</summary>
    internal static string? FindLibrary(string root, string triple, string name) =>
        new[] { "lib", "usr/lib" }.Select(d => Path.Combine(root, d, triple, name)).FirstOrDefault(File.Exists);
}
