// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.TestSupport;

namespace Dlcall.E2E.Tests;

/// <summary>
/// Host libraries calling guest function pointers through the host runtime libdlcall_host.so
/// (native/host): host calls on coroutines, trampolines, nesting, guest threads
/// (tests/e2e/callbacks with the hand-written thunks of tests/e2e/hostlib/cbtest*.c).
/// </summary>
public class CallbackTests
{
    private const int SigAbrt = 6;

    /// <summary>libcbtest.so; libdlcall_host.so sits next to it, where the guest loads it from.</summary>
    private static string CbLib
    {
        get
        {
            RepoPaths.Require("e2e", "host", "libdlcall_host.so");
            return RepoPaths.Require("e2e", "host", "libcbtest.so");
        }
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void SortDoublesNestingAllocFreeRoundTripsAndThreads(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "callbacks", [CbLib]);
        Guest.AssertPassed(r, "callbacks");
        Assert.Matches(@"callback_roundtrip_ns \d+", r.StdoutText);
        Assert.Equal("", r.StderrText);
    }

    [Theory]
    [MemberData(nameof(GuestTarget.All), MemberType = typeof(GuestTarget))]
    public void CallbackFromAHostCreatedThreadAbortsWithAMessage(string isa, string link)
    {
        var r = Guest.Run(new(isa, link), "callbacks", [CbLib, "thread"], timeout: TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 128 + SigAbrt, r.ToString());
        Assert.Contains("calling back from a host thread", r.StdoutText);
        Assert.Contains("dlcall: cbtest: cbtest_spawn_thread_and_call cb: the host library called a guest " +
            "callback from a thread it created itself, or during a call made without dlcall_call_host() " +
            "(a fast-path call: see the spec's deferredCallbacks); dlcall cannot run guest code there", r.StderrText);
        Assert.DoesNotContain("FAIL", r.StdoutText);
    }
}
