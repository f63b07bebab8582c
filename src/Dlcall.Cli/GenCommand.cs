// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary><c>dlcall gen LIB [--arch aarch64|arm64|riscv64] [--no-compile]</c>: stub and thunks for one library.</summary>
internal static class GenCommand
{
    public static Command Create()
    {
        var lib = new Argument<string>("library") { Description = "a directory name under thunks/ (zlib) or a spec.json path" };
        var arch = GuestIsa.Option("guest ISA, QEMU's or Debian's name", GuestIsa.Guests, GuestIsa.Aarch64.Qemu);
        var noCompile = new Option<bool>("--no-compile") { Description = "write the C sources only" };
        var cmd = new Command("gen", "generate (and build) the guest stub and host thunk libraries of a C library");
        cmd.Arguments.Add(lib);
        cmd.Options.Add(arch);
        cmd.Options.Add(noCompile);
        cmd.SetAction(pr => Run(pr.GetValue(lib)!, pr.GetValue(arch)!, !pr.GetValue(noCompile)));
        return cmd;
    }

    private static int Run(string library, string isa, bool compile)
    {
        string specPath = ThunkSettings.SpecPath(library);
        if (!File.Exists(specPath))
            return Fail($"no library '{library}': there is no {specPath} (known: {string.Join(", ", ThunkSettings.Known())})");
        var (spec, error) = SpecLoader.Load(specPath);
        if (spec is null) return Fail(error!.ToString());

        Console.Error.WriteLine($"dlcall gen: {spec.Library} for {isa}: guest root with {spec.GuestPackage}");
        var (settings, why) = ThunkSettings.Resolve(specPath, spec, isa, compile);
        if (settings is null) return Fail(why);
        GenerationResult result;
        using (var progress = new Progress("dlcall gen:")) result = ThunkGenerator.Run(settings, progress.Begin);
        Report(result.Diagnostics, Path.Combine(settings.OutputDir, "gen.log"));
        if (!result.Succeeded) return 1;
        var plan = result.Plan!;
        Console.Error.WriteLine($"dlcall gen: {plan.Functions.Count} functions: " +
            string.Join(", ", plan.Functions.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}")) +
            $"; {plan.Signatures.Count} callback signatures; {plan.CheckedRecords.Count} records checked");
        foreach (string f in result.Files) Console.WriteLine(f);
        return 0;
    }

    /// <summary>
    /// Errors in full; warnings (libcrypto has ~220: functions dlcall cannot pass through, which stay
    /// unexported) as a count per code, all of them in <paramref name="log"/> under artifacts/.
    /// </summary>
    private static void Report(IReadOnlyList<Diagnostic> diagnostics, string log)
    {
        foreach (var d in diagnostics.Where(d => d.Severity == Severity.Error)) Console.Error.WriteLine(d);
        var warnings = diagnostics.Where(d => d.Severity != Severity.Error).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllLines(log, diagnostics.Select(d => d.ToString()));
        if (warnings.Count == 0) return;
        string byCode = string.Join(", ", warnings.GroupBy(w => w.Code).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        Console.Error.WriteLine($"dlcall gen: {warnings.Count} warning(s) ({byCode}); all of them in {Shown(log)}");
    }

    // Relative to where the user is when that is shorter: artifacts/thunks/aarch64/crypto/gen.log.
    private static string Shown(string path)
    {
        string here = Directory.GetCurrentDirectory() + "/";
        return path.StartsWith(here, StringComparison.Ordinal) ? path[here.Length..] : path;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall gen: " + message);
        return 2;
    }
}
