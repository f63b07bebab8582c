// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Build;

/// <summary>
/// libdlcall_memfuncs.so (native/guest/memfuncs.c): a guest library that interposes memcpy,
/// memmove, memset, memcmp and strlen and sends calls above a size threshold to the host's
/// (native/host/memfuncs.c, in libdlcall_host.so). Built with the stubs' guest runtime, whose
/// thread state it shares, and with the stubs' code flags; `dlcall run --memfuncs` preloads it.
/// docs/HowItWorks.md ("The guest's memory functions") says why it is off by default.
/// </summary>
public static class GuestMemfuncs
{
    /// <summary>Its file name and soname.</summary>
    public const string FileName = "libdlcall_memfuncs.so";

    /// <summary>Where it is built among the stubs of <paramref name="guestLibDir"/>.</summary>
    public static string PathIn(string guestLibDir) => Path.Combine(guestLibDir, FileName);

    /// <summary>
    /// The guest compiler's arguments that build it into <paramref name="output"/>, finding the host
    /// runtime in <paramref name="hostDir"/> unless DLCALL_HOST_DIR says otherwise. -fno-builtin: GCC
    /// must not turn its fallback loops into calls of the functions they stand in for.
    /// </summary>
    public static IReadOnlyList<string> BuildArgs(string repoRoot, string guestLibDir, string hostDir,
        IReadOnlyList<string> codeFlags, string output) =>
        ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared", "-pthread", "-fno-builtin", .. codeFlags,
         $"-DDLCALL_DEFAULT_HOST_DIR=\"{hostDir.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"",
         $"-Wl,-soname,{FileName}", "-I", Path.Combine(repoRoot, "native", "include"), "-o", output,
         Path.Combine(repoRoot, "native", "guest", "memfuncs.c"), .. GuestRuntime.StubArgs(guestLibDir), "-ldl"];
}
