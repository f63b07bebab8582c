// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.E2E.Tests;

/// <summary>Many guest threads (= many vCPU threads entering the .NET runtime).</summary>
public class ThreadTests
{
    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void EightThreadsTimesTwentyThousandCalls(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "threads", [Guest.HostLib]);
        Guest.AssertPassed(r, "threads");
    }

    [Theory]
    [InlineData("aarch64", "static")]
    [InlineData("riscv64", "dynamic")]
    [InlineData("x86_64", "static")]
    public void SixteenThreadsMixingEveryId(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "gcstress", [Guest.HostLib]);
        Guest.AssertPassed(r, "gcstress");
    }
}
