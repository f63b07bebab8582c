// SPDX-License-Identifier: GPL-2.0-or-later
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Differential tests with Debian's unmodified arm64 openssl program: the same stdout, stderr,
/// exit status and output files fully emulated and with libcrypto passed through to the host's;
/// results are also checked against .NET's own SHA and AES.
/// </summary>
public partial class CryptoTests
{
    private const string Key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string Iv = "0f0e0d0c0b0a09080706050403020100";

    private static void AssertSameRun(ProcessResult emulated, ProcessResult passthrough)
    {
        Assert.True(emulated.ExitCode == passthrough.ExitCode, $"emulated:\n{emulated}\npassthrough:\n{passthrough}");
        Assert.Equal(emulated.StdoutText, passthrough.StdoutText);
        Assert.Equal(emulated.StderrText, passthrough.StderrText);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    [InlineData("sha1")]
    public void DgstPrintsTheSameDigestAsTheEmulatedRun(string algorithm)
    {
        var emulated = CryptoGuest.Openssl(false, "dgst", "-" + algorithm, CryptoGuest.Input);
        var passthrough = CryptoGuest.Openssl(true, "dgst", "-" + algorithm, CryptoGuest.Input);
        AssertSameRun(emulated, passthrough);
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        byte[] data = File.ReadAllBytes(CryptoGuest.Input);
        byte[] expected = algorithm switch
        {
            "sha256" => SHA256.HashData(data),
            "sha512" => SHA512.HashData(data),
            _ => SHA1.HashData(data),
        };
        Assert.EndsWith("= " + Convert.ToHexStringLower(expected) + "\n", passthrough.StdoutText);
    }

    [Fact]
    public void DgstReadsStdinThroughTheGuestsStdio()
    {
        // No file: openssl sets the guest's stdin FILE on a file BIO (the guest-side method).
        string redirect = $"< '{CryptoGuest.Input}'";
        var emulated = CryptoGuest.OpensslShell(false, "dgst -sha256", redirect);
        var passthrough = CryptoGuest.OpensslShell(true, "dgst -sha256", redirect);
        AssertSameRun(emulated, passthrough);
        Assert.Equal($"SHA2-256(stdin)= {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(CryptoGuest.Input)))}\n", passthrough.StdoutText);
    }

    [Fact]
    public void EncAes256CbcRoundTripsWithAFixedKey()
    {
        string[] enc = ["enc", "-aes-256-cbc", "-K", Key, "-iv", Iv, "-in", CryptoGuest.Input];
        var emulated = CryptoGuest.Openssl(false, [.. enc, "-out", CryptoGuest.Out("cbc.emulated")]);
        var passthrough = CryptoGuest.Openssl(true, [.. enc, "-out", CryptoGuest.Out("cbc.passthrough")]);
        AssertSameRun(emulated, passthrough);
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        byte[] cipher = File.ReadAllBytes(CryptoGuest.Out("cbc.passthrough"));
        Assert.Equal(File.ReadAllBytes(CryptoGuest.Out("cbc.emulated")), cipher);
        using var aes = Aes.Create();
        aes.Key = Convert.FromHexString(Key);
        Assert.Equal(aes.EncryptCbc(File.ReadAllBytes(CryptoGuest.Input), Convert.FromHexString(Iv)), cipher);

        // Decrypt the emulated run's output with the host's libcrypto.
        var back = CryptoGuest.Openssl(true, "enc", "-d", "-aes-256-cbc", "-K", Key, "-iv", Iv,
            "-in", CryptoGuest.Out("cbc.emulated"), "-out", CryptoGuest.Out("cbc.decrypted"));
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(File.ReadAllBytes(CryptoGuest.Input), File.ReadAllBytes(CryptoGuest.Out("cbc.decrypted")));
    }

    [Fact]
    public void EncWithPbkdf2PasswordAndSaltWritesStdoutLikeTheEmulatedRun()
    {
        // -out omitted: the ciphertext goes to the guest's stdout from host memory (the cipher BIO's buffer).
        string args = "enc -aes-256-cbc -pbkdf2 -pass pass:dlcall-secret -S 0102030405060708";
        var emulated = CryptoGuest.OpensslShell(false, args, $"-in '{CryptoGuest.Input}'");
        var passthrough = CryptoGuest.OpensslShell(true, args, $"-in '{CryptoGuest.Input}'");
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Equal(emulated.ExitCode, passthrough.ExitCode);
        Assert.Equal(emulated.Stdout, passthrough.Stdout);
        Assert.Equal(emulated.StderrText, passthrough.StderrText);
        // With -S, OpenSSL 3 writes no salt header: the ciphertext alone, padded to the next block.
        Assert.Equal(new FileInfo(CryptoGuest.Input).Length + 16, passthrough.Stdout.Length);
    }

    [Fact]
    public void EncWithTheWrongKeyFailsTheSameWay()
    {
        File.WriteAllBytes(CryptoGuest.Out("wrong.in"), File.ReadAllBytes(CryptoGuest.Input).AsSpan(0, 65536).ToArray());
        var encrypt = CryptoGuest.Openssl(false, "enc", "-aes-256-cbc", "-K", Key, "-iv", Iv, "-in", CryptoGuest.Out("wrong.in"), "-out", CryptoGuest.Out("wrong.enc"));
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        string wrongKey = "ff" + Key[2..];
        string[] dec = ["enc", "-d", "-aes-256-cbc", "-K", wrongKey, "-iv", Iv, "-in", CryptoGuest.Out("wrong.enc")];
        var emulated = CryptoGuest.Openssl(false, [.. dec, "-out", CryptoGuest.Out("wrong.emulated")]);
        var passthrough = CryptoGuest.Openssl(true, [.. dec, "-out", CryptoGuest.Out("wrong.passthrough")]);
        Assert.Equal(1, emulated.ExitCode);
        Assert.True(passthrough.ExitCode == 1, passthrough.ToString());
        Assert.StartsWith("bad decrypt\n", passthrough.StderrText);
        // ERR_print_errors starts each line with the thread's id, which differs between runs.
        Assert.Equal(WithoutThreadIds(emulated.StderrText), WithoutThreadIds(passthrough.StderrText));
        Assert.Contains(":bad decrypt:", passthrough.StderrText);
    }

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    public void EvpCallsCallbacksAndOverridesMatchTheEmulatedRun(string isa)
    {
        // tests/crypto/evp.c: digests, ciphers, a comparator called long after it was handed over,
        // a guest BIO method under a host filter, BIO_printf and ERR_raise_data (spec annotations).
        // riscv64 runs trixie's libcrypto 3.5 emulated and the host's 3.0 passed through.
        string program = RepoPaths.Require("crypto", isa, "evp");
        var emulated = CryptoGuest.Run(isa, false, program);
        var passthrough = CryptoGuest.Run(isa, true, program);
        AssertSameRun(emulated, passthrough);
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("sha256(abc) ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n", passthrough.StdoutText);
        Assert.Contains("sorted a xy three\n", passthrough.StdoutText);
        Assert.Contains("guest sink: answer=42;ZGxjYWxs\n", passthrough.StdoutText);
        Assert.Contains("data detail 7/x more<NULL>\n", passthrough.StdoutText);
        // OpenSSL's limits, as the real library keeps them: a formatted text over ERR_vset_error's
        // 1 KiB buffer leaves no data (an earlier override kept it whole); ERR_add_error_data has none.
        Assert.Contains("1023 formatted: data length 1023 flags 3 errors 1\n", passthrough.StdoutText);
        Assert.Contains("1024 formatted: data length 0 flags 3 errors 1\n", passthrough.StdoutText);
        Assert.Contains("9998 added: data length 9998 flags 3 errors 1\n", passthrough.StdoutText);
        Assert.Contains("none added: data length 0 flags 3 errors 1\n", passthrough.StdoutText);
        Assert.EndsWith("PASS evp\n", passthrough.StdoutText);
    }

    [Theory]
    [InlineData("aarch64")]
    [InlineData("riscv64")]
    public void InitialisersOfCallerOwnedStructsMatchTheEmulatedRun(string isa)
    {
        // tests/crypto/x509ctx.c (issue 12): X509V3_set_ctx on a 0xA5-filled X509V3_CTX, whose db_meth
        // the thunk once took as an input (host SIGSEGV); X509V3_set_nconf, extensions looking up a
        // section through the library's own method table; CONF_set_nconf; NCONF_free (freedParams).
        string program = RepoPaths.Require("crypto", isa, "x509ctx");
        var emulated = CryptoGuest.Run(isa, false, program);
        var passthrough = CryptoGuest.Run(isa, true, program);
        AssertSameRun(emulated, passthrough);
        Assert.True(passthrough.ExitCode == 0, passthrough.ToString());
        Assert.Contains("X509v3 Subject Alternative Name: DNS:example.org, DNS:www.example.org\n", passthrough.StdoutText);
        Assert.EndsWith("PASS x509ctx\n", passthrough.StdoutText);
    }

    [Fact]
    public void TheStubIsWhatRuns()
    {
        // Without its host side the stub stops with its own message: proof the calls went to the host.
        var r = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", "crypto", "--sysroot", CryptoGuest.Root, "--", Path.Combine(CryptoGuest.Root, "usr/bin/openssl"), "version"],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir, ["DLCALL_HOST_DIR"] = "/nonexistent" });
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("libcrypto.so.3: cannot load the host runtime", r.StderrText);
    }

    private static string WithoutThreadIds(string text) => ThreadIdRegex().Replace(text, "TID:error:");

    [GeneratedRegex(@"(?m)^[0-9A-F]+:error:")]
    private static partial Regex ThreadIdRegex();
}
