// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Stubs load any way and in any number (issue 12): each used to carry ~4 KiB of initial-exec TLS,
/// more than glibc's static TLS surplus, so a stub loaded by dlopen() after start-up was refused
/// ("cannot allocate memory in static TLS block": Debian's python3.11 on `import lzma`). Now the
/// stubs share one thread state in libdlcall_guest.so (native/include/dlcall/thread.h).
/// </summary>
public class StubLoadingTests
{
    /// <summary>Each stub stubload can probe (tests/tls/stubload.c), by its thunks/ name.</summary>
    private static readonly (string Lib, string Soname)[] Probed =
    [
        ("zlib", "libz.so.1"), ("libm", "libm.so.6"), ("lzma", "liblzma.so.5"),
        ("zstd", "libzstd.so.1"), ("sqlite3", "libsqlite3.so.0"), ("crypto", "libcrypto.so.3"),
        ("bz2", "libbz2.so.1.0"), ("expat", "libexpat.so.1"), ("pcre2", "libpcre2-8.so.0"),
        ("png", "libpng16.so.16"),
    ];

    /// <summary>Largest TLS segment of the guest runtime: its one struct dlcall__thread_state (48 bytes).</summary>
    private const long RuntimeTlsBound = 64;

    public static TheoryData<string> Isas => new() { "aarch64", "riscv64" };

    [Theory]
    [MemberData(nameof(Isas))]
    public void EveryStubLoadsByDlopenAndReloadsFromFourThreads(string isa)
    {
        var present = Generated(isa);
        string program = RepoPaths.Require("tls", isa, "stubload");
        string[] sonames = [.. present.Select(p => p.Soname)];
        var passed = Run(isa, string.Join(",", present.Select(p => p.Lib)), [program, .. sonames]);
        var emulated = Run(isa, "none", [program, .. sonames]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passed.ExitCode == 0, passed.ToString());
        // 8 rounds of every library on 4 threads, plus twice on the main thread.
        string calls = $"ok {(4 * 8 + 2) * sonames.Length} calls";
        Assert.Equal($"{calls}, runtime not loaded", emulated.StdoutText.Trim());
        Assert.Equal($"{calls}, runtime loaded", passed.StdoutText.Trim());
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void NoStubHasTlsOfItsOwnAndTheRuntimeATinyBlock(string isa)
    {
        string dir = Path.GetDirectoryName(RepoPaths.Require("thunks", isa, "lib", "libz.so.1"))!;
        foreach (string lib in Directory.GetFiles(dir, "*.so*").Where(f => !f.EndsWith(".tmp")))
        {
            long tls = TlsSize(lib);
            if (Path.GetFileName(lib) == "libdlcall_guest.so") Assert.InRange(tls, 1, RuntimeTlsBound);
            else Assert.True(tls == 0, $"{lib} has a TLS segment of {tls} bytes: a stub must define no TLS (native/include/dlcall/thread.h)");
        }
    }

    [Fact]
    public void DebiansPython311ImportsLzmaAndZlibWithEveryLibraryPassedThrough()
    {
        // python3.11 loads _lzma, zlib, _sqlite3 and _hashlib with dlopen long after start-up.
        string root = DebianProgram.Root("aarch64", "python3.11");
        string python = Path.Combine(root, "usr/bin/python3.11");
        const string script = """
            import lzma, zlib, sqlite3, hashlib, math
            d = bytes(range(256)) * 4096
            z = zlib.compress(d, 9); x = lzma.compress(d, preset=6)
            print(zlib.crc32(d), zlib.adler32(d), zlib.crc32(z), zlib.decompress(z) == d)
            print(lzma.decompress(x) == d, lzma.decompress(lzma.compress(b"tls", format=lzma.FORMAT_ALONE)))
            print(sqlite3.sqlite_version, sqlite3.connect(":memory:").execute("select 6*7").fetchone()[0])
            print(hashlib.sha256(d).hexdigest(), math.sqrt(2.0), math.sin(1.0))
            """;
        string stats = Path.Combine(Path.GetTempPath(), $"dlcall-python-tls-{Environment.ProcessId}.txt");
        var emulated = Run("aarch64", "none", [python, "-c", script], root);
        var passed = Run("aarch64", "all", [python, "-c", script], root, ["--stats-file", stats]);
        Assert.True(emulated.ExitCode == 0, emulated.ToString());
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Contains(" True\nTrue b'tls'\n3.", emulated.StdoutText); // both round trips, and sqlite answered
        Assert.Equal(emulated.StdoutText, passed.StdoutText);
        string served = File.ReadAllText(stats);
        File.Delete(stats);
        Assert.Contains("libdlcall_thunk_lzma.so", served);
        Assert.Matches(@"dlcall stats:   crc32: [1-9]\d* calls?", served);
    }

    /// <summary>The probed libraries whose stub exists for <paramref name="isa"/> (zlib's at least).</summary>
    private static List<(string Lib, string Soname)> Generated(string isa)
    {
        RepoPaths.Require("thunks", isa, "lib", "libz.so.1");
        return [.. Probed.Where(p => File.Exists(Path.Combine(RepoPaths.Artifacts, "thunks", isa, "lib", p.Soname)))];
    }

    private static ProcessResult Run(string isa, string passthrough, string[] command, string? sysroot = null, string[]? options = null) =>
        ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"),
            ["run", "--arch", isa, "--passthrough", passthrough, .. sysroot is null ? [] : new[] { "--sysroot", sysroot }, .. options ?? [], "--", .. command],
            TimeSpan.FromMinutes(10));

    /// <summary>MemSiz of the PT_TLS program header, 0 without one (ELF64 little-endian).</summary>
    private static long TlsSize(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        Assert.True(elf.Length > 64 && elf[0] == 0x7f && elf[1] == 'E' && elf[4] == 2 && elf[5] == 1, $"{path}: not ELF64 little-endian");
        long phoff = BitConverter.ToInt64(elf, 0x20);
        int phentsize = BitConverter.ToUInt16(elf, 0x36), phnum = BitConverter.ToUInt16(elf, 0x38);
        for (int i = 0; i < phnum; i++)
        {
            int h = (int)phoff + i * phentsize;
            if (BitConverter.ToUInt32(elf, h) == 7) return BitConverter.ToInt64(elf, h + 0x28); // PT_TLS, p_memsz
        }
        return 0;
    }
}
