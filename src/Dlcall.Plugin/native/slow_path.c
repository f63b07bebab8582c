/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The calls made while dlcall_slow is set (call.h): the first call, which
 * puts the fault handler in place; a refused guest_base; stats and trace.
 * The hot paths (filter.c, fast_path.c) pay one branch for all of these
 * and call down to here; this calls down to stats, trace, fault and call.
 */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include <dlcall/protocol.h>

#include "call.h"
#include "fault.h"
#include "log.h"
#include "slow_path.h"
#include "stats.h"
#include "trace.h"

static uint64_t refused_guest_base;

/* The entry points of the C# side (NativeGlue.cs). */
void dlcall_observe_configure(bool stats, bool trace, void (*outs)(const char *));
bool dlcall_guest_base(uint64_t *out);

/* stats=/trace= and where their lines go (qemu_plugin_outs, or NULL for stderr). */
void dlcall_observe_configure(bool stats, bool trace, void (*outs)(const char *))
{
    unsigned int bits = (stats ? DLCALL_SLOW_STATS : 0) | (trace ? DLCALL_SLOW_TRACE : 0);

    dlcall_log_to(outs);
    __atomic_or_fetch(&dlcall_slow, bits, __ATOMIC_RELAXED);
}

/*
 * Guest addresses are host addresses only with guest_base 0. Otherwise
 * every pointer the guest passes names some other host memory: the plugin
 * refuses every call rather than read or write there.
 */
static uint64_t noted_guest_base;
static bool guest_base_known;

void dlcall_note_guest_base(uint64_t guest_base)
{
    noted_guest_base = guest_base;
    __atomic_store_n(&guest_base_known, true, __ATOMIC_RELEASE);
    if (guest_base == 0) {
        return;
    }
    refused_guest_base = guest_base;
    __atomic_or_fetch(&dlcall_slow, DLCALL_SLOW_REFUSE, __ATOMIC_RELAXED);
}

bool dlcall_guest_base(uint64_t *out)
{
    if (!__atomic_load_n(&guest_base_known, __ATOMIC_ACQUIRE)) {
        return false;
    }
    *out = noted_guest_base;
    return true;
}

static int64_t refuse(void)
{
    static bool said;
    char line[320];
    int n;

    if (!__atomic_exchange_n(&said, true, __ATOMIC_RELAXED)) {
        n = snprintf(line, sizeof(line),
                     "plugin dlcall: QEMU runs the guest with guest_base 0x%llx "
                     "(-B, -R or QEMU_GUEST_BASE), so guest addresses are not host "
                     "addresses; dlcall refuses every call (-EINVAL)\n",
                     (unsigned long long)refused_guest_base);
        (void)!write(STDERR_FILENO, line, (size_t)n);
    }
    return -DLCALL_EINVAL;
}

int64_t dlcall_serve_slow(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4)
{
    unsigned int slow = __atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED);

    if (slow & DLCALL_SLOW_SETUP) {
        dlcall_crash_setup();
        slow = __atomic_and_fetch(&dlcall_slow, ~DLCALL_SLOW_SETUP,
                                  __ATOMIC_RELAXED);
    }
    if (slow & DLCALL_SLOW_REFUSE) {
        return refuse();
    }
    if (slow & (DLCALL_SLOW_STATS | DLCALL_SLOW_TRACE)) {
        uint64_t t0 = (slow & DLCALL_SLOW_STATS) ? dlcall_now_ns() : 0;
        int64_t ret = dlcall_serve_plain(vcpu_index, a1, a2, a3, a4);

        if (slow & DLCALL_SLOW_STATS) {
            dlcall_stats_record(a1 < DLCALL_ID_COUNT ? (unsigned int)a1 : DLCALL_STATS_UNKNOWN,
                                a1 == DLCALL_ID_INVOKE_PROC && ret == DLCALL_OK ? a2 : 0,
                                a3, dlcall_now_ns() - t0);
        }
        if (slow & DLCALL_SLOW_TRACE) {
            dlcall_trace_call(vcpu_index, a1, a2, a3, a4, ret);
        }
        return ret;
    }
    return dlcall_serve_plain(vcpu_index, a1, a2, a3, a4);
}

int64_t dlcall_fast_call_slow(unsigned int vcpu_index, uint64_t fn, uint64_t a,
                              uint64_t b)
{
    unsigned int slow = __atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED);
    uint64_t t0 = (slow & DLCALL_SLOW_STATS) ? dlcall_now_ns() : 0;

    if (slow & DLCALL_SLOW_REFUSE) {
        return -DLCALL_EINVAL;
    }
    dlcall_invoke_host_fn(fn, a, b);
    if (slow & DLCALL_SLOW_STATS) {
        dlcall_stats_record(DLCALL_STATS_FAST, fn, a, dlcall_now_ns() - t0);
    }
    if (slow & DLCALL_SLOW_TRACE) {
        dlcall_trace_fast(vcpu_index, fn, a, b);
    }
    return DLCALL_OK;
}
