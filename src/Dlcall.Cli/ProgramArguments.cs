// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

/// <summary>
/// For <c>dlcall run</c>, everything from the program on is the program's, as for env, nohup or
/// qemu itself: <c>dlcall run PROG --help</c> passes --help to PROG. System.CommandLine 2.0 has
/// no "stop at the first positional" switch (it takes options from anywhere), so this finds the
/// program first and puts the "--" before it that makes the parser leave the rest alone.
/// </summary>
internal static class ProgramArguments
{
    public static string[] EndOptionsAtProgram(string[] args, Command run)
    {
        if (args.Length == 0 || args[0] != run.Name) return args;
        for (int i = 1; i < args.Length; i++)
        {
            string token = args[i];
            if (token == "--") return args; // the user said where the program starts
            if (!token.StartsWith('-') || token == "-") return [.. args[..i], "--", .. args[i..]];
            if (token.Contains('=')) continue; // --arch=arm64
            var option = run.Options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token));
            if (option is null || option.Arity.MaximumNumberOfValues == 0) continue; // a flag, or the parser's error
            // A bool option (--stats) takes a value only when one is written out.
            bool takesNext = option.ValueType != typeof(bool) || (i + 1 < args.Length && args[i + 1] is "true" or "false");
            if (takesNext) i++;
        }
        return args;
    }
}
