/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic syscall when dlcall_slow is set (glue.h): the first call,
 * which puts the fault handler in place; a refused guest_base; stats and
 * trace. The hot path pays one branch for all of these.
 */
#include <dlcall/protocol.h>

#include "glue.h"

int64_t dlcall_serve_slow(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4)
{
    unsigned int slow = __atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED);

    if (slow & DLCALL_SLOW_SETUP) {
        dlcall_crash_setup();
        slow = __atomic_and_fetch(&dlcall_slow, ~DLCALL_SLOW_SETUP,
                                  __ATOMIC_RELAXED);
    }
    return dlcall_serve_plain(vcpu_index, a1, a2, a3, a4);
}
