/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host test library for the e2e guest programs: built for the host and
 * called from emulated guests through INVOKE_PROC, so every export has
 * the only shape the protocol can call, void f(void *args, void *ret).
 */
#include <string.h>

#include "dlcall_testlib.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT void dlcall_test_add(void *args, void *ret);
EXPORT void dlcall_test_strlen(void *args, void *ret);
EXPORT void dlcall_test_fill(void *args, void *ret);
EXPORT void dlcall_test_noop(void *args, void *ret);

void dlcall_test_add(void *args, void *ret)
{
    const struct dlcall_test_add_args *in = args;

    /* Unsigned so that overflowing operands wrap instead of being UB. */
    *(int64_t *)ret = (int64_t)((uint64_t)in->a + (uint64_t)in->b);
}

void dlcall_test_strlen(void *args, void *ret)
{
    const struct dlcall_test_strlen_args *in = args;

    *(size_t *)ret = strlen(in->s);
}

void dlcall_test_fill(void *args, void *ret)
{
    const struct dlcall_test_fill_args *in = args;

    for (size_t i = 0; i < in->len; i++) {
        in->buf[i] = dlcall_test_fill_byte(in->seed, i);
    }
    if (ret != NULL) {
        *(size_t *)ret = in->len;
    }
}

void dlcall_test_noop(void *args, void *ret)
{
    (void)args;
    (void)ret;
}

/*
 * Host code that faults: stores to the address in *args (the hostcrash
 * e2e test passes 0x8), or runs an invalid instruction (SIGILL) when
 * *args is 0.
 */
void dlcall_test_crash(void *args, void *ret)
{
    volatile uintptr_t target = *(const uintptr_t *)args;

    (void)ret;
    if (target == 0) {
        __builtin_trap();
    }
    *(volatile int *)target = 42;
}
