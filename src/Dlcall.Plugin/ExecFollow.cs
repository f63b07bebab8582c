// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Plugin;

/// <summary>
/// Exec following (docs/HowItWorks.md, "Exec following"): a guest execve of a program for the
/// guest ISA (or of a <c>#!</c> script run by one) starts the same QEMU, with the same options,
/// guest root and plugin, instead of handing the guest's file to the host kernel. The C filter
/// sends only execve and execveat here; everything this does not recognise goes on to QEMU as
/// before. Nothing here allocates on the managed heap (see LibC).
/// </summary>
internal static unsafe class ExecFollow
{
    private const int AtFdCwd = -100, AtEmptyPath = 0x1000;
    private const int MaxStrings = 1 << 20;
    private const int MaxArgStrlen = 32 * 4096; // the kernel's MAX_ARG_STRLEN
    private const int PageSize = 4096;

    private static NativeStrings s_prefix;     // QEMU's argv[0] and the options a child keeps
    private static NativeStrings s_hostLoader; // this QEMU's own LD_* variables
    private static ushort s_machine;

    /// <summary>Turns following on for guest <paramref name="targetName"/> when this process's
    /// command line is QEMU's (the C test harness's is not: nothing to follow then).</summary>
    public static void TryEnable(byte* targetName)
    {
        if (targetName == null || GuestIsa.ForTarget(ExecTarget.Span(targetName)) is not GuestIsa isa) return;
        byte[] raw;
        try { raw = File.ReadAllBytes("/proc/self/cmdline"); }
        catch (IOException) { return; }
        var argv = new List<byte[]>();
        foreach (Range r in raw.AsSpan().Split((byte)0)) argv.Add(raw[r]);
        if (argv.Count > 0 && argv[^1].Length == 0) argv.RemoveAt(argv.Count - 1);
        byte[] cwd = System.Text.Encoding.UTF8.GetBytes(Directory.GetCurrentDirectory());
        string? envRoot = Environment.GetEnvironmentVariable("QEMU_LD_PREFIX");
        var line = QemuCommandLine.Parse(argv, cwd, envRoot is null ? null : System.Text.Encoding.UTF8.GetBytes(envRoot));
        if (line is null) return;

        foreach (byte[] arg in line.Kept) s_prefix.Add(arg);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && IsHostLoaderVariable(System.Text.Encoding.UTF8.GetBytes(k)))
                s_hostLoader.Add(System.Text.Encoding.UTF8.GetBytes($"{k}={e.Value}"));
        }
        if (line.Root != null) ExecTarget.Root = CString.AllocPermanent(line.Root);
        byte* program = CString.AllocPermanent(line.Program);
        NativeGlue.StatsProgram(program);
        // QEMU's exec_path: the program's realpath, which /proc/self/exe stands for.
        byte* real = LibC.RealPath(program, null);
        ExecTarget.Self = real != null ? real : program;
        s_machine = isa.ElfMachine;
        NativeGlue.FollowExec(isa.Execve, isa.Execveat, &Handle);
    }

    /// <summary>
    /// Variables of the host's dynamic loader: the child QEMU keeps the parent QEMU's own, and
    /// the guest's reach the guest through -E/-U, so a guest LD_PRELOAD or LD_LIBRARY_PATH never
    /// steers the host loader of QEMU and the host libraries.
    /// </summary>
    private static bool IsHostLoaderVariable(ReadOnlySpan<byte> name) => name.StartsWith("LD_"u8);

    /// <summary>The C filter's call for execve (<paramref name="at"/> 0) or execveat (1): 0 leaves
    /// the syscall to QEMU; 1 means the exec failed with <c>*sysret</c> = -errno (on success it
    /// does not return).</summary>
    [UnmanagedCallersOnly]
    private static int Handle(int at, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, long* sysret)
    {
        ulong guestBase;
        if (!NativeGlue.GuestBase(&guestBase)) return 0;
        int dirfd = at != 0 ? (int)a1 : AtFdCwd;
        ulong path = at != 0 ? a2 : a1, argv = at != 0 ? a3 : a2, envp = at != 0 ? a4 : a3;
        int flags = at != 0 ? (int)a5 : 0;

        byte* guestPath = stackalloc byte[4096];
        if (path == 0 || NativeGlue.CopyString(path + guestBase, guestPath, 4096) != 0) return 0;
        var name = ExecTarget.Span(guestPath);
        byte* program = stackalloc byte[ExecTarget.PathCapacity];
        if (!ExecTarget.Resolve(name, dirfd, flags, program)) return 0;
        byte* header = stackalloc byte[ExecTarget.HeaderSize];
        ExecKind kind = ExecTarget.Classify(program, header, s_machine, out int headerLength);
        if (kind == ExecKind.Other) return 0;

        byte* interpreter = stackalloc byte[ExecTarget.PathCapacity];
        Range interp = default, interpArg = default;
        if (kind == ExecKind.Script)
        {
            var line = new ReadOnlySpan<byte>(header, headerLength);
            if (!ExecTarget.ParseShebang(line, out interp, out interpArg)) return 0;
            if (!ExecTarget.Resolve(line[interp], AtFdCwd, 0, interpreter)) return 0;
            byte* interpHeader = stackalloc byte[ExecTarget.HeaderSize];
            if (ExecTarget.Classify(interpreter, interpHeader, s_machine, out _) != ExecKind.GuestElf) return 0;
        }

        var args = new NativeStrings();
        var env = new NativeStrings();
        var child = new NativeStrings();
        var childEnv = new NativeStrings();
        try
        {
            byte* chunk = stackalloc byte[PageSize];
            if (!ReadGuestArray(ref args, argv, guestBase, chunk) || !ReadGuestArray(ref env, envp, guestBase, chunk))
                return 0; // QEMU's own execve answers EFAULT or E2BIG

            for (int i = 0; i < s_prefix.Count; i++) child.Add(s_prefix[i]);
            SplitEnvironment(ref env, ref child, ref childEnv);
            if (kind == ExecKind.GuestElf)
            {
                if (args.Count > 0) { child.Add("-0"u8); child.Add(args[0]); }
                child.Add("--"u8);
                child.Add(ExecTarget.Span(program));
            }
            else
            {
                // The kernel's argv for a script: interpreter [argument] script argv[1..].
                var line = new ReadOnlySpan<byte>(header, headerLength);
                child.Add("-0"u8);
                child.Add(line[interp]);
                child.Add("--"u8);
                child.Add(ExecTarget.Span(interpreter));
                if (!line[interpArg].IsEmpty) child.Add(line[interpArg]);
                AddScriptName(ref child, name, dirfd);
            }
            for (int i = 1; i < args.Count; i++) child.Add(args[i]);

            // This process image ends here: its stats=on report is printed now (and its counts
            // start again, should the exec fail). Nothing else is flushed: QEMU's own execve
            // path flushes nothing either.
            NativeGlue.StatsReportImage();
            byte** childArgv = child.ToArray();
            byte** childEnvp = childEnv.ToArray();
            fixed (byte* self = "/proc/self/exe\0"u8)
            {
                LibC.Execve(self, childArgv, childEnvp);
            }
            *sysret = -Marshal.GetLastPInvokeError();
            NativeMemory.Free(childArgv);
            NativeMemory.Free(childEnvp);
            return 1;
        }
        finally
        {
            args.Dispose();
            env.Dispose();
            child.Dispose();
            childEnv.Dispose();
        }
    }

    /// <summary>
    /// The guest's environment becomes the child QEMU's own (QEMU copies its environment to the
    /// guest: binfmt_misc's semantics), except the host loader's variables: those stay the
    /// parent QEMU's, and the guest's values travel as -E (or -U for one the guest dropped).
    /// -E splits on commas, so a value with one stays in the environment as is.
    /// </summary>
    private static void SplitEnvironment(ref NativeStrings guestEnv, ref NativeStrings child, ref NativeStrings hostEnv)
    {
        for (int i = 0; i < guestEnv.Count; i++)
        {
            var e = guestEnv[i];
            int eq = e.IndexOf((byte)'=');
            if (eq > 0 && IsHostLoaderVariable(e) && !e.Contains((byte)','))
            {
                child.Add("-E"u8);
                child.Add(e);
            }
            else
            {
                hostEnv.Add(e);
            }
        }
        for (int i = 0; i < s_hostLoader.Count; i++)
        {
            var own = s_hostLoader[i];
            var name = own[..(own.IndexOf((byte)'=') + 1)]; // "NAME="
            int found = -1;
            for (int j = 0; j < guestEnv.Count && found < 0; j++)
            {
                if (guestEnv[j].StartsWith(name)) found = j;
            }
            if (found >= 0 && guestEnv[found].Contains((byte)',')) continue; // the guest's stays
            hostEnv.Add(own);
            if (found < 0)
            {
                child.Add("-U"u8);
                child.Add(name[..^1]);
            }
        }
    }

    // What the kernel gives a script's interpreter as the script's name.
    private static void AddScriptName(ref NativeStrings child, ReadOnlySpan<byte> name, int dirfd)
    {
        if (dirfd == AtFdCwd || (!name.IsEmpty && name[0] == (byte)'/'))
        {
            child.Add(name);
            return;
        }
        Span<byte> fdPath = stackalloc byte[32];
        int n = ExecTarget.ProcFd(dirfd, fdPath, "/dev/fd/"u8);
        child.Begin();
        child.Append(fdPath[..n]);
        if (!name.IsEmpty)
        {
            child.Append("/"u8);
            child.Append(name);
        }
        child.End();
    }

    /// <summary>Copies the guest's NULL-terminated char*[] at <paramref name="array"/> (NULL: an
    /// empty one) into <paramref name="list"/>; false on a fault or an oversized string.</summary>
    private static bool ReadGuestArray(ref NativeStrings list, ulong array, ulong guestBase, byte* chunk)
    {
        if (array == 0) return true;
        for (int i = 0; i < MaxStrings; i++)
        {
            ulong s;
            if (!NativeGlue.ReadGuest(array + guestBase + (ulong)i * 8, &s, 8)) return false;
            if (s == 0) return true;
            if (!ReadGuestString(ref list, s + guestBase, chunk)) return false;
        }
        return false;
    }

    // Page by page: a string may end just before an unmapped page.
    private static bool ReadGuestString(ref NativeStrings list, ulong address, byte* chunk)
    {
        list.Begin();
        for (int total = 0; total < MaxArgStrlen;)
        {
            int length = PageSize - (int)(address & (PageSize - 1));
            if (!NativeGlue.ReadGuest(address, chunk, (nuint)length)) return false;
            var part = new ReadOnlySpan<byte>(chunk, length);
            int nul = part.IndexOf((byte)0);
            if (nul >= 0)
            {
                list.Append(part[..nul]);
                list.End();
                return true;
            }
            list.Append(part);
            address += (ulong)length;
            total += length;
        }
        return false;
    }
}
