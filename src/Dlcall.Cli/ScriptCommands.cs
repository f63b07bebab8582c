// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Dlcall.ThunkGen.Build;

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

    /// <summary><c>dlcall sysroot --arch arm64|aarch64|riscv64 [package...]</c>: a cached Debian guest root.</summary>
    public static Command Sysroot()
    {
        var arch = GuestIsa.Option("guest ISA, Debian's or QEMU's name (arm64 comes from Debian 12, riscv64 from Debian 13)",
            GuestIsa.Guests, GuestIsa.Aarch64.Qemu);
        var packages = new Argument<string[]>("packages") { Description = "Debian packages to extract (default: libc6)", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("sysroot", "build a guest root from Debian's packages (extracted, never installed) and print its path");
        cmd.Options.Add(arch);
        cmd.Arguments.Add(packages);
        cmd.SetAction(pr =>
        {
            string[] pkgs = pr.GetValue(packages) is { Length: > 0 } p ? p : ["libc6"];
            string debian = GuestIsa.Find(pr.GetValue(arch)!)!.Debian;
            return Progress.Step($"building the {debian} guest root", () =>
                Sequence(("bash", ["scripts/guest-sysroot.sh", debian, .. pkgs])), code => code != 0);
        });
        return cmd;
    }

    /// <summary><c>dlcall bench call|zlib|programs|startup [options]</c>: the benchmarks under bench/, each with its own options.</summary>
    public static Command Bench()
    {
        var cmd = new Command("bench", "run a benchmark; results go to bench/results/");
        cmd.Subcommands.Add(ScriptBench("call", "bench/call_bench.py",
            "per-call cost: the C# plugin against a minimal C plugin, fast path and syscall path",
            ("--rounds", "rounds, alternating the plugins (the median is reported)", 21),
            ("--n", "calls per measurement", 500_000)));
        cmd.Subcommands.Add(ScriptBench("zlib", "bench/zlib_bench.py",
            "zlib compression: native vs fully emulated vs passed through",
            ("--mib", "size of the generated input in MiB", 64),
            ("--level", "zlib compression level", 9),
            ("--rounds", "rounds per configuration (the median is reported)", 3)));
        cmd.Subcommands.Add(global::Dlcall.Cli.Bench.ProgramsBench.Create());
        cmd.Subcommands.Add(global::Dlcall.Cli.Bench.StartupBench.Create());
        return cmd;
    }

    /// <summary>A benchmark a Python script under bench/ runs: its options, checked here, passed on as the script spells them.</summary>
    private static Command ScriptBench(string name, string script, string description, params (string Name, string Help, int Default)[] numbers)
    {
        var arch = GuestIsa.Option("guest ISA, QEMU's or Debian's name", GuestIsa.Guests, GuestIsa.Aarch64.Qemu);
        var options = numbers.Select(n => new Option<int>(n.Name) { Description = n.Help, DefaultValueFactory = _ => n.Default }).ToList();
        var cmd = new Command(name, description + $" ({script})");
        cmd.Options.Add(arch);
        foreach (var o in options)
        {
            o.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{o.Name} must be at least 1"); });
            cmd.Options.Add(o);
        }
        cmd.SetAction(pr => Sequence(("python3",
            [script, "--isa", pr.GetValue(arch)!, .. options.SelectMany(o => new[] { o.Name, pr.GetValue(o).ToString() })])));
        return cmd;
    }

    /// <summary>Runs each step in the clone with the terminal attached; stops at the first failure.</summary>
    private static int Sequence(params (string Exe, string[] Args)[] steps)
    {
        foreach (var (exe, args) in steps)
        {
            int code = ChildProcess.Attached(exe, args, RepoLayout.Root);
            if (code != 0) return code;
        }
        return 0;
    }
}
