/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdlcall_memlib.so: host allocations for the memmap guest, called
 * through INVOKE_PROC (void f(void *args, void *ret)). The memory comes
 * from the host's own allocator and the host kernel, beside the guest
 * memory QEMU maps; the guest checks that the two never overlap and that
 * neither side's bytes change under the other.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "memlib.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT void memlib_alloc(void *args, void *ret);
EXPORT void memlib_check(void *args, void *ret);
EXPORT void memlib_free(void *args, void *ret);
EXPORT void memlib_sum(void *args, void *ret);

void memlib_alloc(void *args, void *ret)
{
    struct memlib_block *b = args;
    uint64_t *w;

    (void)ret;
    if (b->kind == MEMLIB_MMAP) {
        w = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        w = w == MAP_FAILED ? NULL : w;
    } else {
        w = malloc(b->size);
    }
    for (uint64_t i = 0; w != NULL && i < b->size / 8; i++) {
        w[i] = memlib_word(b->seed, i);
    }
    b->addr = (uint64_t)(uintptr_t)w;
}

void memlib_check(void *args, void *ret)
{
    const struct memlib_block *b = args;
    const uint64_t *w = (const uint64_t *)(uintptr_t)b->addr;
    uint64_t bad = 0;

    for (uint64_t i = 0; i < b->size / 8; i++) {
        bad += w[i] != memlib_word(b->seed, i);
    }
    *(uint64_t *)ret = bad;
}

void memlib_free(void *args, void *ret)
{
    const struct memlib_block *b = args;

    (void)ret;
    if (b->kind == MEMLIB_MMAP) {
        munmap((void *)(uintptr_t)b->addr, b->size);
    } else {
        free((void *)(uintptr_t)b->addr);
    }
}

void memlib_sum(void *args, void *ret)
{
    const struct memlib_block *b = args;

    *(uint64_t *)ret = memlib_sum_words((const uint64_t *)(uintptr_t)b->addr, b->size / 8);
}
