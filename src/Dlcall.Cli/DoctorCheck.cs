// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>One set-up check of <c>dlcall doctor</c>: what was checked, the finding, and the fix.</summary>
internal sealed record DoctorCheck(string What, bool Ok, string Finding, string Fix);
