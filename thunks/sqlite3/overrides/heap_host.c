/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite's memory, on the host, in pages the guest mapped (spec guestHeap).
 *
 * Everything SQLite returns (column text, error messages, sqlite3_mprintf
 * results) lives in memory it allocated. Host malloc'd pages are unknown to
 * QEMU: plain guest loads reach them, but a guest syscall on them (write(2)
 * of a long column value) fails with EFAULT and checked vector loads fault.
 * So SQLite allocates from the guest-mapped heap of the host runtime
 * (dlcall_host.h), installed with SQLITE_CONFIG_MALLOC (spec guestHeap)
 * before SQLite starts.
 */
#include "dlcall_thunks.h"
#include <link.h>

static void *dlcall_heap_malloc(int n)
{
    return dlcall_rt_heap_alloc(n > 0 ? (size_t)n : 1); /* NULL: SQLite reports SQLITE_NOMEM */
}

static void *dlcall_heap_realloc(void *q, int n)
{
    return dlcall_rt_heap_realloc(q, n > 0 ? (size_t)n : 1);
}

static int dlcall_heap_size(void *q)
{
    return (int)dlcall_rt_heap_usable(q);
}

static int dlcall_heap_roundup(int n)
{
    size_t r = dlcall_rt_heap_roundup(n > 0 ? (size_t)n : 1);

    return r <= 0x7fffffff ? (int)r : n;
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

const sqlite3_mem_methods dlcall_heap_methods = {
    dlcall_heap_malloc, dlcall_rt_heap_free, dlcall_heap_realloc, dlcall_heap_size,
    dlcall_heap_roundup, dlcall_heap_init, dlcall_heap_shutdown, NULL,
};

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
