// SPDX-License-Identifier: GPL-2.0-or-later
namespace Dlcall.Plugin;

/// <summary>Which C signature QEMU uses for the syscall filter and its register function.</summary>
internal enum FilterShape
{
    /// <summary>QEMU 11.0 (API 6): filter(id, vcpu, num, a1..a8, uint64_t *sysret), register(id, cb).</summary>
    Api6,

    /// <summary>QEMU 11.1+ (API 7) and dlcall's 10.2 backport:
    /// filter(vcpu, num, a1..a8, int64_t *sysret, void *userdata), register(id, cb, userdata).</summary>
    Api7,
}
