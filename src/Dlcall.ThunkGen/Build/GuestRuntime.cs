// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Build;

/// <summary>
/// libdlcall_guest.so, the guest runtime every stub of an ISA shares (native/guest/dlcall_guest.c):
/// it holds each thread's dlcall state, the one initial-exec TLS block of all the stubs, so any
/// number of stubs load at start-up or by dlopen() (native/include/dlcall/thread.h says why). It
/// lives next to the stubs; they name it in DT_NEEDED and find it through RUNPATH $ORIGIN or the
/// guest's library path (`dlcall run`'s overlay links it with the stubs).
/// </summary>
public static class GuestRuntime
{
    /// <summary>Its file name and soname.</summary>
    public const string FileName = "libdlcall_guest.so";

    /// <summary>Where it is built among the stubs of <paramref name="guestLibDir"/>.</summary>
    public static string PathIn(string guestLibDir) => Path.Combine(guestLibDir, FileName);

    /// <summary>
    /// The guest compiler's arguments that build it into <paramref name="output"/>. -z nodelete:
    /// glibc never gives back a library's static TLS, so a reload would take another block.
    /// </summary>
    public static IReadOnlyList<string> BuildArgs(string repoRoot, string output) =>
        ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared", "-pthread",
         $"-Wl,-soname,{FileName}", "-Wl,-z,nodelete", "-I", Path.Combine(repoRoot, "native", "include"),
         "-o", output, Path.Combine(repoRoot, "native", "guest", "dlcall_guest.c")];

    /// <summary>A stub's compile and link arguments: the shared state, DT_NEEDED and RUNPATH $ORIGIN.</summary>
    public static IReadOnlyList<string> StubArgs(string guestLibDir) =>
        ["-DDLCALL_SHARED_STATE", "-L", guestLibDir, "-l:" + FileName, "-Wl,-rpath,$ORIGIN"];
}
