// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>What a guest exec names, seen from the host.</summary>
internal enum ExecKind
{
    /// <summary>Left to QEMU: missing, not executable, a host program, no <c>#!</c>...</summary>
    Other,
    /// <summary>An executable ELF for the guest ISA.</summary>
    GuestElf,
    /// <summary>An executable <c>#!</c> script whose interpreter is a guest ELF.</summary>
    Script,
}

/// <summary>
/// Resolves the file a guest execve names the way the guest sees it (the guest root first for an
/// absolute path, as QEMU's <c>-L</c> does for opens) and tells what it is. Runs inside the
/// syscall filter, so it allocates nothing on the managed heap: callers pass buffers.
/// </summary>
internal static unsafe class ExecTarget
{
    /// <summary>Path buffers' size: the guest path (PATH_MAX) behind the guest root.</summary>
    public const int PathCapacity = 8192;

    /// <summary>The kernel reads this much of a file to recognise it (BINPRM_BUF_SIZE).</summary>
    public const int HeaderSize = 256;

    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;

    /// <summary>The exec's guest root and /proc/self/exe (QEMU's exec_path), NUL-terminated.</summary>
    public static byte* Root, Self;

    /// <summary>
    /// Writes the host path of guest <paramref name="path"/> (relative to <paramref name="dirfd"/>,
    /// execveat's <paramref name="flags"/>) to <paramref name="host"/>. False when it cannot be
    /// named, or AT_SYMLINK_NOFOLLOW meets a symbolic link: QEMU then answers as today.
    /// </summary>
    public static bool Resolve(ReadOnlySpan<byte> path, int dirfd, int flags, byte* host)
    {
        var output = new Span<byte>(host, PathCapacity);
        int length;
        if (path.IsEmpty)
        {
            if ((flags & AtEmptyPath) == 0 || dirfd < 0) return false;
            length = FdPath(dirfd, output);
        }
        else if (path[0] == (byte)'/')
        {
            length = IsProcSelfExe(path) && Self != null ? Copy(output, Span(Self))
                : RootedIfExists(path, output);
        }
        else if (dirfd == AtFdCwd)
        {
            length = Copy(output, path);
        }
        else
        {
            int dir = DirectoryOf(dirfd, output);
            length = dir < 0 ? -1 : Join(output, dir, path);
        }
        if (length < 0) return false;
        host[length] = 0;
        if ((flags & AtSymlinkNoFollow) != 0)
        {
            byte* ignored = stackalloc byte[1];
            if (LibC.ReadLink(host, ignored, 1) >= 0) return false;
        }
        return true;
    }

    /// <summary>Reads the first bytes of executable <paramref name="host"/> into
    /// <paramref name="header"/> (HeaderSize) and says what it is; <paramref name="length"/> is
    /// how many bytes were read.</summary>
    public static ExecKind Classify(byte* host, byte* header, ushort machine, out int length)
    {
        length = 0;
        if (LibC.Access(host, LibC.X_OK) != 0) return ExecKind.Other;
        // O_NONBLOCK: a FIFO must not stall the exec; a directory fails the read.
        int fd = LibC.Open(host, LibC.O_RDONLY | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (fd < 0) return ExecKind.Other;
        nint n = LibC.Read(fd, header, HeaderSize);
        LibC.Close(fd);
        if (n <= 0) return ExecKind.Other;
        length = (int)n;
        var h = new ReadOnlySpan<byte>(header, length);
        if (IsGuestElf(h, machine)) return ExecKind.GuestElf;
        return h.StartsWith("#!"u8) ? ExecKind.Script : ExecKind.Other;
    }

    /// <summary>True for a 64-bit little-endian ELF of <paramref name="machine"/>.</summary>
    public static bool IsGuestElf(ReadOnlySpan<byte> h, ushort machine) =>
        h.Length >= 20 && h[0] == 0x7f && h[1] == (byte)'E' && h[2] == (byte)'L' && h[3] == (byte)'F'
        && h[4] == 2 && h[5] == 1 && (h[18] | (h[19] << 8)) == machine;

    /// <summary>
    /// The kernel's reading of a <c>#!</c> line: the interpreter, then at most one argument (the
    /// rest of the line, trimmed). False without an interpreter.
    /// </summary>
    public static bool ParseShebang(ReadOnlySpan<byte> header, out Range interpreter, out Range argument)
    {
        interpreter = argument = default;
        int end = header.IndexOf((byte)'\n');
        if (end < 0) end = header.Length;
        int i = 2;
        while (i < end && IsBlank(header[i])) i++;
        int start = i;
        while (i < end && !IsBlank(header[i]) && header[i] != 0) i++;
        if (i == start) return false;
        interpreter = start..i;
        while (i < end && IsBlank(header[i])) i++;
        int last = end;
        while (last > i && IsBlank(header[last - 1])) last--; // a CR stays, as in Linux
        argument = i..last;
        return true;
    }

    private static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t';

    // QEMU's is_proc_myself(p, "exe"): /proc/self/exe or /proc/<own pid>/exe.
    private static bool IsProcSelfExe(ReadOnlySpan<byte> path)
    {
        if (!path.StartsWith("/proc/"u8) || !path.EndsWith("/exe"u8)) return false;
        var middle = path[6..^4];
        if (middle.SequenceEqual("self"u8)) return true;
        Span<byte> pid = stackalloc byte[16];
        return System.Buffers.Text.Utf8Formatter.TryFormat(LibC.GetPid(), pid, out int n) && middle.SequenceEqual(pid[..n]);
    }

    // QEMU's path(): ROOT/path when that exists, else path itself.
    private static int RootedIfExists(ReadOnlySpan<byte> path, Span<byte> output)
    {
        if (Root != null)
        {
            int r = Copy(output, Span(Root));
            if (r >= 0 && r + path.Length < output.Length)
            {
                path.CopyTo(output[r..]);
                output[r + path.Length] = 0;
                fixed (byte* p = output)
                {
                    if (LibC.Access(p, LibC.F_OK) == 0) return r + path.Length;
                }
            }
        }
        return Copy(output, path);
    }

    /// <summary>The file open as <paramref name="fd"/>, by a name a new QEMU can open: its path
    /// while that still names it, else /proc/self/fd/N of a copy that survives the exec.</summary>
    private static int FdPath(int fd, Span<byte> output)
    {
        int length = DirectoryOf(fd, output);
        if (length > 0 && output[0] == (byte)'/' && !output[..length].EndsWith(" (deleted)"u8))
        {
            output[length] = 0;
            fixed (byte* p = output)
            {
                if (LibC.Access(p, LibC.F_OK) == 0) return length;
            }
        }
        int keep = fd;
        int fdFlags = LibC.Fcntl(fd, LibC.F_GETFD);
        if (fdFlags < 0) return -1;
        if ((fdFlags & LibC.FD_CLOEXEC) != 0 && (keep = LibC.Dup(fd)) < 0) return -1;
        return ProcFd(keep, output, "/proc/self/fd/"u8);
    }

    // readlink /proc/self/fd/N: the directory (or file) an fd names.
    private static int DirectoryOf(int fd, Span<byte> output)
    {
        Span<byte> link = stackalloc byte[40];
        int n = ProcFd(fd, link, "/proc/self/fd/"u8);
        if (n < 0) return -1;
        link[n] = 0;
        fixed (byte* l = link)
        fixed (byte* o = output)
        {
            nint r = LibC.ReadLink(l, o, (nuint)output.Length - 1);
            return r <= 0 || r >= output.Length - 1 ? -1 : (int)r;
        }
    }

    /// <summary>prefix + the decimal fd; its length.</summary>
    public static int ProcFd(int fd, Span<byte> output, ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= output.Length) return -1;
        prefix.CopyTo(output);
        return System.Buffers.Text.Utf8Formatter.TryFormat(fd, output[prefix.Length..], out int n)
            ? prefix.Length + n : -1;
    }

    private static int Join(Span<byte> output, int dirLength, ReadOnlySpan<byte> name)
    {
        if (dirLength + 1 + name.Length >= output.Length) return -1;
        output[dirLength] = (byte)'/';
        name.CopyTo(output[(dirLength + 1)..]);
        return dirLength + 1 + name.Length;
    }

    private static int Copy(Span<byte> output, ReadOnlySpan<byte> text)
    {
        if (text.Length >= output.Length) return -1;
        text.CopyTo(output);
        return text.Length;
    }

    /// <summary>The bytes of a NUL-terminated string.</summary>
    public static ReadOnlySpan<byte> Span(byte* s) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s);
}
