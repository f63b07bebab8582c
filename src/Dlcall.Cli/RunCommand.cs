// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Spec;

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
        var libs = Libraries(passthrough, out string? libError);
        if (libs is null) return Fail(libError!);

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
            string? guestPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            qemuArgs.AddRange(["-plugin", plugin, "-E", "LD_LIBRARY_PATH=" + overlay + (string.IsNullOrEmpty(guestPath) ? "" : ":" + guestPath)]);
        }
        qemuArgs.AddRange(command);
        string error = PosixExec.Exec(qemu, qemuArgs);
        return Fail($"cannot run {qemu}: {error}");
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
