// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>The spec's <c>raises</c>: a library that reports errors by longjmp (libpng's png_error,
/// libjpeg's error_exit). docs/Longjmp.md; Strategies/Raises.cs emits it.</summary>
public sealed partial record LibrarySpec
{
    /// <summary>How the library's longjmp errors reach the guest, or null when it has none.</summary>
    public RaisesSpec? Raises { get; init; }

    /// <summary>Function to a host function (from hostSources) with the same signature that its thunk
    /// calls instead of the real one: a host half without a guest override (libpng's
    /// png_set_longjmp_fn hands the library the host's longjmp function).</summary>
    public IReadOnlyDictionary<string, string> HostCalls { get; set; } = new Dictionary<string, string>();

    /// <summary>Record tags whose objects each side only fills and reads on its own (a jmp_buf: the guest
    /// setjmps and longjmps it, the host library passes it along): their layouts may differ, so they are
    /// not checked (a jmp_buf is 312 bytes on arm64, 200 on x86_64).</summary>
    public IReadOnlyList<string> OpaqueRecords { get; set; } = [];
}

/// <summary>
/// The thunks of <see cref="Functions"/> open a host raise point around the real call; the library's
/// error handler, replaced on the host (by a hostCalls wrapper or a hostSources file),
/// calls <c>dlcall_rt_raise(value, arg)</c>, which jumps back there; the stub then calls
/// <see cref="Guest"/>(value, arg), which runs the guest's own error path and does not return.
/// </summary>
public sealed record RaisesSpec
{
    /// <summary>Functions (globs, "*" for all, "!name" to take out) that may raise.</summary>
    public IReadOnlyList<string> Functions { get; set; } = ["*"];

    /// <summary>Guest function (from stubSources), <c>void f(int value, uint64_t arg)</c>, that never returns.</summary>
    public required string Guest { get; init; }
}
