// SPDX-License-Identifier: GPL-2.0-or-later
using System.Runtime.InteropServices;

namespace Dlcall.Cli;

/// <summary>
/// Replaces this process by another program (execv), so QEMU inherits the terminal, stdin,
/// stdout, stderr, the working directory, signals (Ctrl-C) and hands its exit status straight to
/// the shell: nothing to forward.
/// </summary>
internal static partial class PosixExec
{
    private const int SigPipe = 13, SigSetmask = 2;

    private static readonly string[] OwnVariables = ["DLCALL_ROOT", "DLCALL_QEMU_DIR", "DLCALL_CACHE", "DLCALL_QEMU_SOURCE", WarmRun.TraceVariable,
        CliBuild.RebuildVariable, CliBuild.FreshVariable];

    /// <summary>Only returns when execv fails, with errno's text.</summary>
    public static string Exec(string path, IReadOnlyList<string> args)
    {
        // The .NET runtime ignores SIGPIPE; an ignored signal survives exec and the guest would
        // get EPIPE instead of dying. Give the program what a shell would: defaults, nothing blocked.
        Signal(SigPipe, 0);
        unsafe
        {
            byte* empty = stackalloc byte[128]; // sizeof(sigset_t) in glibc
            new Span<byte>(empty, 128).Clear();
            SigProcMask(SigSetmask, empty, null);
        }
        // dlcall's own set-up variables (the wrapper's, the build's): QEMU copies its environment
        // into the guest's. DLCALL_FAST and DLCALL_HOST_DIR stay: the guest's stubs read them.
        foreach (string name in OwnVariables) UnsetEnv(name);
        return ExecAsIs(path, args);
    }

    /// <summary>execv with this process's environment and signals as they are: for handing over
    /// to another dlcall executable, whose inputs the DLCALL_* variables are. Returns errno's text.</summary>
    public static string ExecAsIs(string path, IReadOnlyList<string> args)
    {
        var argv = new nint[args.Count + 2];
        argv[0] = Marshal.StringToCoTaskMemUTF8(path);
        for (int i = 0; i < args.Count; i++) argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
        ExecV(path, argv);
        return Marshal.GetLastPInvokeErrorMessage();
    }

    /// <summary>Sets (<paramref name="value"/> null: removes) a variable of the environment execv passes on,
    /// which .NET's Environment.SetEnvironmentVariable leaves alone on Unix.</summary>
    public static void SetVariable(string name, string? value)
    {
        if (value is null) UnsetEnv(name);
        else SetEnv(name, value, 1);
    }

    /// <summary>What a shell checks before exec: may this process execute <paramref name="path"/>?</summary>
    public static bool CanExecute(string path) => Access(path, XOk) == 0;

    private const int XOk = 1;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecV(string path, nint[] argv);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int sig, nint handler);

    [LibraryImport("libc", EntryPoint = "sigprocmask")]
    private static unsafe partial int SigProcMask(int how, byte* set, byte* old);
}
