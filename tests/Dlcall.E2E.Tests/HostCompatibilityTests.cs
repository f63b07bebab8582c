// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;
using Dlcall.ThunkGen.Compat;
using Dlcall.ThunkGen.Elf;
using Dlcall.ThunkGen.Spec;

namespace Dlcall.E2E.Tests;

/// <summary>
/// <see cref="HostCompatibility"/>'s checks on real files: Debian 13's riscv64 libraries against the
/// host's Debian 12 ones (older: sqlite 3.40 vs 3.46, OpenSSL 3.0 vs 3.5), and Debian 12's arm64
/// ones (the same releases: nothing refused).
/// </summary>
public class HostCompatibilityTests
{
    private static readonly Lazy<string> Riscv64 = new(() => DebianProgram.Root("riscv64", "sqlite3", "openssl"));
    private static readonly Lazy<string> Arm64 = new(() => DebianProgram.Root("aarch64", "sqlite3", "openssl"));

    private static LibrarySpec Spec(string lib) => SpecLoader.Load(Path.Combine(RepoPaths.Root, "thunks", lib, "spec.json")).Spec!;

    private static string Guest(string root, string isa, string soname) =>
        GuestRoot.Resolve(root, $"/usr/lib/{isa}-linux-gnu/{soname}") ?? GuestRoot.Resolve(root, $"/lib/{isa}-linux-gnu/{soname}")
        ?? throw new FileNotFoundException(soname);

    private static string Host(string soname) => Path.Combine("/usr/lib/x86_64-linux-gnu", soname);

    // The stub's own files are not what these checks read; the guest library stands in for it where
    // a test needs a stub with exactly the guest's exports and versions.
    private static PassthroughCandidate Candidate(string lib, string root, string isa, string? stub = null)
    {
        var spec = Spec(lib);
        string guest = Guest(root, isa, spec.Soname);
        return new PassthroughCandidate(spec, guest, Host(spec.HostLibrary ?? spec.Soname), stub ?? guest);
    }

    [Fact]
    public void ReadsTheVersionStringSqliteExports()
    {
        Assert.Equal("3.46.1", ElfDynamicReader.ReadExportedString(Guest(Riscv64.Value, "riscv64", "libsqlite3.so.0"), "sqlite3_version"));
        Assert.StartsWith("3.40.", ElfDynamicReader.ReadExportedString(Host("libsqlite3.so.0"), "sqlite3_version"));
        Assert.Null(ElfDynamicReader.ReadExportedString(Host("libsqlite3.so.0"), "no_such_symbol"));
    }

    [Fact]
    public void AnOlderHostSqliteStaysEmulatedByItsVersionCheck()
    {
        string? why = HostCompatibility.VersionMismatch(Candidate("sqlite3", Riscv64.Value, "riscv64"));
        Assert.NotNull(why);
        Assert.Contains("the host's libsqlite3.so.0 is 3.40.", why);
        Assert.Contains("the guest's 3.46.1", why);
        Assert.Null(HostCompatibility.VersionMismatch(Candidate("sqlite3", Arm64.Value, "aarch64")));
    }

    [Fact]
    public void LibsslOfOpenssl35NeedsWhatTheHostsLibcrypto30Lacks()
    {
        var consumers = GuestRoot.Closure(Riscv64.Value, Path.Combine(Riscv64.Value, "usr/bin/openssl"), "riscv64-linux-gnu");
        Assert.Contains(consumers, c => c.Info.Soname == "libssl.so.3");
        string? why = HostCompatibility.Refusal(Candidate("crypto", Riscv64.Value, "riscv64"), consumers);
        Assert.NotNull(why);
        Assert.Contains("libssl.so.3", why);
        Assert.Matches(@"@OPENSSL_3\.[1-5]\.0", why);
        Assert.EndsWith("which the host's libcrypto.so.3 lacks", why);
    }

    [Fact]
    public void TheSameReleasesOnArm64AreNotRefused()
    {
        foreach (string program in new[] { "usr/bin/openssl", "usr/bin/sqlite3" })
        {
            var consumers = GuestRoot.Closure(Arm64.Value, Path.Combine(Arm64.Value, program), "aarch64-linux-gnu");
            foreach (string lib in new[] { "crypto", "sqlite3", "zlib" })
                Assert.Null(HostCompatibility.Refusal(Candidate(lib, Arm64.Value, "aarch64"), consumers));
        }
    }

    [Fact]
    public void AStubFromAnotherGuestRootLacksVersionNodes()
    {
        // The arm64 (Debian 12, xz 5.4) liblzma as the stub of Debian 13's riscv64 liblzma 5.8.
        var candidate = Candidate("lzma", DebianProgram.Root("riscv64", "liblzma5"), "riscv64", stub: Guest(DebianProgram.Root("aarch64", "liblzma5"), "aarch64", "liblzma.so.5"));
        var guest = ElfSymbolReader.Read(candidate.GuestLibrary).Info!;
        var stub = ElfSymbolReader.Read(candidate.Stub).Info!;
        string? why = HostCompatibility.MissingVersionNodes(candidate, guest, stub);
        Assert.NotNull(why);
        Assert.Contains("XZ_5.6.0, XZ_5.8", why);
        Assert.Null(HostCompatibility.MissingVersionNodes(candidate, guest, guest));
    }

    [Theory]
    [InlineData("3.46.1", "3.40.1", 1)]
    [InlineData("3.40.1", "3.46.1", -1)]
    [InlineData("1.2.13", "1.2.13", 0)]
    [InlineData("3.10", "3.9", 1)]
    [InlineData("5.4", "5.4.0", 0)]
    public void ComparesVersionsNumberByNumber(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(HostCompatibility.CompareVersions(a, b)));
}
