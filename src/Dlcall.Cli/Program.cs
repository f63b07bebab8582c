// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.Cli;

var root = new RootCommand("dlcall: emulated programs calling the host's native libraries");
root.Subcommands.Add(GenCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(ScriptCommands.Setup());
root.Subcommands.Add(ScriptCommands.Sysroot());
root.Subcommands.Add(ScriptCommands.Bench());
return root.Parse(args).Invoke();
