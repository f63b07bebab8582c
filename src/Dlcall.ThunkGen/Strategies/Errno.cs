// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.ThunkGen.Spec;

namespace Dlcall.ThunkGen.Strategies;

/// <summary>
/// spec setsErrno: the host function starts with errno 0 and its errno travels back in the
/// argument block (<c>dlcall_errno</c>). Library functions set errno, never clear it: the guest's
/// changes only when the host's did, which keeps <c>__errno_location</c> (two indirect branches
/// under QEMU) off the path.
/// </summary>
public sealed record Errno : Strategy
{
    public static Strategy? For(StrategyInput i) => NamePatterns.Matches(i.Spec.SetsErrno, i.Decl.Name) ? new Errno() : null;

    internal override string? GuestRareTest(StubContext c) => "a.dlcall_errno";

    // template: if (a.dlcall_errno != 0) { errno = a.dlcall_errno; }
    internal override void GuestRare(StubContext c) => c.W.Block("if (a.dlcall_errno != 0)", () => c.W.Line("errno = a.dlcall_errno;"));

    internal override void HostBefore(ThunkContext c) => c.W.Line("errno = 0;");

    internal override void HostAfter(ThunkContext c) => c.W.Line("a->dlcall_errno = errno;");
}
