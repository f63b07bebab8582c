// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using Spectre.Console;

namespace Dlcall.Cli.Bench;

/// <summary>
/// <c>dlcall bench programs [--arch aarch64|arm64|riscv64] [--runs 3] [--mib 64] [--only NAME]</c>: every workload
/// of bench/workloads.json natively, emulated and through dlcall, interleaved round by round so
/// that machine noise hits all three alike; medians, a table, bench/results/programs-*.md and .png.
/// </summary>
internal static class ProgramsBench
{
    public static Command Create()
    {
        var arch = GuestIsa.Option("guest ISA, QEMU's or Debian's name", GuestIsa.Guests, GuestIsa.Aarch64.Qemu);
        var runs = new Option<int>("--runs") { Description = "rounds per workload (the median is reported)", DefaultValueFactory = _ => 3 };
        var mib = new Option<int>("--mib") { Description = "size of the generated input in MiB", DefaultValueFactory = _ => 64 };
        var only = new Option<string[]>("--only") { Description = "run only workloads whose name contains this", AllowMultipleArgumentsPerToken = true };
        var file = new Option<string>("--workloads") { Description = "workload file", DefaultValueFactory = _ => Path.Combine(RepoLayout.Root, "bench/workloads.json") };
        var cmd = new Command("programs", "Debian programs (bench/workloads.json) natively, emulated and through dlcall") { arch, runs, mib, only, file };
        cmd.SetAction(pr => Execute(pr.GetValue(arch)!, Math.Max(1, pr.GetValue(runs)), Math.Max(1, pr.GetValue(mib)),
            pr.GetValue(only) ?? [], pr.GetValue(file)!));
        return cmd;
    }

    private static int Execute(string isa, int runs, int mib, string[] only, string workloadFile)
    {
        var (set, loadErr) = WorkloadSet.Load(workloadFile);
        if (set is null) return Fail(loadErr);
        var chosen = set.Workloads.Where(w => only.Length == 0 || only.Any(o => w.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0) return Fail("no workload matches --only");
        var packages = chosen.Select(w => w.Package).OfType<string>()
            .Concat(ThunkSettings.Known().Select(l => Specs.Facts(l).Facts?.GuestPackage).OfType<string>())
            .Prepend("libc6").Distinct().ToArray();
        var (root, rootErr) = RepoLayout.Sysroot(isa, packages);
        if (root is null) return Fail($"cannot build the {isa} guest root: {rootErr}");

        var results = new List<WorkloadResult>();
        foreach (var w in chosen)
        {
            var (result, err) = Measure(w, isa, root, runs, mib);
            if (result is null) return Fail(err);
            results.Add(result);
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(w.Name)}: native {result.Native:F2} s, emulated {result.Emulated:F2} s, dlcall {result.Dlcall:F2} s[/]");
        }
        BenchReport.Print(results);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'");
        string dir = Path.Combine(RepoLayout.Root, "bench", "results");
        Directory.CreateDirectory(dir);
        string md = Path.Combine(dir, $"programs-{isa}-{stamp}.md"), png = Path.ChangeExtension(md, ".png");
        File.WriteAllText(md, BenchReport.Markdown(results, isa, runs, mib, Path.GetFileName(png)));
        BenchChart.Write(results, isa, png);
        AnsiConsole.MarkupLine($"results: {Markup.Escape(md)}, {Markup.Escape(png)}");
        return results.All(r => r.SameOutput && r.SameExit) ? 0 : 1;
    }

    private static (WorkloadResult? Result, string Error) Measure(Workload w, string isa, string root, int runs, int mib)
    {
        var (input, inErr) = BenchInputs.For(w, mib);
        if (input is null) return (null, inErr);
        string guestProgram = w.Package != null ? Path.Combine(root, w.Program.TrimStart('/')) : Path.Combine(RepoLayout.Root, w.Program.Replace("{isa}", isa));
        string nativeProgram = w.NativeProgram ?? (w.Package != null ? w.Program : Path.Combine(RepoLayout.Root, w.Program.Replace("{isa}", GuestIsa.Host.Qemu)));
        foreach (string p in new[] { guestProgram, nativeProgram })
        {
            if (!File.Exists(p)) return (null, $"'{w.Name}': no program {p}");
        }
        var args = w.Args.Select(a => a.Replace("{input}", input).Replace("{root}", RepoLayout.Root)).ToList();
        var (emulated, emuErr) = GuestLaunch.Prepare([guestProgram, .. args], isa, [], root);
        var (dlcall, dlErr) = GuestLaunch.Prepare([guestProgram, .. args], isa, w.Passthrough, root, guestEnv: w.DlcallEnv);
        if (emulated is null || dlcall is null) return (null, emuErr + dlErr);
        foreach (var (lib, why) in dlcall.Emulated) Console.Error.WriteLine($"bench: '{w.Name}': {lib} stays emulated: {why}");
        string? stdin = w.Stdin ? input : null;
        string work = Path.GetTempPath();
        var modes = new (string Exe, IReadOnlyList<string> Args)[] { (nativeProgram, args), (emulated.Qemu, emulated.Args), (dlcall.Qemu, dlcall.Args) };
        var times = modes.Select(_ => new List<double>()).ToArray();
        var outputs = new HashSet<string>();
        var exits = new HashSet<int>();
        for (int round = 0; round < runs; round++)
        {
            for (int m = 0; m < modes.Length; m++)
            {
                var r = TimedRun.Measure(modes[m].Exe, modes[m].Args, stdin, work);
                times[m].Add(r.Seconds);
                outputs.Add(r.StdoutSha256);
                exits.Add(r.ExitCode);
            }
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        return (new WorkloadResult(w, Median(times[0]), Median(times[1]), Median(times[2]), outputs.Count == 1, exits.Count == 1), "");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall bench programs: " + message);
        return 2;
    }
}
