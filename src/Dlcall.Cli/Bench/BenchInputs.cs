// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Build;

namespace Dlcall.Cli.Bench;

/// <summary>
/// The benchmark's inputs, made once and cached in artifacts/bench/inputs: SIZE MiB of deterministic
/// mixed data (tests/zlib/gen-input.c), and per workload whatever its prepare command makes of it
/// (a .gz to decompress, an SQL script...), made natively on the host.
/// </summary>
internal static class BenchInputs
{
    private static string Dir => Path.Combine(RepoLayout.Artifacts, "bench", "inputs");

    /// <summary>The input file of <paramref name="w"/> at <paramref name="mib"/> MiB, or an error.</summary>
    public static (string? Path, string Error) For(Workload w, int mib)
    {
        var (raw, rawErr) = Raw(mib);
        if (raw is null || w.Prepare is null) return (raw, rawErr);
        string path = Path.Combine(Dir, $"{w.Slug}-{mib}.in");
        if (File.Exists(path)) return (path, "");
        string tmp = path + ".tmp";
        string cmd = w.Prepare.Replace("{raw}", Quote(raw)).Replace("{input}", Quote(tmp)).Replace("{root}", Quote(RepoLayout.Root));
        var (code, err) = Shell(cmd);
        if (code != 0) return (null, $"preparing the input of '{w.Name}' ({cmd}) failed: {err}");
        File.Move(tmp, path, true);
        return (path, "");
    }

    private static (string? Path, string Error) Raw(int mib)
    {
        string path = Path.Combine(Dir, $"raw-{mib}.bin");
        if (File.Exists(path)) return (path, "");
        Directory.CreateDirectory(Dir);
        string gen = Path.Combine(RepoLayout.Artifacts, "bench", "gen-input");
        if (!File.Exists(gen))
        {
            var (cc, ccErr) = Shell($"gcc -O2 -o {Quote(gen)} {Quote(Path.Combine(RepoLayout.Root, "tests/zlib/gen-input.c"))}");
            if (cc != 0) return (null, "cannot build gen-input: " + ccErr);
        }
        var (code, err) = Shell($"{Quote(gen)} {mib} {Quote(path)}");
        return code == 0 ? (path, "") : (null, "gen-input failed: " + err);
    }

    private static (int Code, string Stderr) Shell(string command)
    {
        var (code, _, err) = ChildProcess.Capture("bash", ["-c", "set -o pipefail; " + command]);
        return (code, err.Trim());
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
