/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite's memory, on the host, in pages the guest mapped (heap_guest.c).
 *
 * Everything SQLite returns (column text, error messages, sqlite3_mprintf
 * results) lives in memory it allocated. Host malloc'd pages are unknown to
 * QEMU: plain guest loads reach them, but a guest syscall on them (write(2)
 * of a long column value) fails with EFAULT and checked vector loads fault.
 * So SQLite allocates from a region the guest mmap'd: a size-class
 * allocator (power-of-two classes, a free list each, bump allocation from
 * the region), installed with SQLITE_CONFIG_MALLOC before SQLite starts.
 */
#include <link.h>
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
static int dlcall_heap_class(uint64_t n)
{
    int c = 0;

    while (((uint64_t)1 << (c + DLCALL_HEAP_MIN_SHIFT)) - DLCALL_HEAP_HDR < n) {
        c++;
    }
    return c;
}

static uint64_t dlcall_heap_usable(int c)
{
    return ((uint64_t)1 << (c + DLCALL_HEAP_MIN_SHIFT)) - DLCALL_HEAP_HDR;
}

static void *dlcall_heap_malloc(int n)
{
    int c = dlcall_heap_class(n > 0 ? (uint64_t)n : 1);
    uint64_t block = (uint64_t)1 << (c + DLCALL_HEAP_MIN_SHIFT);
    uint8_t *p;

    if (c >= DLCALL_HEAP_CLASSES) {
        return NULL;
    }
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
        return NULL; /* SQLite reports SQLITE_NOMEM */
    }
    *(uint64_t *)p = (uint64_t)c;
    return p + DLCALL_HEAP_HDR;
}

static void dlcall_heap_release(void *q)
{
    uint8_t *p = (uint8_t *)q - DLCALL_HEAP_HDR;
    int c = (int)*(uint64_t *)p;

    pthread_mutex_lock(&dlcall_heap_lock);
    *(void **)q = dlcall_heap_free[c];
    dlcall_heap_free[c] = p;
    pthread_mutex_unlock(&dlcall_heap_lock);
}

static int dlcall_heap_size(void *q)
{
    return (int)dlcall_heap_usable((int)*(uint64_t *)((uint8_t *)q - DLCALL_HEAP_HDR));
}

static void *dlcall_heap_realloc(void *q, int n)
{
    void *r;

    if (n > 0 && (uint64_t)n <= (uint64_t)dlcall_heap_size(q)) {
        return q;
    }
    r = dlcall_heap_malloc(n);
    if (r != NULL) {
        memcpy(r, q, (size_t)dlcall_heap_size(q));
        dlcall_heap_release(q);
    }
    return r;
}

static int dlcall_heap_roundup(int n)
{
    int c = dlcall_heap_class(n > 0 ? (uint64_t)n : 1);

    return c < DLCALL_HEAP_CLASSES && dlcall_heap_usable(c) <= 0x7fffffff ? (int)dlcall_heap_usable(c) : n;
}

static int dlcall_heap_init(void *unused)
{
    (void)unused;
    return SQLITE_OK;
}

static void dlcall_heap_shutdown(void *unused)
{
    (void)unused;
}

static const sqlite3_mem_methods dlcall_heap_methods = {
    dlcall_heap_malloc, dlcall_heap_release, dlcall_heap_realloc, dlcall_heap_size,
    dlcall_heap_roundup, dlcall_heap_init, dlcall_heap_shutdown, NULL,
};

/* Called once by the stub's constructor, before the program can touch SQLite. */
void dlcall_sqlite3_heap(void *args, void *ret)
{
    const struct dlcall_heap_args *a = args;

    dlcall_heap_next = (uint8_t *)(uintptr_t)a->base;
    dlcall_heap_end = dlcall_heap_next + a->size;
    *(int *)ret = sqlite3_config(SQLITE_CONFIG_MALLOC, &dlcall_heap_methods);
}

/* Finds the loaded object that starts at @data's base and records its extent. */
static int dlcall_sqlite_image_of(struct dl_phdr_info *info, size_t size, void *data)
{
    uint64_t *range = data;

    (void)size;
    if (info->dlpi_addr != range[0]) {
        return 0;
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uint64_t end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;

        if (ph->p_type == PT_LOAD && end > range[1]) {
            range[1] = end;
        }
    }
    return 1;
}

/*
 * [start, end) of the host libsqlite3 in memory: what sqlite3_libversion(),
 * typeof() results and other static strings point into. The guest copies
 * those (spec hostStringTest); everything SQLite allocates is in the heap.
 */
void dlcall_sqlite3_image(void *args, void *ret)
{
    uint64_t *range = ret;
    Dl_info info;

    (void)args;
    range[0] = range[1] = 0;
    if (dladdr((void *)sqlite3_libversion, &info) != 0) {
        range[0] = (uint64_t)(uintptr_t)info.dli_fbase;
        dl_iterate_phdr(dlcall_sqlite_image_of, range);
    }
}
