// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>
/// The allow=/deny= policy on LOAD_LIBRARY (docs/Security.md, "Library policy"). A library is
/// judged by the string the guest passed to dlopen: a pattern with a '/' is matched (fnmatch,
/// no flags) against the whole string, one without against its last component, so
/// <c>libz.so*</c> covers both "libz.so.1" and "/usr/lib/x86_64-linux-gnu/libz.so.1". Any
/// matching deny= pattern refuses; otherwise, when allow= patterns exist, one must match.
/// dlopen(NULL) loads nothing and is not judged. Libraries a loaded library pulls in
/// (DT_NEEDED) are the host loader's business, not judged either.
/// </summary>
internal static unsafe class LoadPolicy
{
    private static nint[] s_allow = [];
    private static nint[] s_deny = [];
    private static byte* s_allowList;

    /// <summary>True when the options set any rule.</summary>
    public static bool Active => s_allow.Length + s_deny.Length > 0;

    /// <summary>Keeps the patterns in native memory; called once from install.</summary>
    public static void Configure(PluginSettings settings)
    {
        s_allow = settings.Allow.Select(p => (nint)CString.AllocPermanent(p)).ToArray();
        s_deny = settings.Deny.Select(p => (nint)CString.AllocPermanent(p)).ToArray();
        s_allowList = CString.AllocPermanent(settings.Allow.SelectMany((p, i) => i == 0 ? p : [(byte)':', .. p]).ToArray());
        if (Active) LibraryErrors.Configure();
    }

    /// <summary>True when <paramref name="path"/> (a NUL-terminated copy) may be loaded. When not,
    /// vCPU <paramref name="vcpu"/>'s next dlerror explains why.</summary>
    public static bool Allows(byte* path, uint vcpu)
    {
        if (!Active || path == null) return true;
        byte* name = BaseName(path);
        foreach (nint pattern in s_deny)
        {
            if (Matches((byte*)pattern, path, name))
            {
                LibraryErrors.SetDenied(vcpu, path, "deny="u8, (byte*)pattern);
                return false;
            }
        }
        if (s_allow.Length == 0) return true;
        foreach (nint pattern in s_allow)
        {
            if (Matches((byte*)pattern, path, name)) return true;
        }
        LibraryErrors.SetDenied(vcpu, path, "no allow= pattern matches: allow="u8, s_allowList);
        return false;
    }

    private static bool Matches(byte* pattern, byte* path, byte* name) =>
        LibC.FnMatch(pattern, HasSlash(pattern) ? path : name, 0) == 0;

    private static bool HasSlash(byte* s)
    {
        for (; *s != 0; s++)
        {
            if (*s == '/') return true;
        }
        return false;
    }

    private static byte* BaseName(byte* path)
    {
        byte* name = path;
        for (byte* p = path; *p != 0; p++)
        {
            if (*p == '/') name = p + 1;
        }
        return name;
    }
}
