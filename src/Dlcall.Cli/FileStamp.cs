// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Cli;

/// <summary>
/// What one statx(2) says of a path: whether it exists, is a directory, its size and modification
/// time in nanoseconds. The warm `dlcall run` checks every input of its recorded launch and
/// dlcall-run every CLI source this way before each start: one system call each, where a FileInfo
/// costs a full path normalization, an lstat and an object. statx rather than stat because its
/// struct is the same on every Linux ISA (and glibc exports it since 2.28).
/// </summary>
internal readonly partial record struct FileStamp(bool Exists, bool IsDirectory, long Size, long MtimeNs)
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1, StatxMtime = 0x40, StatxSize = 0x200;
    private const ushort TypeMask = 0xF000, TypeDirectory = 0x4000;

    /// <summary>A missing path (or one statx cannot reach).</summary>
    public static FileStamp Missing => default;

    /// <summary>The stamp of <paramref name="path"/>, following a symbolic link as open(2) would.</summary>
    public static unsafe FileStamp Of(string path)
    {
        byte* buffer = stackalloc byte[256]; // sizeof(struct statx)
        if (Statx(AtFdCwd, path, 0, StatxType | StatxMtime | StatxSize, buffer) != 0) return Missing;
        ushort mode = *(ushort*)(buffer + 28);       // stx_mode
        long size = *(long*)(buffer + 40);           // stx_size
        long seconds = *(long*)(buffer + 112);       // stx_mtime.tv_sec
        uint nanoseconds = *(uint*)(buffer + 120);   // stx_mtime.tv_nsec
        return new FileStamp(true, (mode & TypeMask) == TypeDirectory, size, seconds * 1_000_000_000 + nanoseconds);
    }

    /// <summary>The modification time as .NET's UTC ticks (100 ns), for a comparison with DateTime.</summary>
    public long MtimeTicks => DateTime.UnixEpoch.Ticks + MtimeNs / 100;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
