// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.Cli;

var root = new RootCommand("dlcall: emulated programs calling the host's native libraries");
var run = RunCommand.Create();
root.Subcommands.Add(GenCommand.Create());
root.Subcommands.Add(run);
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(InstallCommand.Create());
root.Subcommands.Add(CacheCommand.Create());
root.Subcommands.Add(ScriptCommands.Setup());
root.Subcommands.Add(ScriptCommands.Sysroot());
root.Subcommands.Add(ScriptCommands.Bench());
try
{
    // Our own handler, not System.CommandLine's, which prints "Unhandled exception" and a stack trace.
    var parsed = root.Parse(ProgramArguments.EndOptionsAtProgram(args, run));
    if (parsed.Errors.Count > 0)
    {
        // One line per mistake and where help is, not System.CommandLine's full help page after them.
        var names = new List<string>();
        for (var c = parsed.CommandResult; c != null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, c.Command is RootCommand ? "dlcall" : c.Command.Name);
        string command = string.Join(" ", names);
        foreach (var error in parsed.Errors) Console.Error.WriteLine($"{command}: {error.Message}");
        var subcommands = parsed.CommandResult.Command.Subcommands.Select(c => c.Name).ToList();
        Console.Error.WriteLine($"{command}: see {command} --help" + (subcommands.Count > 0 ? $" (commands: {string.Join(", ", subcommands)})" : ""));
        return 2;
    }
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    // Whatever a command did not turn into a message of its own: one line, and the details on request.
    Console.Error.WriteLine($"dlcall: {e.Message} ({e.GetType().Name}; DLCALL_DEBUG=1 shows where)");
    if (Environment.GetEnvironmentVariable("DLCALL_DEBUG") is { Length: > 0 }) Console.Error.WriteLine(e);
    return 2;
}
