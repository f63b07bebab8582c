/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linked into the generated liblzma stub (spec stubSources). With a NULL allocator liblzma
 * allocates with the host's malloc(), but some functions hand that memory to the caller, who
 * frees it with free() (filter options from lzma_properties_decode or lzma_block_header_decode,
 * the strings of lzma_str_from_filters), or free memory the caller allocated
 * (lzma_filters_free). The guest's free() cannot free host memory, nor the host's free() guest
 * memory: for those functions the stub passes this allocator instead of NULL, so liblzma
 * allocates and frees with the guest's malloc() and free(), exactly as the real library would.
 */
#include "dlcall_stub.h"

static void *dlcall_lzma_guest_alloc(void *opaque, size_t nmemb, size_t size)
{
    (void)opaque;
    /* liblzma's own lzma_alloc() calls this with nmemb 1; malloc(0) may return NULL. */
    return malloc(nmemb * size == 0 ? 1 : nmemb * size);
}

static void dlcall_lzma_guest_free(void *opaque, void *ptr)
{
    (void)opaque;
    free(ptr);
}

const lzma_allocator dlcall_lzma_guest_allocator = {
    .alloc = dlcall_lzma_guest_alloc,
    .free = dlcall_lzma_guest_free,
    .opaque = NULL,
};
