// SPDX-License-Identifier: GPL-2.0-or-later
using System.Buffers.Binary;
using System.Text;

namespace Dlcall.ThunkGen.Elf;

/// <summary>
/// Reads the dynamic symbols and GNU symbol versions (.dynsym, .gnu.version, .gnu.version_d) of
/// a 64-bit little-endian ELF shared library: the soname's real exports, so a stub can carry the
/// same version nodes and unmodified guest binaries bind to it.
/// </summary>
public static class ElfSymbolReader
{
    private const uint ShtDynsym = 11, ShtVerdef = 0x6ffffffd, ShtVersym = 0x6fffffff;

    /// <summary>Reads <paramref name="path"/>; null and a reason when it is not a usable ELF.</summary>
    public static (ElfLibraryInfo? Info, string Error) Read(string path)
    {
        byte[] f;
        try
        {
            f = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
        if (f.Length < 64 || f[0] != 0x7f || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
            return (null, "not an ELF file");
        if (f[4] != 2 || f[5] != 1) return (null, "not a 64-bit little-endian ELF");
        try
        {
            return (Parse(f), "");
        }
        catch (ArgumentOutOfRangeException)
        {
            return (null, "truncated or corrupt ELF");
        }
    }

    private static ElfLibraryInfo Parse(byte[] f)
    {
        ulong shoff = U64(f, 0x28);
        int shentsize = U16(f, 0x3a), shnum = U16(f, 0x3c);
        var sections = Enumerable.Range(0, shnum).Select(i => (int)(shoff + (ulong)(i * shentsize))).ToArray();
        int Find(uint type) => Array.FindIndex(sections, s => U32(f, s + 4) == type);
        (int Off, int Size, int Link) Info(int idx) =>
            ((int)U64(f, sections[idx] + 0x18), (int)U64(f, sections[idx] + 0x20), (int)U32(f, sections[idx] + 0x28));

        int dynsym = Find(ShtDynsym);
        if (dynsym < 0) return new ElfLibraryInfo([], []);
        var (symOff, symSize, strIdx) = Info(dynsym);
        int strOff = Info(strIdx).Off;
        var versionNames = ReadVerdef(f, Find(ShtVerdef) is int vd && vd >= 0 ? Info(vd) : default, strOff, out var nodes);
        int versym = Find(ShtVersym);
        int versymOff = versym >= 0 ? Info(versym).Off : -1;

        var symbols = new List<ElfSymbol>();
        for (int i = 1; i < symSize / 24; i++)
        {
            int s = symOff + i * 24;
            byte info = f[s + 4];
            int bind = info >> 4, type = info & 0xf;
            int shndx = U16(f, s + 6);
            if (shndx == 0 || shndx == 0xfff1 /* SHN_ABS: version-node names */ || (bind != 1 && bind != 2) || (type != 1 && type != 2 && type != 10)) continue;
            string name = Str(f, strOff + (int)U32(f, s));
            string? version = null;
            bool isDefault = true;
            if (versymOff >= 0)
            {
                int vs = U16(f, versymOff + i * 2);
                isDefault = (vs & 0x8000) == 0;
                // 0 and 1 (VER_NDX_LOCAL / VER_NDX_GLOBAL) mean the base version: unversioned.
                if ((vs & 0x7fff) > 1) versionNames.TryGetValue(vs & 0x7fff, out version);
            }
            // STT_GNU_IFUNC (10): x86_64 libm picks sin, exp... per CPU; they are functions to callers.
            symbols.Add(new ElfSymbol(name, version, isDefault, type is 2 or 10, U64(f, s + 8), U64(f, s + 16)));
        }
        return new ElfLibraryInfo(symbols, nodes);
    }

    private static Dictionary<int, string> ReadVerdef(byte[] f, (int Off, int Size, int Link) sec, int strOff, out List<VersionNode> nodes)
    {
        var names = new Dictionary<int, string>();
        nodes = [];
        if (sec.Size == 0) return names;
        int p = sec.Off;
        while (true)
        {
            int flags = U16(f, p + 2), ndx = U16(f, p + 4), cnt = U16(f, p + 6);
            int aux = p + (int)U32(f, p + 12);
            string name = Str(f, strOff + (int)U32(f, aux));
            string? parent = cnt > 1 ? Str(f, strOff + (int)U32(f, aux + (int)U32(f, aux + 4))) : null;
            names[ndx] = name;
            if ((flags & 1) == 0) nodes.Add(new VersionNode(name, parent)); // VER_FLG_BASE names the file itself
            uint next = U32(f, p + 16);
            if (next == 0) break;
            p += (int)next;
        }
        return names;
    }

    private static ushort U16(byte[] f, int o) => BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(o));
    private static uint U32(byte[] f, int o) => BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(o));
    private static ulong U64(byte[] f, int o) => BinaryPrimitives.ReadUInt64LittleEndian(f.AsSpan(o));

    private static string Str(byte[] f, int o)
    {
        int end = Array.IndexOf(f, (byte)0, o);
        return Encoding.ASCII.GetString(f, o, end - o);
    }
}
