// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>
/// <c>dlcall run [--arch auto] [--passthrough zlib,...|all|none] [--sysroot DIR] [--allow PAT]
/// [--deny PAT] [--stats] [--stats-file FILE] -- program args</c>: runs an unmodified foreign
/// program under the right QEMU, with the plugin and, for the chosen libraries only, the generated
/// stubs ahead of the guest root's real libraries.
/// </summary>
/// <remarks>
/// With --allow/--deny, a library is passed through only when the policy allows its host
/// library's name (libz.so.1); a refused one stays emulated. The stub loads dlcall's own files
/// (the host runtime and the library's thunk library), which stand for the allowed library: they
/// are added to the allow list by exact path, and a --deny that would refuse them is an error.
/// </remarks>
internal static class RunCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = "guest ISA, or auto (from the program's ELF header)", DefaultValueFactory = _ => "auto" };
        var passthrough = new Option<string>("--passthrough") { Description = "libraries to run on the host: a comma list, all, or none (fully emulated)", DefaultValueFactory = _ => "all" };
        var sysroot = new Option<string?>("--sysroot") { Description = "guest root for QEMU's -L (default: Debian's, built by scripts/guest-sysroot.sh)" };
        var allow = new Option<string[]>("--allow") { Description = "host libraries the program may load (glob on the name or path given to dlopen; repeatable, ':' lists)" };
        var deny = new Option<string[]>("--deny") { Description = "host libraries the program may not load (wins over --allow)" };
        var stats = new Option<bool>("--stats") { Description = "at exit, print calls per library and symbol and the time spent on the host (stderr)" };
        var statsFile = new Option<string?>("--stats-file") { Description = "like --stats, into FILE (QEMU's log file, -D)" };
        var command = new Argument<string[]>("program") { Description = "the guest program and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("run", "run a foreign-architecture program with host libraries passed through");
        cmd.Options.Add(arch);
        cmd.Options.Add(passthrough);
        cmd.Options.Add(sysroot);
        cmd.Options.Add(allow);
        cmd.Options.Add(deny);
        cmd.Options.Add(stats);
        cmd.Options.Add(statsFile);
        cmd.Arguments.Add(command);
        cmd.SetAction(pr =>
        {
            var (policy, policyError) = LibraryPolicy.Parse(pr.GetValue(allow) ?? [], pr.GetValue(deny) ?? []);
            if (policy is null) return Fail(policyError);
            string? file = pr.GetValue(statsFile);
            return Run(pr.GetValue(command)!, pr.GetValue(arch)!, pr.GetValue(passthrough)!, pr.GetValue(sysroot),
                policy, pr.GetValue(stats) || file != null, file);
        });
        return cmd;
    }

    private static int Run(string[] command, string archOption, string passthrough, string? sysrootOption,
        LibraryPolicy policy, bool stats, string? statsFile)
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
        var libs = Libraries(passthrough, out string? libError);
        if (libs is null) return Fail(libError!);
        libs = libs.Where(l => PolicyAllows(policy, l)).ToList();

        string qemu = Path.Combine(QemuDir(), "bin", "qemu-" + isa);
        if (!File.Exists(qemu)) return Fail("QEMU is not built: run native/qemu/build-qemu.sh (./test.sh and ./demo.sh do)");
        var qemuArgs = new List<string>();
        if (isa != "x86_64")
        {
            string? root = sysrootOption;
            if (root is null)
            {
                // Every known library's real package, so the emulated run has them all too.
                var packages = ThunkSettings.Known().Select(l => SpecLoader.Load(ThunkSettings.SpecPath(l)).Spec?.GuestPackage)
                    .OfType<string>().Prepend("libc6").Distinct().ToArray();
                var (dir, err) = RepoLayout.Sysroot(isa, packages);
                if (dir is null) return Fail($"cannot build the {isa} guest root: {err}");
                root = dir;
            }
            qemuArgs.AddRange(["-L", root]);
        }
        if (libs.Count > 0)
        {
            string plugin = Path.Combine(RepoLayout.Artifacts, "plugin", "libdlcall.so");
            if (!File.Exists(plugin)) return Fail("the plugin is not built: run scripts/build-plugin.sh");
            var (overlay, err) = Overlay(isa, libs);
            if (overlay is null) return Fail(err);
            var (options, optionsError) = PluginOptions(policy, libs, stats);
            if (options is null) return Fail(optionsError);
            string? guestPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            qemuArgs.AddRange(["-plugin", string.Join(',', options.Prepend(plugin)),
                "-E", "LD_LIBRARY_PATH=" + overlay + (string.IsNullOrEmpty(guestPath) ? "" : ":" + guestPath)]);
            if (stats) qemuArgs.AddRange(["-d", "plugin"]);
            if (statsFile != null) qemuArgs.AddRange(["-D", statsFile]);
        }
        else if (stats)
        {
            Console.Error.WriteLine("dlcall run: no library is passed through, so there are no stats");
        }
        qemuArgs.AddRange(command);
        string error = PosixExec.Exec(qemu, qemuArgs);
        return Fail($"cannot run {qemu}: {error}");
    }

    // A library the policy refuses stays emulated: the guest root has the real one.
    private static bool PolicyAllows(LibraryPolicy policy, string lib)
    {
        var spec = SpecLoader.Load(ThunkSettings.SpecPath(lib)).Spec;
        string host = spec?.HostLibrary ?? spec?.Soname ?? lib;
        string? refusal = policy.Refusal(host);
        if (refusal != null) Console.Error.WriteLine($"dlcall run: {lib} stays emulated: the host's {host} is {refusal}");
        return refusal is null;
    }

    /// <summary>The plugin's options, or why the policy cannot work: a --deny that refuses one of
    /// dlcall's own files for an allowed library.</summary>
    private static (List<string>? Options, string Error) PluginOptions(LibraryPolicy policy, List<string> libs, bool stats)
    {
        var options = new List<string>();
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
        return (options, "");
    }

    private static List<string>? Libraries(string passthrough, out string? error)
    {
        error = null;
        var known = ThunkSettings.Known();
        if (passthrough == "none") return [];
        if (passthrough == "all") return [.. known];
        var chosen = passthrough.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = chosen.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0) error = $"no thunks for {string.Join(", ", unknown)} (known: {string.Join(", ", known)})";
        return unknown.Count > 0 ? null : chosen;
    }

    /// <summary>A directory with the chosen stubs only (generated first when missing).</summary>
    private static (string? Dir, string Error) Overlay(string isa, List<string> libs)
    {
        string dir = Path.Combine(RepoLayout.Artifacts, "run", isa, string.Join("+", libs.Order()));
        Directory.CreateDirectory(dir);
        foreach (string lib in libs)
        {
            string specPath = ThunkSettings.SpecPath(lib);
            var (spec, specErr) = SpecLoader.Load(specPath);
            if (spec is null) return (null, specErr!.ToString());
            string stub = Path.Combine(RepoLayout.Artifacts, "thunks", isa, "lib", spec.Soname);
            if (!File.Exists(stub) && Generate(specPath, spec, isa) is string genErr) return (null, genErr);
            string link = Path.Combine(dir, spec.Soname);
            if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, stub);
        }
        return (dir, "");
    }

    private static string? Generate(string specPath, LibrarySpec spec, string isa)
    {
        Console.Error.WriteLine($"dlcall run: generating the {spec.Library} stub for {isa} (dlcall gen {spec.Library} --arch {isa})");
        var (settings, why) = ThunkSettings.Resolve(specPath, spec, isa, compile: true);
        if (settings is null) return why;
        var result = ThunkGenerator.Run(settings);
        return result.Succeeded ? null : string.Join("\n", result.Diagnostics);
    }

    private static string QemuDir()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(RepoLayout.Root, "native/qemu/build-qemu.sh"));
        psi.ArgumentList.Add("--print-dir");
        using var p = System.Diagnostics.Process.Start(psi)!;
        string dir = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return dir;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall run: " + message);
        return 2;
    }
}
