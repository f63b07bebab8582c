// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;
using Dlcall.ThunkGen.Compat;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Guest roots behave like installed systems: the update-alternatives links Debian's maintainer
/// scripts make (scripts/lib/alternatives.py), which numpy needs for libblas.so.3 and liblapack.so.3.
/// </summary>
public class SysrootAlternativesTests
{
    private static readonly Lazy<string> Numpy = new(() => DebianProgram.Root("aarch64", "python3-numpy"));

    private static string Script => Path.Combine(RepoPaths.Root, "scripts", "lib", "alternatives.py");

    // The packages the sysroot script downloaded (its private apt cache).
    private static string Deb(string package)
    {
        string cache = Environment.GetEnvironmentVariable("DLCALL_CACHE") is { Length: > 0 } c ? c
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "dlcall");
        return Directory.GetFiles(Path.Combine(cache, "apt-arm64-bookworm", "debs"), $"{package}_*_arm64.deb").Single();
    }

    private static Dictionary<string, string> Plan(params string[] packages)
    {
        var r = ProcessRunner.Run("python3", [Script, "--plan", Numpy.Value, .. packages.Select(Deb)]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .ToDictionary(f => f[0], f => $"{f[2]} {f[3]}");
    }

    [Fact]
    public void TheHighestPriorityProviderWins()
    {
        const string blas = "libblas.so.3-aarch64-linux-gnu";
        Assert.Equal("/usr/lib/aarch64-linux-gnu/blas/libblas.so.3 10", Plan("libblas3")[blas]);
        Assert.Equal("/usr/lib/aarch64-linux-gnu/openblas-pthread/libblas.so.3 100", Plan("libblas3", "libopenblas0-pthread")[blas]);
        Assert.Equal("/usr/lib/aarch64-linux-gnu/openblas-pthread/libblas.so.3 100", Plan("libopenblas0-pthread", "libblas3")[blas]);
        // blis gives its priority through a shell variable (blis_pri=80).
        Assert.Equal("/usr/lib/aarch64-linux-gnu/blis-openmp/libblas.so.3 80", Plan("libblas3", "libblis4-openmp")[blas]);
    }

    [Fact]
    public void TheRootLinksThroughEtcAlternativesInsideTheRoot()
    {
        string root = Numpy.Value;
        var link = new FileInfo(Path.Combine(root, "usr/lib/aarch64-linux-gnu/libblas.so.3"));
        Assert.Equal("../../../etc/alternatives/libblas.so.3-aarch64-linux-gnu", link.LinkTarget);
        Assert.Equal(Path.Combine(root, "usr/lib/aarch64-linux-gnu/openblas-pthread/liblapack.so.3"),
            GuestRoot.Resolve(root, "/usr/lib/aarch64-linux-gnu/liblapack.so.3"));
        // No absolute link is left: under QEMU's -L it would name the host's file.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories),
            p => new FileInfo(p).LinkTarget is string t && t.StartsWith('/'));
    }

    [Fact]
    public void NumpyRunsFullyEmulated()
    {
        var r = DebianProgram.Run(Numpy.Value, "/usr/bin/python3", "none", "-c",
            "import numpy; a = numpy.arange(6.0).reshape(2, 3); print(numpy.dot(a, a.T).tolist(), numpy.linalg.det(numpy.array([[2.0, 1.0], [1.0, 3.0]])).round(6))");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("[[5.0, 14.0], [14.0, 50.0]] 5.0\n", r.StdoutText);
    }
}
