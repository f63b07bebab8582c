// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Debian's arm64 numpy with libblas.so.3 and liblapack.so.3 passed through to the host's
/// OpenBLAS (thunks/blas, thunks/lapack; docs/Blas.md), against the same numpy fully emulated.
/// </summary>
public class NumpyBlasTests
{
    internal static string Root => DebianProgram.Root("aarch64", "python3-numpy", "python3-pytest", "python3-hypothesis", "libopenblas0-pthread");

    private static string Script(string name) => Path.Combine(RepoPaths.Root, "tests", "numpy", name);

    /// <summary>Each stub exports every function of the guest's OpenBLAS file it stands for
    /// (weak ones too: OpenBLAS's xerbla_), forwarded or served by the real guest library.</summary>
    [Theory]
    [InlineData("libblas.so.3")]
    [InlineData("liblapack.so.3")]
    public void TheStubExportsEveryFunctionOfOpenBlas(string soname)
    {
        string real = Path.Combine(Root, "usr/lib/aarch64-linux-gnu/openblas-pthread", soname);
        var expected = StubExportsTests.Functions(real, weak: true);
        Assert.True(expected.Count > 300, string.Join(", ", expected));
        Assert.Equal(expected, StubExportsTests.Functions(RepoPaths.Require("thunks", "aarch64", "lib", soname), weak: true));
    }

    /// <summary>
    /// The Fortran-ABI names through ctypes (every argument by pointer, hidden CHARACTER lengths,
    /// REAL results, a fallback function) print the same as emulated. The host OpenBLAS's own
    /// message for an illegal argument was lost: host stdout was fully buffered and QEMU never
    /// flushed it (native/host/host_stdout.c); it must come out before the guest's next line.
    /// </summary>
    [Fact]
    public void FortranAbiCallsGiveTheEmulatedResults()
    {
        var emulated = DebianProgram.Run(Root, "usr/bin/python3", "none", Script("fortran_abi.py"));
        var passthrough = DebianProgram.Run(Root, "usr/bin/python3", "blas,lapack", Script("fortran_abi.py"));
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("PASS fortran_abi", passthrough.StdoutText);
        Assert.StartsWith(" ** On entry to DGEMM  parameter number  1 had an illegal value\nafter the illegal dgemm_\n",
            passthrough.StdoutText, StringComparison.Ordinal);
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
    }

    /// <summary>
    /// numpy's own tests of solve, inv, det, multi_dot, cholesky, matmul and einsum under
    /// Debian's pytest: every test case has the same outcome emulated and passed
    /// through (tests/numpy/suite.sh; `--full` runs numpy.linalg and the rest of numpy.core's
    /// products, too long for CI).
    /// </summary>
    [Fact]
    public void NumpySuiteSubsetHasTheEmulatedOutcomes()
    {
        var r = ProcessRunner.Run("bash", [Script("suite.sh"), "--out", Path.Combine(RepoPaths.Artifacts, "numpy", "suite-ci")],
            TimeSpan.FromMinutes(30));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(" 0 differences", r.StdoutText);
    }
}
