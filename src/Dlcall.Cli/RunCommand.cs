// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall run [--arch auto] [--passthrough zlib,...|all|none] [--sysroot DIR] -- program args</c>:
/// runs an unmodified foreign program under the right QEMU, with the plugin and, for the chosen
/// libraries only, the generated stubs ahead of the guest root's real libraries.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = "guest ISA, or auto (from the program's ELF header)", DefaultValueFactory = _ => "auto" };
        var passthrough = new Option<string>("--passthrough") { Description = "libraries to run on the host: a comma list, all, or none (fully emulated)", DefaultValueFactory = _ => "all" };
        var sysroot = new Option<string?>("--sysroot") { Description = "guest root for QEMU's -L (default: Debian's, built by scripts/guest-sysroot.sh)" };
        var command = new Argument<string[]>("program") { Description = "the guest program and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("run", "run a foreign-architecture program with host libraries passed through");
        cmd.Options.Add(arch);
        cmd.Options.Add(passthrough);
        cmd.Options.Add(sysroot);
        cmd.Arguments.Add(command);
        cmd.SetAction(pr => Run(pr.GetValue(command)!, pr.GetValue(arch)!, pr.GetValue(passthrough)!, pr.GetValue(sysroot)));
        return cmd;
    }

    private static int Run(string[] command, string archOption, string passthrough, string? sysrootOption)
    {
        string program = command[0];
        if (!File.Exists(program)) return Fail($"no such program: {program}");
        string isa = archOption;
        if (isa == "auto")
        {
            var (detected, why) = GuestElf.Detect(program);
            if (detected is null) return Fail($"{program}: {why}");
            isa = detected;
        }
        var libs = GuestLaunch.Libraries(passthrough, out string? libError);
        if (libs is null) return Fail(libError!);
        var (launch, error) = GuestLaunch.Prepare(command, isa, libs, sysrootOption);
        if (launch is null) return Fail(error);
        string execError = PosixExec.Exec(launch.Qemu, launch.Args.ToList());
        return Fail($"cannot run {launch.Qemu}: {execError}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall run: " + message);
        return 2;
    }
}
