// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Build;
using Dlcall.ThunkGen.Compat;
using Dlcall.ThunkGen.Driver;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.Cli;

/// <summary>The QEMU command line that runs a guest program, emulated or with libraries passed through.</summary>
/// <param name="Qemu">qemu-&lt;isa&gt; of the project's build.</param>
/// <param name="Args">Everything after it, the program and its arguments last.</param>
/// <param name="PassedThrough">The libraries whose stubs the overlay has.</param>
/// <param name="Emulated">Chosen libraries that stay emulated because the host's cannot serve the
/// program (<see cref="HostCompatibility"/>), with the reason.</param>
/// <param name="Inputs">Files and directories the launch was derived from besides those of
/// <see cref="RunCache"/>'s lookups (<see cref="RunCache.Consulted"/>): QEMU, the plugin, the stubs and
/// overlay, the library directories searched. With those, they decide whether a recorded launch
/// (<see cref="WarmRun"/>) is still this one.</param>
internal sealed record GuestLaunch(string Qemu, IReadOnlyList<string> Args, IReadOnlyList<string> PassedThrough,
    IReadOnlyDictionary<string, string> Emulated, IReadOnlyList<string> Inputs)
{
    /// <summary>
    /// For <paramref name="command"/> (program and arguments) on <paramref name="isa"/>: the guest root
    /// (<paramref name="sysroot"/>, or Debian's with every known library's package), the plugin and an
    /// overlay with the stubs of <paramref name="libs"/> only (none: fully emulated), less those the
    /// host cannot serve in this guest root. With <paramref name="followExec"/> the plugin is loaded
    /// even when no library is passed through, only to follow the guest's execs. Its translation
    /// callback sees the first translated block then, for QEMU's guest_base (reading the exec's argv
    /// and envp needs it), and no other: it unregisters itself until a stub asks for the fast path. With <paramref name="memfuncs"/> the
    /// guest preloads the memfuncs interposer (<see cref="GuestMemfuncs"/>) from the overlay.
    /// </summary>
    public static (GuestLaunch? Launch, string Error) Prepare(IReadOnlyList<string> command, string isa, IReadOnlyList<string> libs,
        string? sysroot, IReadOnlyList<string>? pluginOptions = null, IReadOnlyDictionary<string, string>? guestEnv = null,
        bool followExec = false, bool memfuncs = false)
    {
        string qemuDir = QemuDir();
        string qemu = Path.Combine(qemuDir, "bin", "qemu-" + isa);
        if (!File.Exists(qemu)) return (null, "QEMU is not built: run native/qemu/build-qemu.sh (./test.sh and ./demo.sh do)");
        // QemuDir's cache checks qemu-aarch64 and the set of patches; Known() lists thunks/.
        List<string> inputs = [qemu, Path.Combine(qemuDir, "bin", "qemu-aarch64"), Path.Combine(RepoLayout.Root, "native/qemu"),
            Path.Combine(RepoLayout.Root, "thunks"), .. ThunkSettings.Known().Select(l => Path.Combine(RepoLayout.Root, "thunks", l))];
        var cmd = new QemuCommand();
        var emulated = new Dictionary<string, string>();
        if (isa != "x86_64")
        {
            string? root = sysroot;
            if (root is null)
            {
                var (dir, err) = RepoLayout.Sysroot(isa, RunRootPackages());
                if (dir is null) return (null, $"cannot build the {isa} guest root: {err}");
                root = dir;
                inputs.Add(Path.Combine(dir, ".dlcall-complete"));
            }
            cmd = cmd with { Root = root };
            // Where Candidates looks: a library added to the guest root or the host changes them.
            inputs.AddRange([Path.Combine(root, "lib", isa + "-linux-gnu"), Path.Combine(root, "usr", "lib", isa + "-linux-gnu"),
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"]);
            var (candidates, candErr) = Candidates(isa, root, libs, inputs);
            if (candidates is null) return (null, candErr);
            emulated = PassthroughVerdicts.Refusals(isa, root, command[0], candidates);
            libs = libs.Where(l => !emulated.ContainsKey(l)).ToList();
        }
        if (libs.Count > 0 || followExec)
        {
            if (!File.Exists(QemuCommand.Plugin)) return (null, "the plugin is not built: run scripts/build-plugin.sh");
            cmd = cmd with { Plugins = [QemuCommand.PluginSpec(libs.Count > 0 ? pluginOptions : null)] };
            inputs.Add(QemuCommand.Plugin);
        }
        // The interposer shares the stubs' guest runtime and host runtime: it comes with them only.
        if (memfuncs && libs.Count == 0) return (null, "--memfuncs: no library is passed through, and the interposer needs the stubs' runtime");
        if (libs.Count > 0)
        {
            var (overlay, err) = Overlay(isa, libs);
            if (overlay is null) return (null, err);
            inputs.AddRange(Directory.GetFileSystemEntries(overlay).Prepend(overlay));
            string? guestPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            string value = overlay + (string.IsNullOrEmpty(guestPath) ? "" : ":" + guestPath);
            // QEMU's -E splits on commas: a host LD_LIBRARY_PATH with one cannot be passed so.
            if (value.Contains(',')) return (null, $"LD_LIBRARY_PATH has a comma, which QEMU's -E cannot pass: {value}");
            cmd = cmd with { LibraryPath = value };
            if (memfuncs)
            {
                string preload = Path.Combine(overlay, GuestMemfuncs.FileName);
                LinkAtomically(preload, GuestMemfuncs.PathIn(StubDir(isa)));
                cmd = cmd with { Preload = preload };
            }
        }
        cmd = cmd with { Env = [.. guestEnv ?? new Dictionary<string, string>()] };
        var args = cmd.Args(command);
        return (new GuestLaunch(qemu, args, libs, emulated, inputs), "");
    }

    /// <summary>The packages of the guest root `run` uses without --sysroot: every known library's
    /// real one, so the emulated run has them all too.</summary>
    public static string[] RunRootPackages() =>
        ThunkSettings.Known().Select(l => Specs.Facts(l).Facts?.GuestPackage).OfType<string>().Prepend("libc6").Distinct().ToArray();

    /// <summary>The libraries of a --passthrough value: a comma list, all, or none.</summary>
    public static List<string>? Libraries(string passthrough, out string? error)
    {
        error = null;
        var known = ThunkSettings.Known();
        if (passthrough == "none") return [];
        if (passthrough == "all") return [.. known];
        var chosen = passthrough.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (chosen.Count == 0)
        {
            error = $"--passthrough '{passthrough}' names no library: give a comma list of {string.Join(", ", known)}, or all, or none";
            return null;
        }
        var unknown = chosen.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0) error = $"no thunks for {string.Join(", ", unknown)} (known: {string.Join(", ", known)})";
        return unknown.Count > 0 ? null : chosen;
    }

    /// <summary>A directory with the chosen stubs only (generated first when missing).</summary>
    /// <summary>The files of one library <see cref="PassthroughVerdicts"/> compares: the guest's and
    /// host's library, the stub and the spec.</summary>
    internal sealed record CandidateFiles(string Guest, string Host, string Stub, string SpecPath);

    private static (string? Dir, string Error) Overlay(string isa, IReadOnlyList<string> libs)
    {
        string dir = Path.Combine(RepoLayout.Artifacts, "run", isa, string.Join("+", libs.Order()));
        foreach (string lib in libs)
        {
            var (facts, stub, err) = Stub(isa, lib);
            if (facts is null) return (null, err);
            Directory.CreateDirectory(dir); // only now: a failed generation leaves no empty directory
            LinkAtomically(Path.Combine(dir, facts.Soname), stub);
        }
        // The runtime the stubs share: their RUNPATH $ORIGIN is the overlay, where the links are.
        if (libs.Count > 0) LinkAtomically(Path.Combine(dir, GuestRuntime.FileName), GuestRuntime.PathIn(StubDir(isa)));
        return (dir, "");
    }

    /// <summary>The spec's names and the stub of <paramref name="lib"/> (generated first when missing).</summary>
    private static (SpecFacts? Facts, string Stub, string Error) Stub(string isa, string lib)
    {
        var (facts, factsErr) = Specs.Facts(lib);
        if (facts is null) return (null, "", factsErr);
        string stub = Path.Combine(StubDir(isa), facts.Soname);
        bool stale = !File.Exists(stub) || !File.Exists(GuestRuntime.PathIn(StubDir(isa))) || !File.Exists(GuestMemfuncs.PathIn(StubDir(isa)));
        if (stale)
        {
            var (spec, specErr) = Specs.Load(lib);
            if (spec is null) return (null, "", specErr);
            if (Generate(ThunkSettings.SpecPath(lib), spec, isa) is string genErr) return (null, "", genErr);
        }
        return (facts, stub, "");
    }

    /// <summary>Where the stubs of <paramref name="isa"/> and their shared guest runtime are built.</summary>
    public static string StubDir(string isa) => Path.Combine(RepoLayout.Artifacts, "thunks", isa, "lib");

    /// <summary>The files <see cref="HostCompatibility"/> compares for each library the root has; a library
    /// missing from the guest root or the host is no candidate (the guest's own absence is ld.so's to report,
    /// the host's the stub generator's).</summary>
    private static (Dictionary<string, CandidateFiles>? Candidates, string Error) Candidates(
        string isa, string root, IReadOnlyList<string> libs, List<string> inputs)
    {
        var result = new Dictionary<string, CandidateFiles>();
        foreach (string lib in libs)
        {
            var (facts, stub, err) = Stub(isa, lib);
            if (facts is null) return (null, err);
            inputs.Add(stub); // a missing stub would be generated again
            string? guest = GuestRoot.Resolve(root, $"/usr/lib/{isa}-linux-gnu/{facts.Soname}")
                ?? GuestRoot.Resolve(root, $"/lib/{isa}-linux-gnu/{facts.Soname}");
            string? host = RepoLayout.FindLibrary("/", "x86_64-linux-gnu", facts.HostLibrary);
            if (guest is null || host is null) continue;
            result[lib] = new CandidateFiles(guest, host, stub, ThunkSettings.SpecPath(lib));
        }
        return (result, "");
    }

    /// <summary>
    /// Makes <paramref name="link"/> a symbolic link to <paramref name="target"/>. Several `dlcall
    /// run` may share the overlay (make -j): a link already right is left alone, another one is
    /// replaced by rename, so no run ever sees the name missing or fails on one that appeared.
    /// </summary>
    private static void LinkAtomically(string link, string target)
    {
        if (new FileInfo(link).LinkTarget == target) return;
        string temp = $"{link}.{Environment.ProcessId}.tmp";
        File.Delete(temp);
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, link, overwrite: true);
    }

    private static string? Generate(string specPath, LibrarySpec spec, string isa)
    {
        Console.Error.WriteLine($"dlcall: generating the {spec.Library} stub for {isa} (dlcall gen {spec.Library} --arch {isa})");
        var (settings, why) = ThunkSettings.Resolve(specPath, spec, isa, compile: true);
        if (settings is null) return why;
        GenerationResult result;
        using (var progress = new Progress($"dlcall: {spec.Library} stub:", TimeSpan.FromSeconds(2))) result = ThunkGenerator.Run(settings, progress.Begin);
        return result.Succeeded ? null : string.Join("\n", result.Diagnostics);
    }

    /// <summary>native/qemu/build-qemu.sh --print-dir, run only when its cached answer is out of date
    /// (the script or a patch changed, the environment it reads differs, or the build is gone).
    /// Every native/qemu/*.patch is an input: the script's cache key hashes them all.</summary>
    private static string QemuDir()
    {
        string script = Path.Combine(RepoLayout.Root, "native/qemu/build-qemu.sh");
        string key = string.Join("\n", new[] { "DLCALL_QEMU_SOURCE", "DLCALL_CACHE", "XDG_CACHE_HOME", "HOME" }
            .Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}"));
        var patches = Directory.GetFiles(Path.Combine(RepoLayout.Root, "native/qemu"), "*.patch").Order(StringComparer.Ordinal);
        var lines = RunCache.Get("qemu", key, [script, .. patches], () =>
        {
            string? dir = ChildProcess.Output("bash", script, "--print-dir");
            return string.IsNullOrEmpty(dir) ? null : [dir];
        }, v => v.Count == 1 && File.Exists(Path.Combine(v[0], "bin", "qemu-aarch64")));
        return lines?[0] ?? "";
    }
}
