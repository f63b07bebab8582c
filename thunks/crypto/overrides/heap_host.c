/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * OpenSSL's memory, on the host, in pages the guest mapped (heap_guest.c).
 *
 * Programs read and write through buffers they get from OPENSSL_malloc
 * (openssl s_client's app_malloc'd socket and terminal buffers, read(2) and
 * write(2) on them). Host malloc'd pages are unknown to QEMU: plain guest
 * loads reach them, but a guest syscall on them fails with EFAULT. So
 * libcrypto allocates from a region the guest mmap'd: a size-class
 * allocator (power-of-two classes, a free list each, bump allocation from
 * the region), installed with CRYPTO_set_mem_functions before the host
 * libcrypto allocates anything. As in SQLite's (thunks/sqlite3/overrides/heap_host.c).
 */
#include <pthread.h>

#define DLCALL_HEAP_MIN_SHIFT 5  /* 32-byte blocks */
#define DLCALL_HEAP_CLASSES 40
#define DLCALL_HEAP_HDR 16       /* keeps 16-byte alignment */

struct dlcall_heap_args {
    uint64_t base;
    uint64_t size;
};

static pthread_mutex_t dlcall_heap_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *dlcall_heap_next, *dlcall_heap_end;
static void *dlcall_heap_free[DLCALL_HEAP_CLASSES];

/* Smallest class whose blocks hold @n bytes after the header. */
static int dlcall_heap_class(size_t n)
{
    int c = 0;

    while (c < DLCALL_HEAP_CLASSES && ((uint64_t)1 << (c + DLCALL_HEAP_MIN_SHIFT)) - DLCALL_HEAP_HDR < n) {
        c++;
    }
    return c;
}

static size_t dlcall_heap_usable(const void *q)
{
    int c = (int)*(const uint64_t *)((const uint8_t *)q - DLCALL_HEAP_HDR);

    return ((size_t)1 << (c + DLCALL_HEAP_MIN_SHIFT)) - DLCALL_HEAP_HDR;
}

static void *dlcall_heap_malloc(size_t n, const char *file, int line)
{
    int c = dlcall_heap_class(n > 0 ? n : 1);
    uint64_t block;
    uint8_t *p;

    (void)file;
    (void)line;
    if (c >= DLCALL_HEAP_CLASSES) {
        return NULL;
    }
    block = (uint64_t)1 << (c + DLCALL_HEAP_MIN_SHIFT);
    pthread_mutex_lock(&dlcall_heap_lock);
    p = dlcall_heap_free[c];
    if (p != NULL) {
        dlcall_heap_free[c] = *(void **)(p + DLCALL_HEAP_HDR);
    } else if ((uint64_t)(dlcall_heap_end - dlcall_heap_next) >= block) {
        p = dlcall_heap_next;
        dlcall_heap_next += block;
    }
    pthread_mutex_unlock(&dlcall_heap_lock);
    if (p == NULL) {
        return NULL; /* OpenSSL reports ERR_R_MALLOC_FAILURE */
    }
    *(uint64_t *)p = (uint64_t)c;
    return p + DLCALL_HEAP_HDR;
}

static void dlcall_heap_release(void *q, const char *file, int line)
{
    uint8_t *p;
    int c;

    (void)file;
    (void)line;
    if (q == NULL) {
        return;
    }
    p = (uint8_t *)q - DLCALL_HEAP_HDR;
    c = (int)*(uint64_t *)p;
    pthread_mutex_lock(&dlcall_heap_lock);
    *(void **)q = dlcall_heap_free[c];
    dlcall_heap_free[c] = p;
    pthread_mutex_unlock(&dlcall_heap_lock);
}

static void *dlcall_heap_realloc(void *q, size_t n, const char *file, int line)
{
    void *r;

    if (q == NULL) {
        return dlcall_heap_malloc(n, file, line);
    }
    if (n == 0) {
        dlcall_heap_release(q, file, line);
        return NULL;
    }
    if (n <= dlcall_heap_usable(q)) {
        return q;
    }
    r = dlcall_heap_malloc(n, file, line);
    if (r != NULL) {
        memcpy(r, q, dlcall_heap_usable(q));
        dlcall_heap_release(q, file, line);
    }
    return r;
}

/* Called once by the stub's constructor, before the program can touch libcrypto: 1 when installed. */
void dlcall_crypto_heap(void *args, void *ret)
{
    const struct dlcall_heap_args *a = args;

    dlcall_heap_next = (uint8_t *)(uintptr_t)a->base;
    dlcall_heap_end = dlcall_heap_next + a->size;
    *(int *)ret = CRYPTO_set_mem_functions(dlcall_heap_malloc, dlcall_heap_realloc, dlcall_heap_release);
}
