// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Dlcall.Cli.Bench;

/// <summary>
/// <c>dlcall bench programs [--arch aarch64|arm64|riscv64] [--runs 3] [--mib 64] [--only NAME] [--results DIR]</c>: every
/// workload of bench/workloads.json natively, emulated and through dlcall, interleaved round by round so
/// that machine noise hits all three alike; medians, a table, DIR/programs-*.md and .png (DIR:
/// bench/results). A workload that cannot run, or whose modes disagree, is a row saying why.
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
        var resultsDir = new Option<string>("--results") { Description = "directory of the results (.md and .png)", DefaultValueFactory = _ => Path.Combine(RepoLayout.Root, "bench", "results") };
        var cmd = new Command("programs", "Debian programs (bench/workloads.json) natively, emulated and through dlcall") { arch, runs, mib, only, file, resultsDir };
        cmd.SetAction(pr => Execute(pr.GetValue(arch)!, Math.Max(1, pr.GetValue(runs)), Math.Max(1, pr.GetValue(mib)),
            pr.GetValue(only) ?? [], pr.GetValue(file)!, Path.GetFullPath(pr.GetValue(resultsDir)!)));
        return cmd;
    }

    private static int Execute(string isa, int runs, int mib, string[] only, string workloadFile, string dir)
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
            // A workload that cannot run is a row saying why, not a missing row nor the end of the benchmark.
            result ??= WorkloadResult.NotRun(w, err);
            results.Add(result);
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(w.Name)}: native {BenchReport.S(result.Native)} s, emulated {BenchReport.S(result.Emulated)} s, dlcall {BenchReport.S(result.Dlcall)} s[/]");
            foreach (string note in result.Notes) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(w.Name)}: {Markup.Escape(note)}[/]");
        }
        BenchReport.Print(results);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'");
        Directory.CreateDirectory(dir);
        string md = Path.Combine(dir, $"programs-{isa}-{stamp}.md"), png = Path.ChangeExtension(md, ".png");
        bool chart = results.Any(r => r.Measured);
        File.WriteAllText(md, BenchReport.Markdown(results, isa, runs, mib, chart ? Path.GetFileName(png) : null));
        if (chart) BenchChart.Write(results.Where(r => r.Measured).ToList(), isa, png);
        AnsiConsole.MarkupLine(chart ? $"results: {Markup.Escape(md)}, {Markup.Escape(png)}" : $"results: {Markup.Escape(md)}");
        return results.All(r => r.SameOutput && r.SameExit && r.Notes.Count == 0) ? 0 : 1;
    }

    private static readonly string[] ModeNames = ["native", "emulated", "dlcall"];

    private static (WorkloadResult? Result, string Error) Measure(Workload w, string isa, string root, int runs, int mib)
    {
        Regex? reported = null;
        if (w.ReportedSeconds != null)
        {
            try
            {
                reported = new Regex(w.ReportedSeconds, RegexOptions.Multiline);
            }
            catch (ArgumentException e)
            {
                return (null, $"reportedSeconds '{w.ReportedSeconds}' is not a regular expression: {e.Message}");
            }
        }
        var (input, inErr) = BenchInputs.For(w, mib);
        if (input is null) return (null, inErr);
        string guestProgram = w.Package != null ? Path.Combine(root, w.Program.TrimStart('/')) : Path.Combine(RepoLayout.Root, w.Program.Replace("{isa}", isa));
        string nativeProgram = w.NativeProgram ?? (w.Package != null ? w.Program : Path.Combine(RepoLayout.Root, w.Program.Replace("{isa}", GuestIsa.Host.Qemu)));
        foreach (string p in new[] { guestProgram, nativeProgram })
        {
            if (!File.Exists(p)) return (null, $"no program {p}");
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
        var outputs = modes.Select(_ => new HashSet<string>()).ToArray();
        var exits = modes.Select(_ => new HashSet<int>()).ToArray();
        var failures = new string?[modes.Length]; // the first failed run's exit and the end of its stderr, per mode
        var unreported = new bool[modes.Length];
        for (int round = 0; round < runs; round++)
        {
            for (int m = 0; m < modes.Length; m++)
            {
                var r = TimedRun.Measure(modes[m].Exe, modes[m].Args, stdin, work);
                double seconds = r.Seconds;
                if (reported != null)
                {
                    var match = reported.Match(r.Stderr);
                    if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s)) seconds = s;
                    else
                    {
                        seconds = double.NaN;
                        unreported[m] = true;
                    }
                }
                times[m].Add(seconds);
                outputs[m].Add(r.StdoutSha256);
                exits[m].Add(r.ExitCode);
                if (r.ExitCode != 0) failures[m] ??= $"exit {r.ExitCode}" + LastLine(r.Stderr) switch { "" => "", var l => $": {l}" };
            }
        }
        var notes = new List<string>();
        for (int m = 0; m < modes.Length; m++)
        {
            if (failures[m] != null) notes.Add($"{ModeNames[m]} failed ({failures[m]})");
            if (unreported[m]) notes.Add($"{ModeNames[m]} printed no seconds (reportedSeconds '{w.ReportedSeconds}' did not match its stderr)");
        }
        bool sameOutput = outputs.SelectMany(o => o).Distinct().Count() == 1;
        bool sameExit = exits.SelectMany(e => e).Distinct().Count() == 1;
        if (!sameOutput && notes.Count == 0)
        {
            notes.Add("stdout differs: " + string.Join(", ", ModeNames.Select((n, m) => $"{n} {string.Join("/", outputs[m].Select(h => h[..12]))}")));
        }
        double Median(List<double> xs) => xs.Any(double.IsNaN) ? double.NaN : xs.Order().ElementAt(xs.Count / 2);
        return (new WorkloadResult(w, Median(times[0]), Median(times[1]), Median(times[2]), sameOutput, sameExit, notes), "");
    }

    private static string LastLine(string text) =>
        text.Split('\n').Select(x => x.Trim()).LastOrDefault(x => x.Length > 0) is { } last ? (last.Length > 200 ? last[..200] + "..." : last) : "";

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall bench programs: " + message);
        return 2;
    }
}
