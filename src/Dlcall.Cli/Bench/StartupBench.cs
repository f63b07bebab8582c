// SPDX-License-Identifier: GPL-2.0-or-later
using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Dlcall.Cli.Bench;

/// <summary>
/// <c>dlcall bench startup [--arch aarch64|arm64|riscv64] [--rounds 15]</c>: what `dlcall run` adds to
/// starting a program. A guest's bin/true bare under QEMU, through the clone's `./dlcall run
/// --passthrough none` and `--passthrough all` (as a user types it: the sh wrapper, no --sysroot), and
/// `all` through the installed command, a link to dlcall-run as `dlcall install` makes it (no shell).
/// Rounds alternate their order so machine noise hits every side alike; medians of the wall times
/// and of each round's ratio to bare QEMU (paired), a table, bench/results/startup-*.md.
/// </summary>
internal static class StartupBench
{
    // Issue 13's target for `dlcall run --passthrough all` against bare QEMU.
    private const double Target = 1.5;
    private const double StretchMs = 5;

    public static Command Create()
    {
        var arch = GuestIsa.Option("guest ISA, QEMU's or Debian's name", GuestIsa.Guests, GuestIsa.Aarch64.Qemu);
        var rounds = new Option<int>("--rounds") { Description = "rounds, alternating the sides (medians are reported; at least 11)", DefaultValueFactory = _ => 15 };
        var cmd = new Command("startup", "start-up: bare QEMU vs dlcall run --passthrough none and all, on a guest's bin/true") { arch, rounds };
        cmd.SetAction(pr => Execute(GuestIsa.Find(pr.GetValue(arch)!)!.Qemu, Math.Max(11, pr.GetValue(rounds))));
        return cmd;
    }

    private static int Execute(string isa, int rounds)
    {
        var (root, rootErr) = RepoLayout.Sysroot(isa, "libc6", "coreutils");
        if (root is null) return Fail($"cannot build the {isa} guest root: {rootErr}");
        string program = Path.Combine(root, "usr", "bin", "true");
        var (bare, bareErr) = GuestLaunch.Prepare([program], isa, [], root);
        if (bare is null) return Fail(bareErr);
        string wrapper = Path.Combine(RepoLayout.Root, "dlcall");
        // What `dlcall install` puts on PATH, in a directory of the bench's own.
        string bin = Directory.CreateTempSubdirectory("dlcall-bench-").FullName;
        string installed = Path.Combine(bin, "dlcall");
        File.CreateSymbolicLink(installed, Path.Combine(AppContext.BaseDirectory, "dlcall-run"));
        var sides = new (string Name, string Exe, IReadOnlyList<string> Args)[]
        {
            ("bare QEMU", bare.Qemu, bare.Args),
            ("./dlcall run --passthrough none", wrapper, ["run", "--passthrough", "none", "--", program]),
            ("./dlcall run --passthrough all", wrapper, ["run", "--passthrough", "all", "--", program]),
            ("dlcall run --passthrough all (installed)", installed, ["run", "--passthrough", "all", "--", program]),
        };
        try
        {
            return Measure(isa, rounds, sides);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static int Measure(string isa, int rounds, (string Name, string Exe, IReadOnlyList<string> Args)[] sides)
    {
        // One unmeasured round: the first run of a side fills the caches (stubs, verdicts, guest root).
        foreach (var s in sides)
        {
            var first = TimedRun.Measure(s.Exe, s.Args, null, Path.GetTempPath());
            if (first.ExitCode != 0) return Fail($"{s.Name}: exit {first.ExitCode}: {first.Stderr.Trim()}");
        }
        var ms = sides.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, sides.Length);
            foreach (int i in round % 2 == 0 ? order : order.Reverse())
            {
                var r = TimedRun.Measure(sides[i].Exe, sides[i].Args, null, Path.GetTempPath());
                if (r.ExitCode != 0) return Fail($"{sides[i].Name}: exit {r.ExitCode}: {r.Stderr.Trim()}");
                ms[i].Add(r.Seconds * 1000);
            }
        }
        string md = Markdown(isa, rounds, sides.Select(s => s.Name).ToList(), ms);
        Console.Write(md);
        string dir = Path.Combine(RepoLayout.Root, "bench", "results");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, $"startup-{isa}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.md");
        File.WriteAllText(file, md);
        Console.WriteLine($"results: {file}");
        return 0;
    }

    private static string Markdown(string isa, int rounds, IReadOnlyList<string> names, List<double>[] ms)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"# Start-up, {isa}: a guest's bin/true\n\n");
        text.Append(inv, $"{rounds} rounds, sides alternating their order; medians. Paired: the median of each round's ratio to bare QEMU. ");
        text.Append(inv, $"Machine: {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.\n\n");
        text.Append("| side | median ms | min ms | max ms | paired ratio |\n|---|---:|---:|---:|---:|\n");
        for (int i = 0; i < names.Count; i++)
        {
            double ratio = Median(ms[i].Zip(ms[0], (a, b) => a / b).ToList());
            text.Append(inv, $"| {names[i]} | {Median(ms[i]):F1} | {ms[i].Min():F1} | {ms[i].Max():F1} | {ratio:F2} |\n");
        }
        text.Append(inv, $"\nTarget (issue 13): `dlcall run --passthrough all` at most {Target:F1}x bare QEMU, stretch +{StretchMs:F0} ms:\n");
        foreach (int i in new[] { 2, 3 })
        {
            double ratio = Median(ms[i].Zip(ms[0], (a, b) => a / b).ToList());
            double extra = Median(ms[i].Zip(ms[0], (a, b) => a - b).ToList());
            text.Append(inv, $"- {names[i]}: {(ratio <= Target ? "met" : "not met")} ({ratio:F2}x); {extra:F1} ms more than bare QEMU (paired median), stretch {(extra <= StretchMs ? "met" : "not met")}.\n");
        }
        return text.ToString();
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("dlcall bench startup: " + message);
        return 2;
    }
}
