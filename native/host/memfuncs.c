/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host halves of the guest's memory functions: the calls the memfuncs
 * interposer (native/guest/memfuncs.c) sends here once their size is above
 * its threshold (docs/HowItWorks.md, "The guest's memory functions").
 *
 * Each has the fast path's shape f(args, ret): @a points to three 64-bit
 * words in guest memory (two pointers or a pointer and a byte, and a size);
 * guest addresses are host addresses (guest_base 0). Nothing here calls
 * back into the guest, so the interposer makes one dlcall_invoke_fast()
 * per call and no frame.
 */
#include <stdint.h>
#include <string.h>

#include "dlcall_host.h"

struct memfuncs_args {
    uint64_t x; /* destination, or the first operand */
    uint64_t y; /* source, the second operand, or memset's byte */
    uint64_t n; /* bytes */
};

#define P(v) ((void *)(uintptr_t)(v))

DLCALL_HOST_API void dlcall_memfuncs_memcpy(void *a, void *ret)
{
    const struct memfuncs_args *m = a;

    (void)ret;
    memcpy(P(m->x), P(m->y), m->n);
}

DLCALL_HOST_API void dlcall_memfuncs_memmove(void *a, void *ret)
{
    const struct memfuncs_args *m = a;

    (void)ret;
    memmove(P(m->x), P(m->y), m->n);
}

DLCALL_HOST_API void dlcall_memfuncs_memset(void *a, void *ret)
{
    const struct memfuncs_args *m = a;

    (void)ret;
    memset(P(m->x), (int)m->y, m->n);
}

/* memcmp's sign only matters, but the guest gets the host's int as is. */
DLCALL_HOST_API void dlcall_memfuncs_memcmp(void *a, void *ret)
{
    const struct memfuncs_args *m = a;

    *(int64_t *)ret = memcmp(P(m->x), P(m->y), m->n);
}

/* strlen from @x; n unused. The host's strlen reads aligned blocks, never past the page its terminator is on. */
DLCALL_HOST_API void dlcall_memfuncs_strlen(void *a, void *ret)
{
    const struct memfuncs_args *m = a;

    *(uint64_t *)ret = strlen(P(m->x));
}
