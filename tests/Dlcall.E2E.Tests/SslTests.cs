// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// libssl passed through (with libcrypto) against fully emulated: Debian's unmodified arm64
/// <c>openssl s_server</c> and <c>s_client</c> over loopback (tests/ssl/tls_pair.sh: a certificate
/// made here, a line each way and 2000 bytes back, the server reversing them), each side emulated,
/// passed through or the host's own openssl; and Debian's arm64 curl against that server.
/// </summary>
public class SslTests
{
    private static readonly Lazy<string> Work = new(() => Directory.CreateTempSubdirectory("dlcall-ssl-").FullName);

    private static ProcessResult Pair(string server, string client, string protocol) =>
        ProcessRunner.Run("bash", [Path.Combine(RepoPaths.Root, "tests/ssl/tls_pair.sh"), server, client, protocol, Work.Value],
            TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });

    [Theory]
    [InlineData("tls1_3")]
    [InlineData("tls1_2")]
    public void ServerAndClientPassedThroughTalkLikeTheEmulatedPair(string protocol)
    {
        var emulated = Pair("emulated", "emulated", protocol);
        var passthrough = Pair("passthrough", "passthrough", protocol);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
        // The data came back reversed, over the protocol asked for, with the certificate verified.
        Assert.Contains("== client stdout\ntneilc eht morf olleh\n" + new string('x', 2000) + "\n", passthrough.StdoutText);
        Assert.Contains("Protocol version: " + (protocol == "tls1_3" ? "TLSv1.3" : "TLSv1.2") + "\n", passthrough.StdoutText);
        Assert.Contains("Verification: OK\n", passthrough.StdoutText);
    }

    [Theory]
    [InlineData("native", "passthrough")]
    [InlineData("passthrough", "native")]
    [InlineData("emulated", "passthrough")]
    [InlineData("passthrough", "emulated")]
    public void MixedPairsTalkLikeTheEmulatedPair(string server, string client)
    {
        // A host-native or emulated peer: what crosses the wire is TLS, whoever runs it.
        var emulated = Pair("emulated", "emulated", "tls1_3");
        var mixed = Pair(server, client, "tls1_3");
        Assert.True(mixed.ExitCode == 0, mixed.ToString());
        Assert.Equal(emulated.StdoutText, mixed.StdoutText);
    }

    [Fact]
    public void CurlFetchesThePageLikeTheEmulatedCurl()
    {
        // Debian's arm64 curl (libcurl's own BIO method sends what the host libssl encrypted:
        // memory OPENSSL_malloc gave, which the guest's send(2) must accept).
        var emulated = Pair("native", "curl-emulated", "tls1_3");
        var passthrough = Pair("native", "curl-passthrough", "tls1_3");
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
        Assert.Contains("== client stdout\n" + string.Concat(Enumerable.Repeat("served over TLS\n", 100)) + "== client stderr\n== server", passthrough.StdoutText);
    }

    [Fact]
    public void WithoutLibcryptoOnTheHostLibsslStaysEmulated()
    {
        // The ssl stub alone would stop the program (its objects live in the host's libcrypto):
        // dlcall run keeps it emulated instead (spec "requires"), and -v says why.
        string root = CryptoGuest.Root;
        ProcessResult Run(string passthrough) => ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "-v", "--passthrough", passthrough, "--sysroot", root, "--", Path.Combine(root, "usr/bin/openssl"), "version"],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });
        var emulated = Run("none");
        var ssl = Run("ssl");
        Assert.True(ssl.ExitCode == 0, ssl.ToString());
        Assert.Equal(emulated.StdoutText, ssl.StdoutText);
        Assert.Contains("dlcall run: ssl stays emulated: it passes through only with crypto, which is not passed through", ssl.StderrText);
    }
}
