// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Diagnostics;

/// <summary>One finding about the input, with where it comes from (file:line when known).</summary>
/// <param name="Severity">Whether it stops generation.</param>
/// <param name="Code">Stable identifier, e.g. DLC001, for tests and suppression.</param>
/// <param name="Message">What is wrong and, where possible, what to do.</param>
/// <param name="Location">file:line, or null.</param>
public sealed record Diagnostic(Severity Severity, string Code, string Message, string? Location = null)
{
    public override string ToString() =>
        $"{(Location is null ? "" : Location + ": ")}{Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
