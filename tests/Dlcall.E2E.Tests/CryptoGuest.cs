// SPDX-License-Identifier: GPL-2.0-or-later
using System.Security.Cryptography;
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Debian's own arm64 <c>openssl</c> program under <c>dlcall run</c>: fully emulated
/// (<c>--passthrough none</c>) or with libcrypto passed through to the host (<c>--passthrough
/// crypto</c>; libssl stays emulated and calls the libcrypto stub), plus a deterministic input.
/// </summary>
internal static class CryptoGuest
{
    private static readonly Lazy<string> LazyWorkDir = new(CreateWorkDir);

    /// <summary>The arm64 guest root with Debian's openssl (scripts/guest-sysroot.sh, cached).</summary>
    public static string Root => GuestCommand.Root("aarch64", "openssl");

    /// <summary>The guest root tests/crypto/build.sh built the <paramref name="isa"/> programs against.</summary>
    public static string DevRoot(string isa) => GuestCommand.Root(isa, "libssl-dev");

    /// <summary>A private directory holding <see cref="Input"/>.</summary>
    public static string WorkDir => LazyWorkDir.Value;

    /// <summary>4 MiB of deterministic, incompressible bytes (a SHA-256 counter stream).</summary>
    public static string Input => Path.Combine(WorkDir, "input.bin");

    /// <summary><c>dlcall run --passthrough MODE --sysroot ROOT -- ROOT/usr/bin/openssl args</c>.</summary>
    public static ProcessResult Openssl(bool passthrough, params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough ? "crypto" : "none", "--sysroot", Root, "--", Path.Combine(Root, "usr/bin/openssl"), .. args],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });

    /// <summary>The same through a shell, for runs that read stdin or write stdout: <paramref name="redirects"/>
    /// is appended to the command line ("&lt; in &gt; out").</summary>
    public static ProcessResult OpensslShell(bool passthrough, string args, string redirects)
    {
        string dlcall = Path.Combine(RepoPaths.Root, "dlcall");
        string cmd = $"'{dlcall}' run --passthrough {(passthrough ? "crypto" : "none")} --sysroot '{Root}' -- '{Root}/usr/bin/openssl' {args} {redirects}";
        return ProcessRunner.Run("bash", ["-c", cmd], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });
    }

    /// <summary>A path in <see cref="WorkDir"/> for an output file.</summary>
    public static string Out(string name) => Path.Combine(WorkDir, name);

    /// <summary><c>dlcall run</c> of <paramref name="program"/> in <see cref="DevRoot"/>.</summary>
    public static ProcessResult Run(string isa, bool passthrough, string program) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--passthrough", passthrough ? "crypto" : "none", "--sysroot", DevRoot(isa), "--", program],
            TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DLCALL_QEMU_DIR"] = RepoPaths.QemuDir });

    private static string CreateWorkDir()
    {
        string dir = Directory.CreateTempSubdirectory("dlcall-crypto-").FullName;
        using var f = File.Create(Path.Combine(dir, "input.bin"));
        for (uint i = 0; i < 4 * 1024 * 1024 / 32; i++)
            f.Write(SHA256.HashData(BitConverter.GetBytes(i)));
        return dir;
    }
}
