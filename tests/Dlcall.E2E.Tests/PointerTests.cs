// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>Bad pointers, strings and handles from the guest: refused with -EFAULT or
/// -ENAMETOOLONG while QEMU keeps running (docs/Security.md, "Pointers").</summary>
public class PointerTests
{
    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void BadPointersAreRefusedAndQemuKeepsServing(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "badptr", [Guest.HostLib]);
        Guest.AssertPassed(r, "badptr");
        Assert.DoesNotContain("QEMU internal", r.StderrText);
    }
}
