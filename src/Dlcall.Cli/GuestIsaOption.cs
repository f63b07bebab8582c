// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

// Apart from GuestIsa.cs, which the small dlcall-run links (src/Dlcall.Cli.Run): it has no System.CommandLine.
internal sealed partial record GuestIsa
{
    /// <summary>
    /// A --arch option whose value is QEMU's name, whichever name was typed. It accepts
    /// <paramref name="choices"/> (plus <paramref name="extra"/>, e.g. auto) and lists them in --help.
    /// </summary>
    public static Option<string> Option(string description, IReadOnlyList<GuestIsa> choices, string defaultValue, params string[] extra)
    {
        string[] names = [.. extra, .. choices.SelectMany(c => c.Names)];
        var option = new Option<string>("--arch")
        {
            Description = description,
            HelpName = string.Join("|", names),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                string typed = r.Tokens.Count > 0 ? r.Tokens[^1].Value : defaultValue;
                if (extra.Contains(typed)) return typed;
                if (Find(typed) is { } isa && choices.Contains(isa)) return isa.Qemu;
                string why = Find(typed) is { } other ? $"{other} is not one this command handles" : "unknown architecture";
                r.AddError($"--arch '{typed}': {why}; use one of {string.Join(", ", names)}");
                return null;
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }
}
