// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.ThunkGen.Diagnostics;

/// <summary>How bad a diagnostic is: errors stop generation, warnings do not.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
