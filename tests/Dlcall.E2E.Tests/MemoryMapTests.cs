// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;
using Xunit.Abstractions;

namespace Dlcall.E2E.Tests;

/// <summary>Host libraries allocate with the host's allocator while QEMU maps guest memory in the
/// same address space: the two must never overlap nor change each other's bytes.</summary>
public class MemoryMapTests(ITestOutputHelper output)
{
    /// <summary>tests/fuzz/guest/memmap.c: 1 GiB of host (malloc/mmap through INVOKE_PROC) and guest
    /// (malloc/mmap) blocks interleaved, overlap checked per block, fills per round.</summary>
    [Fact]
    public void OneGibibyteOfInterleavedHostAndGuestAllocationsNeverCollides()
    {
        string memlib = RepoPaths.Require("fuzz", "host", "libdlcall_memlib.so");
        var r = FuzzGuest.Run("memmap", [memlib, "1024"], TimeSpan.FromMinutes(5));
        output.WriteLine(FuzzGuest.Lines(r.StdoutText, "memmap:"));
        Guest.AssertPassed(r, "memmap");
        long hostMiB = FuzzGuest.Figure(r.StdoutText, "memmap: rounds", "host");
        long guestMiB = FuzzGuest.Figure(r.StdoutText, "memmap: rounds", "guest");
        Assert.True(hostMiB + guestMiB >= 1024, r.StdoutText);
        Assert.True(hostMiB > 256 && guestMiB > 256, r.StdoutText); // both sides, interleaved
        Assert.True(FuzzGuest.Figure(r.StdoutText, "memmap: rounds", "overlap_checks") > 0, r.StdoutText);
        Assert.True(FuzzGuest.Figure(r.StdoutText, "memmap: rounds", "probes") > 0, r.StdoutText);
        output.WriteLine("collisions: 0, changed words: 0 (memmap stops at the first)");
    }
}
