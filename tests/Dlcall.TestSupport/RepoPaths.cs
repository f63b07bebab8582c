// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Cli;

namespace Dlcall.TestSupport;

/// <summary>Where the repository, its artifacts and the QEMU build are.</summary>
public static class RepoPaths
{
    /// <summary>The clone's root (the directory holding Dlcall.slnx), found as the CLI finds it.</summary>
    public static string Root => RepoLayout.Root;

    /// <summary>artifacts/ in the clone: everything the build scripts produce.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The published NativeAOT plugin.</summary>
    public static string Plugin => QemuCommand.Plugin;

    /// <summary>The directory with bin/qemu-&lt;arch&gt;: $DLCALL_QEMU_DIR or the cached build.</summary>
    public static string QemuDir { get; } = FindQemu();

    /// <summary>An artifact that must exist: a missing one means the test script was skipped.</summary>
    public static string Require(params string[] parts)
    {
        string path = Path.Combine([Artifacts, .. parts]);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: run ./test.sh, which builds it", path);
        return path;
    }

    private static string FindQemu()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("DLCALL_QEMU_DIR");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        var result = ProcessRunner.Run("bash", [Path.Combine(Root, "native/qemu/build-qemu.sh"), "--print-dir"]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException("QEMU is not built: run native/qemu/build-qemu.sh (./test.sh does)");
        return result.StdoutText.Trim();
    }
}
