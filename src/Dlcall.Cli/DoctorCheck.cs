// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Cli;

/// <summary>How a check of <c>dlcall doctor</c> came out.</summary>
internal enum DoctorStatus
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>Not there yet, but dlcall makes it on first use (a stub, a guest root): said, not a failure.</summary>
    Later,

    /// <summary>A problem dlcall cannot get past on its own: the fix says what to run.</summary>
    Fail,
}

/// <summary>One set-up check of <c>dlcall doctor</c>: what was checked, the finding, and the fix.</summary>
internal sealed record DoctorCheck(string What, DoctorStatus Status, string Finding, string Fix)
{
    public DoctorCheck(string what, bool ok, string finding, string fix) : this(what, ok ? DoctorStatus.Ok : DoctorStatus.Fail, finding, fix)
    {
    }
}
