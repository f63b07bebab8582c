// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Protocol;

namespace Dlcall.Plugin;

/// <summary>
/// Parses the plugin's argv (<c>-plugin libdlcall.so,opt1,opt2</c>). syscall_num and unknown
/// options behave exactly like the seed plugin: same acceptance rules, same messages byte for
/// byte. dlcall's own options (docs/Protocol.md, "Plugin options"): <c>allow=</c> and
/// <c>deny=</c> (repeatable, ':'-separated glob lists), <c>stats=</c>, <c>trace=</c> and
/// <c>follow_exec=</c> and <c>fast_path=</c> (on|off|true|false), <c>stats_file=</c> (a path). Works on bytes so that a message echoes the option as QEMU passed it,
/// whatever its encoding.
/// </summary>
internal static class OptionParser
{
    /// <summary>Parses <paramref name="options"/>; exactly one of the results is non-null.</summary>
    public static (PluginSettings? Settings, byte[]? Error) Parse(IReadOnlyList<byte[]> options)
    {
        var settings = PluginSettings.Default;
        foreach (byte[] option in options)
        {
            int eq = Array.IndexOf(option, (byte)'=');
            ReadOnlySpan<byte> name = eq < 0 ? option : option.AsSpan(0, eq);
            ReadOnlySpan<byte> value = eq < 0 ? default : option.AsSpan(eq + 1);

            if (name.SequenceEqual("syscall_num"u8))
            {
                if (eq < 0 || value.IsEmpty)
                    return (null, Message("missing value for syscall_num"u8));
                byte[]? error = ParseSyscallNumber(value, out long number);
                if (error != null) return (null, error);
                settings = settings with { SyscallNumber = number };
            }
            else if (name.SequenceEqual("allow"u8) || name.SequenceEqual("deny"u8))
            {
                var patterns = SplitPatterns(value);
                if (eq < 0 || patterns.Count == 0)
                    return (null, Message("missing value for "u8, name));
                settings = name[0] == (byte)'a'
                    ? settings with { Allow = [.. settings.Allow, .. patterns] }
                    : settings with { Deny = [.. settings.Deny, .. patterns] };
            }
            else if (name.SequenceEqual("stats"u8) || name.SequenceEqual("trace"u8) || name.SequenceEqual("follow_exec"u8)
                     || name.SequenceEqual("fast_path"u8))
            {
                bool? on = ParseBool(value);
                if (eq < 0 || on is null)
                    return (null, Message("invalid "u8, option, "; use on, off, true or false"u8));
                settings = name[0] == (byte)'s' ? settings with { Stats = on.Value }
                    : name[0] == (byte)'t' ? settings with { Trace = on.Value }
                    : name[1] == (byte)'a' ? settings with { FastPath = on.Value }
                    : settings with { FollowExec = on.Value };
            }
            else if (name.SequenceEqual("stats_file"u8))
            {
                if (eq < 0 || value.IsEmpty) return (null, Message("missing value for stats_file"u8));
                settings = settings with { StatsFile = value.ToArray() };
            }
            else
            {
                return (null, Message("unknown option '"u8, option, "'"u8));
            }
        }
        return (settings, null);
    }

    // "a:b::c" -> a, b, c: empty entries are no pattern.
    private static List<byte[]> SplitPatterns(ReadOnlySpan<byte> value)
    {
        var patterns = new List<byte[]>();
        foreach (Range r in value.Split((byte)':'))
        {
            if (!value[r].IsEmpty) patterns.Add(value[r].ToArray());
        }
        return patterns;
    }

    private static bool? ParseBool(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("on"u8) || value.SequenceEqual("true"u8) ? true
        : value.SequenceEqual("off"u8) || value.SequenceEqual("false"u8) ? false
        : null;

    private static byte[]? ParseSyscallNumber(ReadOnlySpan<byte> value, out long number)
    {
        number = 0;
        ulong parsed = GlibStrtoull.Parse(value, out int end);
        if (end != value.Length || value.Contains((byte)'-'))
            return Message("invalid syscall_num '"u8, value, "'"u8);
        // The seed prints the option's value as written ("%s", val), not the parsed number.
        if (parsed < SyscallNumbers.Minimum || parsed > long.MaxValue)
            return Message("syscall_num "u8, value,
                " is out of range; it must be >= 4096 to avoid clashing with a real syscall"u8);
        number = (long)parsed;
        return null;
    }

    /// <summary>"plugin dlcall: " + parts + "\n".</summary>
    public static byte[] Message(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b = default, ReadOnlySpan<byte> c = default)
    {
        ReadOnlySpan<byte> prefix = "plugin dlcall: "u8;
        byte[] message = new byte[prefix.Length + a.Length + b.Length + c.Length + 1];
        var span = message.AsSpan();
        prefix.CopyTo(span);
        span = span[prefix.Length..];
        a.CopyTo(span);
        b.CopyTo(span[a.Length..]);
        c.CopyTo(span[(a.Length + b.Length)..]);
        message[^1] = (byte)'\n';
        return message;
    }
}
