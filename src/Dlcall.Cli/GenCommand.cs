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
        var (spec, error) = SpecLoader.Load(specPath);
        if (spec is null) return Fail(error!.ToString());

        Console.Error.WriteLine($"dlcall gen: {spec.Library} for {isa}: guest root with {spec.GuestPackage}");
        var (settings, why) = ThunkSettings.Resolve(specPath, spec, isa, compile);
        if (settings is null) return Fail(why);
        var result = ThunkGenerator.Run(settings, pass => Console.Error.WriteLine($"  {pass}"));
        foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
        if (!result.Succeeded) return 1;
        var plan = result.Plan!;
        Console.Error.WriteLine($"dlcall gen: {plan.Functions.Count} functions: " +
            string.Join(", ", plan.Functions.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}")) +
            $"; {plan.Signatures.Count} callback signatures; {plan.CheckedRecords.Count} records checked");
        foreach (string f in result.Files) Console.WriteLine(f);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall gen: " + message);
        return 2;
    }
}
