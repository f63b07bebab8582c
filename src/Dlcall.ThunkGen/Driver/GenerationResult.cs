// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Diagnostics;
using Dlcall.ThunkGen.Marshalling;

namespace Dlcall.ThunkGen.Driver;

/// <summary>What a run produced: diagnostics always, a plan and files when it got that far.</summary>
public sealed record GenerationResult(IReadOnlyList<Diagnostic> Diagnostics, BoundaryPlan? Plan, IReadOnlyList<string> Files)
{
    /// <summary>True when no error was reported.</summary>
    public bool Succeeded => Diagnostics.All(d => d.Severity != Severity.Error);
}
