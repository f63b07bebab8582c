// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall run [--arch auto] [--passthrough zlib,...|all|none] [--sysroot DIR] [--allow PAT]
/// [--deny PAT] [--stats] [--stats-file FILE] [--memfuncs] [--no-follow-exec] [-v] -- program args</c>: runs an unmodified foreign
/// program under the right QEMU, with the plugin and, for the chosen libraries only, the generated
/// stubs ahead of the guest root's real libraries.
/// </summary>
/// <remarks>
/// A chosen library whose host build cannot serve the program (older than the guest's, see
/// ThunkGen/Compat/HostCompatibility.cs) stays emulated; -v or --stats says so, one line each.
/// With --allow/--deny, a library is passed through only when the policy allows its host
/// library's name (libz.so.1); a refused one stays emulated. The stub loads dlcall's own files
/// (the host runtime and the library's thunk library), which stand for the allowed library: they
/// are added to the allow list by exact path, and a --deny that would refuse them is an error.
/// </remarks>
internal static class RunCommand
{
    public static Command Create()
    {
        var arch = GuestIsa.Option("guest ISA, QEMU's or Debian's name, or auto (from the program's ELF header)", GuestIsa.All, "auto", "auto");
        var passthrough = new Option<string>("--passthrough") { Description = "libraries to run on the host: a comma list, all, or none (fully emulated)", DefaultValueFactory = _ => "all" };
        var sysroot = new Option<string?>("--sysroot") { Description = "guest root for QEMU's -L (default: Debian's, built by scripts/guest-sysroot.sh)" };
        var allow = new Option<string[]>("--allow") { Description = "host libraries the program may load (glob on the name or path given to dlopen; repeatable, ':' lists)" };
        var deny = new Option<string[]>("--deny") { Description = "host libraries the program may not load (wins over --allow)" };
        var stats = new Option<bool>("--stats") { Description = "at exit, print calls per library and symbol and the time spent on the host (stderr)" };
        var statsFile = new Option<string?>("--stats-file") { Description = "like --stats, into FILE: one report per process of the tree, appended" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "say which chosen libraries stay emulated and why (stderr)" };
        var memfuncs = new Option<bool>("--memfuncs") { Description = "also run the guest's memcpy, memmove, memset, memcmp and strlen on the host above a size threshold (measured slower on Debian's programs: docs/HowItWorks.md)" };
        var noFollow = new Option<bool>("--no-follow-exec") { Description = "leave the guest's execve to the host kernel, as bare QEMU does (children then run without QEMU unless binfmt_misc starts it)" };
        var command = new Argument<string[]>("program") { Description = "the guest program and its arguments: everything from the program on is the program's (-- before it is optional)", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("run", "run a foreign-architecture program with host libraries passed through");
        cmd.Options.Add(arch);
        cmd.Options.Add(passthrough);
        cmd.Options.Add(sysroot);
        cmd.Options.Add(allow);
        cmd.Options.Add(deny);
        cmd.Options.Add(stats);
        cmd.Options.Add(statsFile);
        cmd.Options.Add(memfuncs);
        cmd.Options.Add(noFollow);
        cmd.Options.Add(verbose);
        cmd.Arguments.Add(command);
        cmd.SetAction(pr =>
        {
            var (policy, policyError) = LibraryPolicy.Parse(pr.GetValue(allow) ?? [], pr.GetValue(deny) ?? []);
            if (policy is null) return Fail(policyError);
            string? file = pr.GetValue(statsFile);
            return Run(pr.GetValue(command)!, pr.GetValue(arch)!, pr.GetValue(passthrough)!, pr.GetValue(sysroot),
                policy, pr.GetValue(stats) || file != null, file, !pr.GetValue(noFollow), pr.GetValue(verbose), pr.GetValue(memfuncs));
        });
        return cmd;
    }

    private static int Run(string[] command, string archOption, string passthrough, string? sysrootOption,
        LibraryPolicy policy, bool stats, string? statsFile, bool followExec, bool verbose, bool memfuncs)
    {
        string program = command[0];
        if (!File.Exists(program)) return Fail($"no such program: {program}");
        if (sysrootOption != null && !Directory.Exists(sysrootOption)) return Fail($"--sysroot {sysrootOption}: no such directory");
        string isa = archOption;
        var (detected, notElf) = GuestElf.Detect(program);
        if (isa == "auto")
        {
            if (detected is null) return Fail($"{program}: {notElf}");
            isa = detected;
        }
        else if (detected != null && detected != isa)
        {
            // QEMU would end with "Invalid ELF image for this architecture". (A script, no ELF, goes on.)
            return Fail($"{program} is a program for {detected}, not {isa}: leave --arch out and dlcall reads it from the program");
        }
        if (!PosixExec.CanExecute(program)) return Fail($"{program}: Permission denied (not executable: chmod +x it)");
        // Checked before a host program runs natively too: a mistaken value is said, whatever the program.
        var libs = GuestLaunch.Libraries(passthrough, out string? libError);
        if (libs is null) return Fail(libError!);
        if (isa == GuestIsa.Host.Qemu) return RunNatively(command, policy.Active || stats);
        libs = libs.Where(l => PolicyAllows(policy, l)).ToList();
        var (options, optionsError) = PluginOptions(policy, libs, stats, statsFile, followExec);
        if (options is null) return Fail(optionsError);

        var (launch, error) = GuestLaunch.Prepare(command, isa, libs, sysrootOption, options, followExec: followExec, memfuncs: memfuncs);
        if (launch is null) return Fail(error);
        if (verbose || stats)
        {
            foreach (var (lib, why) in launch.Emulated.OrderBy(e => e.Key, StringComparer.Ordinal))
                Console.Error.WriteLine($"dlcall run: {lib} stays emulated: {why}");
        }
        if (stats && launch.PassedThrough.Count == 0) Console.Error.WriteLine("dlcall run: no library is passed through, so there are no stats");
        var args = launch.Args.ToList();
        if (launch.PassedThrough.Count > 0 && stats && statsFile is null)
        {
            // QEMU options go before the program (the last of the launch's arguments).
            args.InsertRange(args.Count - command.Length, ["-d", "plugin"]);
        }
        if (launch.PassedThrough.Count > 0 && statsFile != null)
        {
            // Every process of the tree appends its report (stats_file=): start from an empty file.
            try { File.WriteAllBytes(statsFile, []); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Fail($"--stats-file: {e.Message}"); }
        }
        if (!policy.Active && !stats && !verbose && !memfuncs)
        {
            // For dlcall-run (src/Dlcall.Cli.Run): the next start of this program with these options execs QEMU at once.
            WarmRun.Record(WarmRun.Key(archOption, passthrough, sysrootOption, followExec, isa, program), launch.Qemu,
                launch.Args.Take(launch.Args.Count - command.Length), [.. launch.Inputs, .. RunCache.Consulted, program]);
        }
        string execError = PosixExec.Exec(launch.Qemu, args);
        return Fail($"cannot run {launch.Qemu}: {execError}");
    }

    // A program of the host's own ISA needs neither QEMU nor stubs: it already calls the host's libraries.
    private static int RunNatively(string[] command, bool policyOrStats)
    {
        if (policyOrStats)
            return Fail($"{command[0]} is a {GuestIsa.Host} program, which runs natively: --allow, --deny and --stats apply to foreign programs only");
        return Fail($"cannot run {command[0]}: {PosixExec.Exec(command[0], command[1..])}");
    }

    // A library the policy refuses stays emulated: the guest root has the real one.
    private static bool PolicyAllows(LibraryPolicy policy, string lib)
    {
        if (!policy.Active) return true;
        string host = Specs.Facts(lib).Facts?.HostLibrary ?? lib;
        string? refusal = policy.Refusal(host);
        if (refusal != null) Console.Error.WriteLine($"dlcall run: {lib} stays emulated: the host's {host} is {refusal}");
        return refusal is null;
    }

    /// <summary>The plugin's options, or why the policy cannot work: a --deny that refuses one of
    /// dlcall's own files for an allowed library.</summary>
    private static (List<string>? Options, string Error) PluginOptions(LibraryPolicy policy, List<string> libs, bool stats,
        string? statsFile, bool followExec)
    {
        var options = new List<string>();
        // QEMU splits -plugin's value on commas.
        if (statsFile != null && Path.GetFullPath(statsFile).Contains(','))
            return (null, $"--stats-file: QEMU cannot pass a path with a comma to the plugin: {statsFile}");
        if (policy.Active)
        {
            string hostDir = Environment.GetEnvironmentVariable("DLCALL_HOST_DIR") is { Length: > 0 } d
                ? d : Path.GetFullPath(Path.Combine(RepoLayout.Artifacts, "thunks", "host"));
            var own = libs.Select(l => Path.Combine(hostDir, $"libdlcall_thunk_{l}.so"))
                .Prepend(Path.Combine(hostDir, "libdlcall_host.so")).ToList();
            foreach (string file in own)
            {
                if (policy.DenyMatch(file) is string pattern)
                    return (null, $"--deny '{pattern}' refuses {file}, dlcall's own file for {string.Join(", ", libs)}: narrow the pattern");
            }
            options.AddRange(policy.PluginOptions(own));
        }
        if (stats) options.Add("stats=on");
        if (statsFile != null) options.Add("stats_file=" + Path.GetFullPath(statsFile));
        if (!followExec) options.Add("follow_exec=off");
        return (options, "");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall run: " + message);
        return 2;
    }
}
