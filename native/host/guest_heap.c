/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest-mapped heap (dlcall_host.h): one allocator for every host
 * library whose memory the program uses directly, in regions the guest
 * stubs mmap'd. Blocks are powers of two from 32 bytes; a 16-byte header
 * (keeping 16-byte alignment) holds the block's class. Freed blocks go on
 * their class's list; new ones are cut from the first region with room.
 * Before, SQLite's, libcrypto's and libxml2's overrides each carried a copy.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlcall_host.h"

#define MIN_SHIFT 5 /* 32-byte blocks */
#define CLASSES 44
#define HDR 16
#define MAX_REGIONS 16

static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { uint8_t *base, *next, *end; } regions[MAX_REGIONS];
static int region_count;
static void *free_list[CLASSES];

/* Smallest class whose blocks hold @n bytes after the header; CLASSES when none. */
static int class_of(size_t n)
{
    int c = 0;

    while (c < CLASSES && ((size_t)1 << (c + MIN_SHIFT)) - HDR < n) {
        c++;
    }
    return c;
}

static size_t usable_of(int c)
{
    return ((size_t)1 << (c + MIN_SHIFT)) - HDR;
}

void dlcall_rt_heap_add(uint64_t base, uint64_t size)
{
    pthread_mutex_lock(&heap_lock);
    if (region_count < MAX_REGIONS) {
        regions[region_count].base = regions[region_count].next = (uint8_t *)(uintptr_t)base;
        regions[region_count].end = (uint8_t *)(uintptr_t)(base + size);
        region_count++;
    }
    pthread_mutex_unlock(&heap_lock);
}

void *dlcall_rt_heap_alloc(size_t n)
{
    int c = class_of(n > 0 ? n : 1);
    size_t block;
    uint8_t *p = NULL;

    if (c >= CLASSES) {
        return NULL;
    }
    block = (size_t)1 << (c + MIN_SHIFT);
    pthread_mutex_lock(&heap_lock);
    if (free_list[c] != NULL) {
        p = free_list[c];
        free_list[c] = *(void **)(p + HDR);
    } else {
        for (int i = 0; i < region_count && p == NULL; i++) {
            if ((size_t)(regions[i].end - regions[i].next) >= block) {
                p = regions[i].next;
                regions[i].next += block;
            }
        }
    }
    pthread_mutex_unlock(&heap_lock);
    if (p == NULL) {
        return NULL;
    }
    *(uint64_t *)p = (uint64_t)c;
    return p + HDR;
}

/*
 * Whether @q is a block of this heap. Not every pointer a library frees came
 * from it: libxml2's xmlFreeParserCtxt frees the parser's sax handler, which
 * during a call is the thunk's host copy of the guest's (the generator's
 * callback copies, kept for the process). Such a pointer is left alone.
 */
static int owns_locked(const void *q)
{
    const uint8_t *b = q;

    for (int i = 0; i < region_count; i++) {
        if (b >= regions[i].base + HDR && b < regions[i].next) {
            return 1;
        }
    }
    return 0;
}

void dlcall_rt_heap_free(void *q)
{
    if (q == NULL) {
        return;
    }
    pthread_mutex_lock(&heap_lock);
    if (owns_locked(q)) {
        uint8_t *p = (uint8_t *)q - HDR;
        int c = (int)*(uint64_t *)p;

        *(void **)q = free_list[c];
        free_list[c] = p;
    }
    pthread_mutex_unlock(&heap_lock);
}

size_t dlcall_rt_heap_usable(const void *q)
{
    return usable_of((int)*(const uint64_t *)((const uint8_t *)q - HDR));
}

size_t dlcall_rt_heap_roundup(size_t n)
{
    int c = class_of(n > 0 ? n : 1);

    return c < CLASSES ? usable_of(c) : n;
}

void *dlcall_rt_heap_realloc(void *q, size_t n)
{
    void *r;
    int foreign;

    if (q == NULL) {
        return dlcall_rt_heap_alloc(n);
    }
    pthread_mutex_lock(&heap_lock);
    foreign = !owns_locked(q);
    pthread_mutex_unlock(&heap_lock);
    if (foreign) {
        fprintf(stderr, "dlcall: realloc of memory the guest-mapped heap did not allocate (%p)\n", q);
        abort();
    }
    if (n <= dlcall_rt_heap_usable(q)) {
        return q;
    }
    r = dlcall_rt_heap_alloc(n);
    if (r != NULL) {
        memcpy(r, q, dlcall_rt_heap_usable(q));
        dlcall_rt_heap_free(q);
    }
    return r;
}

void *dlcall_rt_heap_ctx_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return dlcall_rt_heap_alloc(n); /* NULL: the library reports out of memory */
}

void dlcall_rt_heap_ctx_free(void *ctx, void *p)
{
    (void)ctx;
    dlcall_rt_heap_free(p);
}

/* libjpeg's jpeg_free_small/large pass the size too: a separate function, not a 3-argument call of a 2-argument one. */
void dlcall_rt_heap_ctx_free_sized(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    dlcall_rt_heap_free(p);
}
