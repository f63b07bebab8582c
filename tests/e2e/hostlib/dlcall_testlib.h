/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Argument blocks of the host test library. The host library and the
 * guest programs both include this header: every supported guest has the
 * host's LP64 layout, so one definition describes both sides.
 */
#ifndef DLCALL_TESTLIB_H
#define DLCALL_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

/* dlcall_test_add(args, ret): *(int64_t *)ret = a + b. */
struct dlcall_test_add_args {
    int64_t a;
    int64_t b;
};

/* dlcall_test_strlen(args, ret): *(size_t *)ret = strlen(s). */
struct dlcall_test_strlen_args {
    const char *s;
};

/*
 * dlcall_test_fill(args, ret): buf[i] = dlcall_test_fill_byte(seed, i) for
 * i < len; when ret is not NULL, *(size_t *)ret = len.
 */
struct dlcall_test_fill_args {
    unsigned char *buf;
    size_t len;
    uint32_t seed;
};

static inline unsigned char dlcall_test_fill_byte(uint32_t seed, size_t i)
{
    return (unsigned char)(seed * 31u + (uint32_t)i * 7u);
}

/* dlcall_test_noop(args, ret) does nothing; for timing the call itself. */

/* dlcall_test_crash(uintptr_t *addr, NULL) stores to *addr, or traps (SIGILL)
 * when it is 0: host code that faults, for the hostcrash test. */

#endif /* DLCALL_TESTLIB_H */
