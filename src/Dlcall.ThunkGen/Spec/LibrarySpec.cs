// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>
/// thunks/&lt;lib&gt;/spec.json: what the headers cannot say about a library. Every field is
/// documented in docs/ThunkGen.md.
/// </summary>
public sealed record LibrarySpec
{
    /// <summary>Short name, used for file names ("zlib").</summary>
    public required string Library { get; init; }

    /// <summary>The soname the stub takes over ("libz.so.1").</summary>
    public required string Soname { get; init; }

    /// <summary>The host library the thunks link against (-l:NAME), usually the same soname.</summary>
    public string? HostLibrary { get; init; }

    /// <summary>Headers the generated code includes, in order ("zlib.h").</summary>
    public required IReadOnlyList<string> Headers { get; init; }

    /// <summary>Headers whose function declarations count as the library's API (default: Headers).</summary>
    public IReadOnlyList<string>? ApiHeaders { get; init; }

    /// <summary>Macros defined before the headers, "NAME" or "NAME=VALUE" (e.g. _LARGEFILE64_SOURCE).</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>Where the headers are on the host (default /usr/include).</summary>
    public IReadOnlyList<string> IncludeDirs { get; init; } = ["/usr/include"];

    /// <summary>Debian package with the real guest library (for its exports and symbol versions).</summary>
    public required string GuestPackage { get; init; }

    /// <summary>Functions to leave out even if exported and declared.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Functions after which the host errno becomes the guest's errno.</summary>
    public IReadOnlyList<string> SetsErrno { get; init; } = [];

    /// <summary>Functions returning a pointer to a host string: the stub returns a guest copy.</summary>
    public IReadOnlyList<string> ReturnsHostString { get; init; } = [];

    /// <summary>"struct.field" holding host strings written by the library (the stub copies them).</summary>
    public IReadOnlyList<string> HostStringFields { get; init; } = [];

    /// <summary>Function name to a C file (relative to the spec) with the guest-side definition.</summary>
    public IReadOnlyDictionary<string, string> GuestOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The library keeps guest callbacks and calls them during later calls (sqlite3_step runs
    /// the functions sqlite3_create_function registered): every forwarded function takes the
    /// coroutine path unless <see cref="FastPath"/> names it.</summary>
    public bool DeferredCallbacks { get; init; }

    /// <summary>With <see cref="DeferredCallbacks"/>: functions (names, '*' matches any run of characters)
    /// that never run a guest callback and so keep the fast path. Those with callback parameters take it
    /// only when every callback argument is a sentinel (NULL, SQLITE_TRANSIENT...).</summary>
    public IReadOnlyList<string> FastPath { get; init; } = [];

    /// <summary>Record tags whose pointer the library keeps (sqlite3_module): the host gets a lasting copy
    /// with trampolines in its function-pointer fields instead of a swap undone after the call.</summary>
    public IReadOnlyList<string> PersistentRecords { get; init; } = [];

    /// <summary>C files (relative to the spec) appended to the host thunk library: host halves of guest
    /// overrides, found by the guest with dlcall__host_fn("name").</summary>
    public IReadOnlyList<string> HostSources { get; init; } = [];

    /// <summary>C file (relative to the spec) defining <c>static void dlcall_guest_init(void)</c>, run by the
    /// stub's constructor once the host side is loaded (before the program can call the library).</summary>
    public string? GuestInit { get; init; }

    /// <summary>Exported functions the headers do not declare (a library exporting its internals) are
    /// left unavailable without a DLC006 warning each.</summary>
    public bool QuietUndeclared { get; init; }

    /// <summary>Functions whose result may point into the host library's own static data (or to
    /// memory the guest can use as it is): the stub hands out an interned guest copy when
    /// <see cref="HostStringTest"/> says so.</summary>
    public IReadOnlyList<string> ReturnsHostStringIf { get; init; } = [];

    /// <summary>Name of a guest C predicate <c>int f(const void *)</c> (from <see cref="GuestInit"/>):
    /// whether a pointer the library returned must be copied before the guest reads it.</summary>
    public string? HostStringTest { get; init; }

    /// <summary>Record tags the library hands out with host functions in them (sqlite3_vfs): the guest
    /// gets proxies whose methods call the host's (see Marshalling/HostObject.cs).</summary>
    public IReadOnlyList<string> HostObjectRecords { get; init; } = [];

    /// <summary>Library functions a program passes as callbacks (sqlite3_free as a destructor): the stub
    /// hands the host its own function instead of the stub's, so no trampoline and no round trip.</summary>
    public IReadOnlyList<string> HostEquivalents { get; init; } = [];
}
