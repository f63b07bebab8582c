// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>
/// The QEMU command line this process was started with (<c>/proc/self/cmdline</c>), split the
/// way QEMU's linux-user/main.c parses it, so an exec the plugin follows can start the same QEMU
/// with the same options. Read once at install, whoever started QEMU: <c>dlcall run</c>, a user
/// by hand, or the plugin itself for a parent.
/// </summary>
/// <param name="Kept">QEMU's argv[0] and the options a child keeps, paths made absolute.</param>
/// <param name="Root">The absolute guest root of <c>-L</c> (or QEMU_LD_PREFIX), null without one.</param>
/// <param name="Program">The guest program as QEMU was given it.</param>
internal sealed record QemuCommandLine(IReadOnlyList<byte[]> Kept, byte[]? Root, byte[] Program)
{
    /// <summary>
    /// linux-user/main.c's arg_table (QEMU 10.2): every option and whether it takes a value.
    /// An option missing here ends the parse, as QEMU itself would have refused it.
    /// </summary>
    private static readonly Dictionary<string, bool> s_takesValue = new()
    {
        ["h"] = false, ["help"] = false, ["g"] = true, ["L"] = true, ["s"] = true, ["cpu"] = true,
        ["E"] = true, ["U"] = true, ["0"] = true, ["r"] = true, ["B"] = true, ["R"] = true,
        ["t"] = true, ["d"] = true, ["dfilter"] = true, ["D"] = true, ["one-insn-per-tb"] = false,
        ["tb-size"] = true, ["strace"] = false, ["seed"] = true, ["trace"] = true, ["plugin"] = true,
        ["version"] = false, ["xtensa-abi-call0"] = false, ["perfmap"] = false, ["jitdump"] = false,
    };

    /// <summary>
    /// Options a child does not get: -E/-U/-0 shaped the parent's guest environment and argv[0],
    /// which the exec'ing guest now gives itself; -g would make every child wait for a debugger
    /// on the parent's port.
    /// </summary>
    private static readonly HashSet<string> s_dropped = ["E", "U", "0", "g"];

    /// <summary>Splits <paramref name="argv"/> (QEMU's, argv[0] first); relative paths are made
    /// absolute against <paramref name="cwd"/>, since a child may run elsewhere. Null when no
    /// program follows the options.</summary>
    public static QemuCommandLine? Parse(IReadOnlyList<byte[]> argv, byte[] cwd, byte[]? envLdPrefix)
    {
        if (argv.Count == 0) return null;
        var kept = new List<byte[]> { argv[0] };
        byte[]? root = envLdPrefix is { Length: > 0 } ? envLdPrefix : null;
        int i = 1;
        while (i < argv.Count && argv[i].Length > 0 && argv[i][0] == (byte)'-')
        {
            string name = System.Text.Encoding.UTF8.GetString(argv[i].AsSpan(1));
            i++;
            if (name == "-") break;
            if (name.StartsWith('-')) name = name[1..];
            if (!s_takesValue.TryGetValue(name, out bool takesValue)) return null;
            byte[]? value = null;
            if (takesValue)
            {
                if (i >= argv.Count) return null;
                value = argv[i++];
            }
            if (name == "L") root = value;
            if (s_dropped.Contains(name)) continue;
            kept.Add(argv[i - (takesValue ? 2 : 1)]);
            if (value is null) continue;
            kept.Add(name switch
            {
                "L" or "D" => Absolute(value, cwd),
                "plugin" => PluginFileAbsolute(value, cwd),
                _ => value,
            });
        }
        if (i >= argv.Count) return null;
        // QEMU's path() treats "" and "/" as no root, and a relative one against its start-up cwd.
        if (root is { Length: 0 } || (root is { Length: 1 } && root[0] == (byte)'/')) root = null;
        return new QemuCommandLine(kept, root is null ? null : Absolute(root, cwd), argv[i]);
    }

    /// <summary>cwd/path for a relative path.</summary>
    public static byte[] Absolute(byte[] path, byte[] cwd) =>
        path.Length > 0 && path[0] == (byte)'/' ? path : [.. cwd, (byte)'/', .. path];

    // "[file=]FILE[,opt=value...]": only FILE is a path.
    private static byte[] PluginFileAbsolute(byte[] value, byte[] cwd)
    {
        int comma = Array.IndexOf(value, (byte)',');
        ReadOnlySpan<byte> file = comma < 0 ? value : value.AsSpan(0, comma);
        ReadOnlySpan<byte> rest = comma < 0 ? default : value.AsSpan(comma);
        bool named = file.StartsWith("file="u8);
        if (named) file = file[5..];
        byte[] absolute = Absolute(file.ToArray(), cwd);
        return [.. named ? "file="u8 : default, .. absolute, .. rest];
    }
}
