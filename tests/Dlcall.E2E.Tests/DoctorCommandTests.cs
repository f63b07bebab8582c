// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary><c>dlcall doctor</c> on the machine the tests just set up finds nothing to fix.</summary>
public class DoctorCommandTests
{
    [Fact]
    public void FindsTheSetUpComplete()
    {
        var r = ProcessRunner.Run(Path.Combine(RepoPaths.Root, "dlcall"), ["doctor"], TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("everything dlcall needs is there", r.StdoutText);
        Assert.Contains("QEMU syscall-filter API", r.StdoutText);
    }
}
