/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memlib.h: the argument blocks of libdlcall_memlib.so (hostlib/memlib.c),
 * shared by the host library and the memmap guest (same LP64 layout), and
 * the fill pattern both sides write and verify.
 */
#ifndef DLCALL_MEMLIB_H
#define DLCALL_MEMLIB_H

#include <stddef.h>
#include <stdint.h>

/* How a block was allocated (by the host library, or by the guest). */
enum memlib_kind { MEMLIB_MALLOC, MEMLIB_MMAP };

/*
 * memlib_alloc(block, NULL): allocates block->size bytes with malloc or
 * mmap (block->kind), fills them with memlib_word(block->seed, i) and sets
 * block->addr (0 when the allocation failed).
 * memlib_check(block, uint64_t *bad): *bad = the number of 8-byte words
 * that no longer hold the fill.
 * memlib_free(block, NULL): free or munmap.
 * memlib_sum(block, uint64_t *sum): *sum = memlib_sum_words() over any
 * memory, e.g. a guest block, as the host reads it.
 */
struct memlib_block {
    uint64_t addr;
    uint64_t size; /* a multiple of 8 */
    uint32_t kind;
    uint32_t seed;
};

/* Word @i of the fill of a block seeded with @seed: every word differs. */
static inline uint64_t memlib_word(uint32_t seed, uint64_t i)
{
    uint64_t z = ((uint64_t)seed << 32 ^ i) * 0x9e3779b97f4a7c15ULL;

    return z ^ (z >> 29);
}

/* A position-dependent checksum of @n words, the same on both sides. */
static inline uint64_t memlib_sum_words(const volatile uint64_t *w, uint64_t n)
{
    uint64_t sum = 0;

    for (uint64_t i = 0; i < n; i++) {
        sum = (sum ^ w[i]) * 0x100000001b3ULL + i;
    }
    return sum;
}

#endif /* DLCALL_MEMLIB_H */
