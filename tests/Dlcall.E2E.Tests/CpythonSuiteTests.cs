// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// CPython's own regression tests (Debian's libpython3.11-testsuite) under Debian's arm64
/// python3.11, fully emulated and with every library passed through: every test case has the
/// same outcome in both (tests/cpython/suite.py compares regrtest's JUnit XML case by case).
/// CI runs the modules backed by passed-through libraries that fit its time; the script runs
/// the full set (tests/cpython/README.md).
/// </summary>
public class CpythonSuiteTests
{
    public static TheoryData<string> Modules => new()
    {
        "test_zlib", "test_lzma", "test_hashlib", "test_math", "test_cmath", "test_gzip",
        "test_binascii", "test_zipimport", "test_pyexpat", "test_sax", "test_minidom",
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void SameOutcomeEmulatedAndPassedThrough(string module)
    {
        var r = Suite(module, []);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("1 modules, 0 differences", r.StdoutText);
    }

    /// <summary>
    /// regrtest -j2: its workers are guest python3.11 children started with subprocess, which
    /// run under the same QEMU and plugin only because the plugin follows execs.
    /// </summary>
    [Fact]
    public void RegrtestWorkersAreFollowed()
    {
        var r = Suite("test_zlib,test_cmath,test_binascii", ["--regrtest-jobs", "2", "--together"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("1 modules, 0 differences", r.StdoutText);
        string log = File.ReadAllText(Path.Combine(RepoPaths.Artifacts, "cpython", "test_zlib+test_cmath+test_binascii",
            "test_zlib+test_cmath+test_binascii.all.log"));
        Assert.Contains("Tests result: SUCCESS", log);
        Assert.Contains("Run tests in parallel using 2 child processes", log);
    }

    /// <summary>
    /// TLS handshakes, session tickets and session reuse through Python's ssl: libssl (emulated)
    /// encodes sessions with its own ASN1_ITEM, whose sub-items the host libcrypto must reach as
    /// its own (thunks/crypto/overrides/guest_asn1_item.h); test_read_write_zero crashed QEMU before.
    /// test_load_dh_params reads PEM through a guest FILE (overrides/PEM_read_DHparams.c); it aborted.
    /// test_load_verify_locations needs the host's ENOENT in the guest's errno (setsErrno).
    /// </summary>
    [Fact]
    public void TlsSessionsWithLibcryptoPassedThrough()
    {
        // Libcrypto alone (libssl emulated): "all" now passes libssl through too.
        var r = Suite("test_ssl", ["--passthrough", "crypto", "--match", "test_read_write_zero", "--match", "test_echo", "--match", "test_getpeercert",
            "--match", "test_session", "--match", "test_session_handling", "--match", "test_load_dh_params", "--match", "test_load_verify_locations"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("1 modules, 0 differences", r.StdoutText);
    }

    /// <summary>
    /// Python's ssl with libssl passed through too (docs/Ssl.md): the callbacks it keeps (SNI through
    /// SSL_CTX_callback_ctrl, ALPN, message and keylog callbacks) and what differed before:
    /// FileNotFoundError from libssl's file loading (setsErrno) and SSL_CERT_FILE/SSL_CERT_DIR set
    /// in os.environ (thunks/ssl/overrides/SSL_CTX_set_default_verify_paths.c).
    /// </summary>
    [Fact]
    public void TlsCallbacksAndFilesWithLibsslPassedThrough()
    {
        var r = Suite("test_ssl", ["--passthrough", "crypto,ssl", "--match", "test_errors_sslwrap", "--match", "test_load_cert_chain",
            "--match", "test_load_default_certs_env", "--match", "test_load_verify_locations", "--match", "test_sni_callback*",
            "--match", "test_alpn_protocols", "--match", "test_msg_callback*", "--match", "test_keylog*", "--match", "test_echo"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("1 modules, 0 differences", r.StdoutText);
    }

    internal static ProcessResult Suite(string modules, string[] extra) =>
        ProcessRunner.Run("python3",
            [Path.Combine(RepoPaths.Root, "tests/cpython/suite.py"), "--modules", modules,
             "--out", Path.Combine(RepoPaths.Artifacts, "cpython", modules.Replace(',', '+')), .. extra],
            TimeSpan.FromMinutes(20));
}
