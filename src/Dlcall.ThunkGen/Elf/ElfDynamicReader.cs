// SPDX-License-Identifier: GPL-2.0-or-later
using System.Buffers.Binary;
using System.Text;

namespace Dlcall.ThunkGen.Elf;

/// <summary>A symbol an ELF file needs from another object (an undefined .dynsym entry).</summary>
/// <param name="Version">The version node it asks for ("OPENSSL_3.2.0"), or null when unversioned.</param>
/// <param name="VersionFile">The soname that version node belongs to (verneed's vn_file), or null.</param>
/// <param name="Weak">STB_WEAK: the file copes with the symbol missing (it reads NULL).</param>
public sealed record ElfImport(string Name, string? Version, string? VersionFile, bool Weak);

/// <summary>What the dynamic linker reads of a file before running it: its dependencies and imports.</summary>
/// <param name="Needed">DT_NEEDED sonames, in order.</param>
/// <param name="RunPaths">DT_RUNPATH (or DT_RPATH) entries, unexpanded ("$ORIGIN/../lib").</param>
public sealed record ElfDynamicInfo(string? Soname, IReadOnlyList<string> Needed, IReadOnlyList<string> RunPaths,
    IReadOnlyList<ElfImport> Imports);

/// <summary>
/// Reads, without running anything, what decides whether a guest program can load and use a
/// library: its dependencies, the symbols and version nodes it needs (.dynamic, .dynsym,
/// .gnu.version, .gnu.version_r), and the contents of an exported string (sqlite3_version).
/// 64-bit little-endian ELF only, like <see cref="ElfSymbolReader"/>.
/// </summary>
public static class ElfDynamicReader
{
    private const uint ShtDynamic = 6, ShtDynsym = 11, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    private const long DtNeeded = 1, DtSoname = 14, DtRpath = 15, DtRunpath = 29;

    /// <summary>The dynamic information of <paramref name="path"/>; null and a reason when it has none.</summary>
    public static (ElfDynamicInfo? Info, string Error) Read(string path)
    {
        var (f, error) = Load(path);
        if (f is null) return (null, error);
        try
        {
            return (Parse(f), "");
        }
        catch (ArgumentOutOfRangeException)
        {
            return (null, "truncated or corrupt ELF");
        }
    }

    /// <summary>The NUL-terminated string an exported data symbol (a <c>const char[]</c>) holds, read through
    /// the file's load segments; null when the file does not define it in one.</summary>
    public static string? ReadExportedString(string path, string symbol)
    {
        var (f, _) = Load(path);
        if (f is null) return null;
        try
        {
            var s = new Sections(f);
            int dynsym = s.Find(ShtDynsym);
            if (dynsym < 0) return null;
            var (symOff, symSize, strIdx) = s.Info(dynsym);
            int strOff = s.Info(strIdx).Off;
            for (int i = 1; i < symSize / 24; i++)
            {
                int e = symOff + i * 24;
                if (U16(f, e + 6) == 0 || Str(f, strOff + (int)U32(f, e)) != symbol) continue;
                return FileOffset(f, U64(f, e + 8)) is int at ? Str(f, at) : null;
            }
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static (byte[]? Bytes, string Error) Load(string path)
    {
        byte[] f;
        try
        {
            f = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
        if (f.Length < 64 || f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F') return (null, "not an ELF file");
        if (f[4] != 2 || f[5] != 1) return (null, "not a 64-bit little-endian ELF");
        return (f, "");
    }

    private static ElfDynamicInfo Parse(byte[] f)
    {
        var s = new Sections(f);
        string? soname = null;
        var needed = new List<string>();
        var runPaths = new List<string>();
        int dynamic = s.Find(ShtDynamic);
        if (dynamic >= 0)
        {
            var (off, size, link) = s.Info(dynamic);
            int strOff = s.Info(link).Off;
            for (int p = off; p + 16 <= off + size; p += 16)
            {
                long tag = (long)U64(f, p);
                if (tag == 0) break;
                string Value() => Str(f, strOff + (int)U64(f, p + 8));
                if (tag == DtNeeded) needed.Add(Value());
                else if (tag == DtSoname) soname = Value();
                else if (tag is DtRunpath or DtRpath) runPaths.AddRange(Value().Split(':', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new ElfDynamicInfo(soname, needed, runPaths, Imports(f, s));
    }

    private static List<ElfImport> Imports(byte[] f, Sections s)
    {
        var imports = new List<ElfImport>();
        int dynsym = s.Find(ShtDynsym);
        if (dynsym < 0) return imports;
        var (symOff, symSize, strIdx) = s.Info(dynsym);
        int strOff = s.Info(strIdx).Off;
        int verneed = s.Find(ShtVerneed), versym = s.Find(ShtVersym);
        var needs = verneed >= 0 ? ReadVerneed(f, s.Info(verneed), strOff) : [];
        int versymOff = versym >= 0 ? s.Info(versym).Off : -1;
        for (int i = 1; i < symSize / 24; i++)
        {
            int e = symOff + i * 24;
            if (U16(f, e + 6) != 0) continue; // defined here
            string name = Str(f, strOff + (int)U32(f, e));
            if (name.Length == 0) continue;
            (string Node, string File) need = default;
            if (versymOff >= 0) needs.TryGetValue(U16(f, versymOff + i * 2) & 0x7fff, out need);
            imports.Add(new ElfImport(name, need.Node, need.File, f[e + 4] >> 4 == 2));
        }
        return imports;
    }

    // Elf64_Verneed { u16 version, cnt; u32 file, aux, next } and Elf64_Vernaux { u32 hash; u16 flags,
    // other; u32 name, next }: vna_other is the index .gnu.version uses.
    private static Dictionary<int, (string Node, string File)> ReadVerneed(byte[] f, (int Off, int Size, int Link) sec, int strOff)
    {
        var result = new Dictionary<int, (string, string)>();
        for (int p = sec.Off; ; )
        {
            int cnt = U16(f, p + 2);
            string file = Str(f, strOff + (int)U32(f, p + 4));
            for (int a = p + (int)U32(f, p + 8), n = 0; n < cnt; n++)
            {
                result[U16(f, a + 6)] = (Str(f, strOff + (int)U32(f, a + 8)), file);
                uint nextAux = U32(f, a + 12);
                if (nextAux == 0) break;
                a += (int)nextAux;
            }
            uint next = U32(f, p + 12);
            if (next == 0) return result;
            p += (int)next;
        }
    }

    // PT_LOAD segments map virtual addresses to file offsets.
    private static int? FileOffset(byte[] f, ulong vaddr)
    {
        ulong phoff = U64(f, 0x20);
        int phentsize = U16(f, 0x36), phnum = U16(f, 0x38);
        for (int i = 0; i < phnum; i++)
        {
            int ph = (int)phoff + i * phentsize;
            if (U32(f, ph) != 1) continue;
            ulong offset = U64(f, ph + 8), start = U64(f, ph + 0x10), filesz = U64(f, ph + 0x20);
            if (vaddr >= start && vaddr < start + filesz) return (int)(offset + (vaddr - start));
        }
        return null;
    }

    private sealed class Sections(byte[] f)
    {
        private readonly int[] _headers = Enumerable.Range(0, U16(f, 0x3c))
            .Select(i => (int)(U64(f, 0x28) + (ulong)(i * U16(f, 0x3a)))).ToArray();

        public int Find(uint type) => Array.FindIndex(_headers, h => U32(f, h + 4) == type);

        public (int Off, int Size, int Link) Info(int idx) =>
            ((int)U64(f, _headers[idx] + 0x18), (int)U64(f, _headers[idx] + 0x20), (int)U32(f, _headers[idx] + 0x28));
    }

    private static ushort U16(byte[] f, int o) => BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(o));
    private static uint U32(byte[] f, int o) => BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(o));
    private static ulong U64(byte[] f, int o) => BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o));

    private static string Str(byte[] f, int o)
    {
        int end = Array.IndexOf(f, (byte)0, o);
        if (end < 0) throw new ArgumentOutOfRangeException(nameof(o));
        return Encoding.ASCII.GetString(f, o, end - o);
    }
}
