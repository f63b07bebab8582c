// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>
/// The arguments after qemu-&lt;isa&gt; that run a guest program: [QEMU options] [-L root]
/// (-plugin spec)* [-E LD_LIBRARY_PATH=stubs] [-E LD_PRELOAD=lib] (-E NAME=value)* program args. The one place they are
/// put together: <see cref="GuestLaunch"/> (dlcall run, the benches) and the tests' guest launcher
/// (tests/Dlcall.TestSupport/GuestCommand.cs) use it.
/// </summary>
public sealed record QemuCommand
{
    /// <summary>QEMU's own options, first (-B, -d plugin, -D file...).</summary>
    public IReadOnlyList<string> QemuOptions { get; init; } = [];

    /// <summary>The guest root (-L), or null for none.</summary>
    public string? Root { get; init; }

    /// <summary>-plugin values, in order (<see cref="PluginSpec"/>).</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>The guest's LD_LIBRARY_PATH (the stub overlay first), or null to leave it.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>The guest's LD_PRELOAD (the memfuncs interposer), or null to leave it.</summary>
    public string? Preload { get; init; }

    /// <summary>Further guest environment (-E NAME=value), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>artifacts/plugin/libdlcall.so.</summary>
    public static string Plugin => Path.Combine(RepoLayout.Artifacts, "plugin", "libdlcall.so");

    /// <summary>libdlcall.so with its options ("stats=on", ...) as -plugin takes them.</summary>
    public static string PluginSpec(IEnumerable<string>? options = null)
    {
        string joined = string.Join(",", options ?? []);
        return joined.Length > 0 ? Plugin + "," + joined : Plugin;
    }

    /// <summary>The arguments for <paramref name="command"/> (program and its arguments).</summary>
    public List<string> Args(IEnumerable<string> command)
    {
        var args = new List<string>(QemuOptions);
        if (Root != null) args.AddRange(["-L", Root]);
        foreach (string spec in Plugins) args.AddRange(["-plugin", spec]);
        if (LibraryPath != null) args.AddRange(["-E", "LD_LIBRARY_PATH=" + LibraryPath]);
        if (Preload != null) args.AddRange(["-E", "LD_PRELOAD=" + Preload]);
        foreach (var (k, v) in Env) args.AddRange(["-E", $"{k}={v}"]);
        args.AddRange(command);
        return args;
    }
}
