// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>
/// thunks/&lt;lib&gt;/spec.json: what the headers cannot say about a library. Every field is
/// documented in docs/ThunkGen.md.
/// </summary>
/// <remarks>Fields with a default have a setter, not init: the source-generated JSON reader
/// (SpecLoader) sets every init-only property, absent ones to null, which would drop the defaults.</remarks>
public sealed partial record LibrarySpec
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
    public IReadOnlyList<string> Defines { get; set; } = [];

    /// <summary>Where the headers are on the host (default /usr/include).</summary>
    public IReadOnlyList<string> IncludeDirs { get; set; } = ["/usr/include"];

    /// <summary>Debian package with the real guest library (for its exports and symbol versions).</summary>
    public required string GuestPackage { get; init; }

    /// <summary>Libraries (spec names) this one passes through only with ("ssl": ["crypto"]: libssl's
    /// objects live in the host's libcrypto). `dlcall run` keeps it emulated when one stays emulated.</summary>
    public IReadOnlyList<string> Requires { get; set; } = [];

    /// <summary>The sonames of <see cref="Requires"/>, from their specs next to this one (set by the
    /// generator, not read from JSON): the stub stops unless each is loaded from its own directory.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> RequiredSonames { get; init; } = [];

    /// <summary>Functions to leave out even if exported and declared (globs: "lgamma*").</summary>
    public IReadOnlyList<string> Exclude { get; set; } = [];

    /// <summary>Functions after which the host errno becomes the guest's errno (globs; "*" for all).</summary>
    public IReadOnlyList<string> SetsErrno { get; set; } = [];

    /// <summary>Functions returning a pointer to a host string: the stub returns a guest copy.</summary>
    public IReadOnlyList<string> ReturnsHostString { get; set; } = [];

    /// <summary>"struct.field" holding host strings written by the library (the stub copies them).</summary>
    public IReadOnlyList<string> HostStringFields { get; set; } = [];

    /// <summary>
    /// Functions the stub cannot forward (and excluded ones) jump to the real guest library,
    /// loaded privately, and run emulated instead of aborting. Only for libraries whose state
    /// is not shared between functions (libm): a host object must never reach guest code.
    /// </summary>
    public bool FallbackToGuest { get; init; }

    /// <summary>
    /// With fallbackToGuest: a call made while the guest's rounding mode is not round-to-nearest
    /// goes to the real guest library, which honours it (the host's mode is QEMU's, not the guest's).
    /// </summary>
    public bool DefaultRoundingOnly { get; init; }

    /// <summary>
    /// With defaultRoundingOnly: the functions through which the guest changes its rounding mode
    /// (fesetround...). Until one of them runs, the guard costs one load; afterwards it reads the
    /// guest's rounding mode on every call. Changes made without them (inline assembly) are not seen.
    /// </summary>
    public IReadOnlyList<string> RoundingModeSetters { get; set; } = [];

    /// <summary>
    /// Floating-point results that are NaN although no argument was get the guest ISA's default
    /// NaN (x86 sets its sign bit, Arm and RISC-V do not), as the emulated library would return.
    /// </summary>
    public bool GuestNaN { get; init; }

    /// <summary>"function.param" (a pointer to a struct) to the fields of it the function only writes
    /// ("*": every field), like zlib's inflateCopy(dest, ...): the stub neither reads nor translates
    /// them on the way in, and translates on the way out only what the call wrote.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OutOnlyFields { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>"function.param" whose struct the function frees (NCONF_free): nothing is written back
    /// to it after the call (no trampoline unwrapped, no callback table or string put back).</summary>
    public IReadOnlyList<string> FreedParams { get; set; } = [];

    /// <summary>Struct tags of objects that keep guest callbacks from an earlier call (zstd's contexts keep
    /// a ZSTD_customMem): once the guest has handed over a callback, calls taking one use the callback path.</summary>
    public IReadOnlyList<string> RetainsCallbacks { get; set; } = [];

    /// <summary>"function.param" to a C expression the stub passes instead of a NULL argument.</summary>
    public IReadOnlyDictionary<string, string> NullDefaults { get; set; } = new Dictionary<string, string>();

    /// <summary>"function.param" to a guest C expression over the parameters the stub passes instead of the
    /// guest's argument (libcrypto's ASN1_item_d2i.it: the host's version of a guest-defined item).</summary>
    public IReadOnlyDictionary<string, string> GuestArgs { get; set; } = new Dictionary<string, string>();

    /// <summary>C files (relative to the spec) included in the guest stub before its functions
    /// (definitions nullDefaults refer to).</summary>
    public IReadOnlyList<string> StubSources { get; set; } = [];

    /// <summary>Headers that differ per architecture (Debian multiarch, e.g. "openssl/configuration.h"):
    /// the guest's copy comes from its root's /usr/include/&lt;triple&gt;/ (guestPackage must ship it).</summary>
    public IReadOnlyList<string> MultiarchHeaders { get; set; } = [];

    /// <summary>Functions (names or globs, "*" for all, "!name" to take out) that may run guest callbacks
    /// stored by earlier calls (a comparator given to a container's constructor, sqlite3_step running
    /// functions sqlite3_create_function registered): they take the coroutine path, unless
    /// <see cref="FastPath"/> names them.</summary>
    public IReadOnlyList<string> DeferredCallbacks { get; set; } = [];

    /// <summary>"error" (default): a layout difference stops generation. "unavailable": the functions
    /// that reach the type become unavailable, with a warning (for large APIs).</summary>
    public string LayoutMismatch { get; set; } = "error";

    /// <summary>Variadic functions the host side may call with their fixed arguments only (an empty
    /// variadic part, e.g. a NULL format): guest overrides reach them as dlcall_fixed_&lt;name&gt;().</summary>
    public IReadOnlyList<string> FixedArgCalls { get; set; } = [];

    /// <summary>Function name to a C file (relative to the spec) with the guest-side definition.</summary>
    public IReadOnlyDictionary<string, string> GuestOverrides { get; set; } = new Dictionary<string, string>();

    /// <summary>With <see cref="DeferredCallbacks"/>: functions (names, '*' matches any run of characters)
    /// that never run a guest callback and so keep the fast path. Those with callback parameters take it
    /// only when every callback argument is a sentinel (NULL, SQLITE_TRANSIENT...).</summary>
    public IReadOnlyList<string> FastPath { get; set; } = [];

    /// <summary>Record tags whose pointer the library keeps (sqlite3_module): the host gets a lasting copy
    /// with trampolines in its function-pointer fields instead of a swap undone after the call.</summary>
    public IReadOnlyList<string> PersistentRecords { get; set; } = [];

    /// <summary>Record tags the library keeps its working state in (libxml2's _xmlParserInput: cur, line,
    /// the parser's input stack): a pointer field to one goes to the host as it is, never replaced by a
    /// host copy of its callbacks for the call.</summary>
    public IReadOnlyList<string> StateRecords { get; set; } = [];

    /// <summary>Record tags whose function-pointer fields the library keeps calling after the call that
    /// handed the struct over (lxml stores readcallback in an xmlParserInputBuffer by field, then parses
    /// from it): the trampolines the host thunk put in stay there after the call.</summary>
    public IReadOnlyList<string> KeepWrappedRecords { get; set; } = [];

    /// <summary>C files (relative to the spec) appended to the host thunk library: host halves of guest
    /// overrides, found by the guest with dlcall__host_fn("name").</summary>
    public IReadOnlyList<string> HostSources { get; set; } = [];

    /// <summary>C file (relative to the spec) defining <c>static void dlcall_guest_init(void)</c>, run by the
    /// stub's constructor once the host side is loaded (before the program can call the library).</summary>
    public string? GuestInit { get; init; }

    /// <summary>Exported functions the headers do not declare (a library exporting its internals) are
    /// left unavailable without a DLC006 warning each.</summary>
    public bool QuietUndeclared { get; init; }

    /// <summary>Functions whose result may point into the host library's own static data (or to
    /// memory the guest can use as it is): the stub hands out an interned guest copy when
    /// <see cref="HostStringTest"/> says so.</summary>
    public IReadOnlyList<string> ReturnsHostStringIf { get; set; } = [];

    /// <summary>Name of a guest C predicate <c>int f(const void *)</c> (from <see cref="GuestInit"/>):
    /// whether a pointer the library returned must be copied before the guest reads it.</summary>
    public string? HostStringTest { get; init; }

    /// <summary>Record tags the library hands out with host functions in them (sqlite3_vfs): the guest
    /// gets proxies whose methods call the host's (see Marshalling/HostObject.cs).</summary>
    public IReadOnlyList<string> HostObjectRecords { get; set; } = [];

    /// <summary>Library functions a program passes as callbacks (sqlite3_free as a destructor): the stub
    /// hands the host its own function instead of the stub's, so no trampoline and no round trip.</summary>
    public IReadOnlyList<string> HostEquivalents { get; set; } = [];

    /// <summary>How `dlcall run` compares the host library's version with the guest's before passing it
    /// through (see Compat/HostCompatibility.cs); null: no version check beyond the exported symbols.</summary>
    public VersionCheck? VersionCheck { get; init; }
}
