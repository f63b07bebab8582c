// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using System.Diagnostics;

namespace Dlcall.Cli;

/// <summary>
/// The subcommands whose work the project's scripts do (so the README commands, CI and the CLI
/// share one implementation): <c>setup</c>, <c>sysroot</c>, <c>bench</c>.
/// </summary>
internal static class ScriptCommands
{
    /// <summary><c>dlcall setup</c>: packages, QEMU (cached), the plugin.</summary>
    public static Command Setup()
    {
        var cmd = new Command("setup", "install the Debian packages, build (or find cached) QEMU, build the plugin");
        cmd.SetAction(_ => Sequence(
            ("bash", ["scripts/install-deps.sh"]),
            ("bash", ["native/qemu/build-qemu.sh"]),
            ("bash", ["scripts/build-plugin.sh"])));
        return cmd;
    }

    /// <summary><c>dlcall sysroot --arch arm64|riscv64 [package...]</c>: a cached Debian guest root.</summary>
    public static Command Sysroot()
    {
        var arch = new Option<string>("--arch") { Description = "arm64 (from Debian 12) or riscv64 (from Debian 13)", Required = true };
        var packages = new Argument<string[]>("packages") { Description = "Debian packages to extract (default: libc6)", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("sysroot", "build a guest root from Debian's packages (extracted, never installed) and print its path");
        cmd.Options.Add(arch);
        cmd.Arguments.Add(packages);
        cmd.SetAction(pr =>
        {
            string[] pkgs = pr.GetValue(packages) is { Length: > 0 } p ? p : ["libc6"];
            return Sequence(("bash", ["scripts/guest-sysroot.sh", pr.GetValue(arch)!, .. pkgs]));
        });
        return cmd;
    }

    /// <summary><c>dlcall bench call|zlib [args]</c>: the benchmark programs under bench/.</summary>
    public static Command Bench()
    {
        var which = new Argument<string>("benchmark") { Description = "call (per-call cost, C# vs C plugin, fast path), zlib (native vs emulated vs dlcall), programs (Debian programs, bench/workloads.json)" };
        var rest = new Argument<string[]>("args") { Description = "passed to the benchmark (e.g. --isa riscv64)", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("bench", "run a benchmark; results go to bench/results/");
        cmd.Arguments.Add(which);
        cmd.Arguments.Add(rest);
        // Options after the name go to the benchmark itself, unparsed here.
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(pr =>
        {
            string[] rest2 = [.. pr.GetValue(rest) ?? [], .. pr.UnmatchedTokens];
            if (pr.GetValue(which) == "programs") return global::Dlcall.Cli.Bench.ProgramsBench.Run(rest2);
            string script = pr.GetValue(which) switch
            {
                "call" => "bench/call_bench.py",
                "zlib" => "bench/zlib_bench.py",
                var other => "",
            };
            if (script.Length == 0)
            {
                Console.Error.WriteLine($"dlcall bench: unknown benchmark '{pr.GetValue(which)}' (call, zlib, programs)");
                return 2;
            }
            return Sequence(("python3", [script, .. rest2]));
        });
        return cmd;
    }

    /// <summary>Runs each step in the clone with the terminal attached; stops at the first failure.</summary>
    private static int Sequence(params (string Exe, string[] Args)[] steps)
    {
        foreach (var (exe, args) in steps)
        {
            var psi = new ProcessStartInfo(exe) { WorkingDirectory = RepoLayout.Root };
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            if (p.ExitCode != 0) return p.ExitCode;
        }
        return 0;
    }
}
