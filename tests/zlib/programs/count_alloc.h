/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A guest allocator for zlib that counts: zalloc adds one to *opaque and to
 * allocs, zfree to frees. The programs check the counts to see that every
 * callback ran in the guest, with the guest's own opaque pointer.
 */
#ifndef COUNT_ALLOC_H
#define COUNT_ALLOC_H

#include <stdlib.h>
#include <zlib.h>

static int allocs, frees;

static voidpf count_alloc(voidpf opaque, uInt n, uInt size)
{
    (*(int *)opaque)++;
    allocs++;
    return calloc(n, size);
}

static void count_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    frees++;
    free(p);
}

#endif
