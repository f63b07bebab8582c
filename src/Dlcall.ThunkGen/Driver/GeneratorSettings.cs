// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Driver;

/// <summary>Everything a generation run needs, resolved once by the caller (the CLI).</summary>
/// <param name="SpecPath">thunks/&lt;lib&gt;/spec.json.</param>
/// <param name="GuestIsa">aarch64 or riscv64 (x86_64 guests work too).</param>
/// <param name="GuestLibraryPath">The real guest library (for exports and symbol versions).</param>
/// <param name="HostLibraryPath">The real host library (to check what it exports).</param>
/// <param name="OutputDir">Where this library's sources go (under artifacts/).</param>
/// <param name="GuestLibDir">The guest stub libraries of this ISA: an LD_LIBRARY_PATH overlay.</param>
/// <param name="HostLibDir">Host thunk libraries and the host runtime (shared by every guest ISA).</param>
/// <param name="RepoRoot">The clone (for native/include and native/host).</param>
/// <param name="Compile">Also build both libraries.</param>
/// <param name="DefaultHostDir">Overrides the DLCALL_HOST_DIR default compiled into the stub.</param>
public sealed record GeneratorSettings(
    string SpecPath,
    string GuestIsa,
    string GuestLibraryPath,
    string HostLibraryPath,
    string OutputDir,
    string GuestLibDir,
    string HostLibDir,
    string RepoRoot,
    bool Compile,
    string? DefaultHostDir = null)
{
    /// <summary>The guest root the guest library was found in (…/usr/lib/&lt;triple&gt;/lib.so → …).</summary>
    public string GuestRoot
    {
        get
        {
            var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(GuestLibraryPath))!).Parent?.Parent;
            return dir is null ? "/" : dir.Name == "usr" && dir.Parent is not null ? dir.Parent.FullName : dir.FullName;
        }
    }

    /// <summary>Compiled into the stub as the default DLCALL_HOST_DIR.</summary>
    public string HostDirAtRunTime => DefaultHostDir ?? Path.GetFullPath(HostLibDir);

    /// <summary>The guest's GNU triple, for clang and the cross compiler.</summary>
    public string GuestTriple => GuestIsa + "-linux-gnu";

    /// <summary>
    /// The guest compiler's code-layout flags, for QEMU's sake. Functions start on 256-byte
    /// boundaries: QEMU chains translation blocks only within a page, so a stub whose hot path
    /// (~200 bytes) crossed a page paid two block lookups per call (1 stub in 18 did).
    /// aarch64: a `bti c` landing pad opens every function. Callers reach the stubs through the
    /// PLT's `br x17`, and QEMU checks the landing pad of an indirect branch's target with a
    /// page-flags lookup per call (helper_guarded_page_check) unless the target's first
    /// instruction is a BTI. Only the landing pads: pac-ret's PACIASP/AUTIASP would cost QEMU a
    /// QARMA computation each.
    /// </summary>
    public IReadOnlyList<string> GuestCodeFlags =>
        GuestIsa == "aarch64" ? ["-falign-functions=256", "-mbranch-protection=bti"] : ["-falign-functions=256"];

    /// <summary>The host's GNU triple.</summary>
    public const string HostTriple = "x86_64-linux-gnu";

    /// <summary>The library's own headers, copied for the guest's compiler and layout probe.</summary>
    public string GuestIncludeDir => Path.Combine(OutputDir, "include");

    /// <summary>Generated sources.</summary>
    public string SourceDir => Path.Combine(OutputDir, "src");
}
