// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Spec;

/// <summary>The spec's <c>hostHooks</c>: host functions run around the real call with its first
/// argument, for libraries whose objects hold method tables both sides use (libjpeg's cinfo->err,
/// ->mem, ->src: docs/Longjmp.md). Strategies/HostHooks.cs emits them.</summary>
public sealed partial record LibrarySpec
{
    /// <summary>Hook sets; a function takes the first whose <see cref="HostHooksSpec.Functions"/> match.</summary>
    public IReadOnlyList<HostHooksSpec> HostHooks { get; set; } = [];

    /// <summary>The hook set of <paramref name="function"/>, or null.</summary>
    public HostHooksSpec? HostHooksFor(string function) =>
        HostHooks.FirstOrDefault(h => NamePatterns.Matches(h.Functions, function));
}

/// <summary>
/// The thunks of <see cref="Functions"/> call <c>uint64_t Enter(void *object)</c> before the real call
/// and <c>void Leave(void *object, uint64_t entered)</c> after it (after a raise too), both from
/// hostSources, for each parameter of one of the <see cref="Types"/> (jpeg_copy_critical_parameters
/// takes two cinfos). The hooks own the structs those arguments point to: the generator copies none of
/// their callback structs (no CallbackCopies for these functions).
/// </summary>
public sealed record HostHooksSpec
{
    /// <summary>Functions (globs, "!name" to take out).</summary>
    public IReadOnlyList<string> Functions { get; set; } = [];

    /// <summary>Pointer types (as the header spells them) of the parameters the hooks get.</summary>
    public IReadOnlyList<string> Types { get; set; } = [];

    public required string Enter { get; init; }

    public required string Leave { get; init; }
}
