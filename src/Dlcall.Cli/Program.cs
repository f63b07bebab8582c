// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.Cli;

var root = new RootCommand("dlcall: emulated programs calling the host's native libraries");
root.Subcommands.Add(GenCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
return root.Parse(args).Invoke();
