// SPDX-License-Identifier: GPL-2.0-or-later
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.Plugin.Tests;

/// <summary>
/// The plugin's C (src/Dlcall.Plugin/native) reads top-down, as docs/HowItWorks.md ("The
/// plugin's C") states: each file includes and calls only files below it, so no file calls
/// back into its caller and there is no cycle. Includes are read from the sources; calls and
/// data references from the objects themselves (each file compiled alone, then nm: an
/// undefined symbol another object defines is a use of that file).
/// </summary>
public partial class NativeLayeringTests
{
    /// <summary>The files, top to bottom. A new file must be placed here.</summary>
    private static readonly string[] Layers =
    [
        "startup",   // version symbol, signals, the libc syscall() override
        "filter",    // the syscall filters: the magic number, INVOKE_PROC, exec
        "fast_path", // the translation callback and the fast call
        "slow_path", // first call, refusal, stats and trace around a call
        "stats_report", // the stats report (at exit, before a followed exec)
        "stats", "trace", "fault",
        "call", "log", "guest_mem", // the bottom: the host call, the log, guest memory
    ];

    private static readonly string NativeDir = Path.Combine(RepoPaths.Root, "src/Dlcall.Plugin/native");

    [Fact]
    public void EveryFileHasItsLayer()
    {
        var files = Directory.GetFiles(NativeDir, "*.c").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(Layers.Order(), files);
        foreach (string h in Directory.GetFiles(NativeDir, "*.h"))
            Assert.True(File.Exists(Path.ChangeExtension(h, ".c")), $"{Path.GetFileName(h)} is no file's header");
    }

    [Fact]
    public void IncludesGoDownOnly()
    {
        foreach (string file in Layers)
        {
            foreach (string used in Includes(Path.Combine(NativeDir, file + ".c")).Where(u => u != file))
                AssertBelow(file, used, "includes");
        }
        foreach (string h in Directory.GetFiles(NativeDir, "*.h"))
        {
            string file = Path.GetFileNameWithoutExtension(h);
            foreach (string used in Includes(h).Where(u => u != file))
                AssertBelow(file, used, "includes (in its header)");
        }
    }

    [Fact]
    public void CallsGoDownOnly()
    {
        string dir = Directory.CreateTempSubdirectory("dlcall-layers").FullName;
        try
        {
            var defines = new Dictionary<string, string>();
            var uses = new Dictionary<string, HashSet<string>>();
            foreach (string file in Layers)
            {
                string obj = Path.Combine(dir, file + ".o");
                var cc = ProcessRunner.Run("gcc", ["-std=gnu11", "-O2", "-fPIC", "-I", Path.Combine(RepoPaths.Root, "native/include"),
                    "-c", Path.Combine(NativeDir, file + ".c"), "-o", obj]);
                Assert.True(cc.ExitCode == 0, cc.ToString());
                var nm = ProcessRunner.Run("nm", ["-P", obj]);
                Assert.True(nm.ExitCode == 0, nm.ToString());
                uses[file] = [];
                foreach (string line in nm.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    string[] f = line.Split(' ');
                    if (f[1] == "U") uses[file].Add(f[0]);
                    else if (char.IsUpper(f[1][0])) defines[f[0]] = file;
                }
            }
            Assert.Equal("call", defines["dlcall_slow"]);
            int edges = 0;
            foreach (var (file, symbols) in uses)
            {
                foreach (string symbol in symbols)
                {
                    // libc and libdl; and syscall(), which startup.c overrides for the whole library
                    // as libc's: a use of libc, not of the start-up.
                    if (!defines.TryGetValue(symbol, out string? owner) || symbol == "syscall") continue;
                    AssertBelow(file, owner, $"uses {symbol} of");
                    edges++;
                }
            }
            Assert.True(edges >= 10, $"only {edges} uses between the files: did nm read the objects?");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertBelow(string file, string used, string how)
    {
        int from = Array.IndexOf(Layers, file), to = Array.IndexOf(Layers, used);
        Assert.True(to >= 0, $"{file}.c {how} {used}, which is no file of the plugin");
        Assert.True(to > from, $"{file}.c {how} {used}.c, which is not below it: a call back up (or a cycle)");
    }

    private static IEnumerable<string> Includes(string path) =>
        IncludeRegex().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value);

    [GeneratedRegex("""^#include "(\w+)\.h"$""", RegexOptions.Multiline)]
    private static partial Regex IncludeRegex();
}
