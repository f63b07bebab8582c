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

    /// <summary>Headers that differ per architecture (Debian multiarch, e.g. "openssl/configuration.h"):
    /// the guest's copy comes from its root's /usr/include/&lt;triple&gt;/ (guestPackage must ship it).</summary>
    public IReadOnlyList<string> MultiarchHeaders { get; init; } = [];

    /// <summary>Functions (names or globs, "*" for all) that may run guest callbacks stored by earlier
    /// calls (a comparator given to a container's constructor): they take the coroutine path.</summary>
    public IReadOnlyList<string> DeferredCallbacks { get; init; } = [];

    /// <summary>"error" (default): a layout difference stops generation. "unavailable": the functions
    /// that reach the type become unavailable, with a warning (for large APIs).</summary>
    public string LayoutMismatch { get; init; } = "error";

    /// <summary>Variadic functions the host side may call with their fixed arguments only (an empty
    /// variadic part, e.g. a NULL format): guest overrides reach them as dlcall_fixed_&lt;name&gt;().</summary>
    public IReadOnlyList<string> FixedArgCalls { get; init; } = [];

    /// <summary>Function name to a C file (relative to the spec) with the guest-side definition.</summary>
    public IReadOnlyDictionary<string, string> GuestOverrides { get; init; } = new Dictionary<string, string>();
}
