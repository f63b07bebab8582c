// SPDX-License-Identifier: GPL-2.0-or-later
using Dlcall.Plugin;
using Dlcall.Protocol;

namespace Dlcall.Plugin.Tests;

/// <summary>
/// REGISTER_FAST_BLOCK when the fast path is off (no QEMU here: nothing enabled it). It must
/// answer like a plugin that lacks the ID, so the guest keeps the syscall path. The served
/// path runs under the real QEMU (Dlcall.E2E.Tests.FastPathTests).
/// </summary>
public unsafe class FastPathHostTests
{
    [Fact]
    public void RegisterWithoutTheFastPathAnswersEinval()
    {
        FastBlock block = default;
        Assert.False(FastPathHost.Enabled);
        Assert.Equal(-Errno.EINVAL, FastPathHost.Register(0, (ulong)&block));
        Assert.Equal(-Errno.EINVAL, Dispatcher.Dispatch(0, (ulong)ProtocolId.RegisterFastBlock, (ulong)&block, 0, 0));
    }

    [Fact]
    public void BlockLayoutIsFourWordsInGuestOrder()
    {
        Assert.Equal(32, sizeof(FastBlock));
        FastBlock b = default;
        Assert.Equal(24, (int)((byte*)&b.Status - (byte*)&b));
        Assert.Equal(16, (int)((byte*)&b.B - (byte*)&b));
    }
}
