/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of heap_host.c: reserves the address space SQLite's memory
 * comes from, so QEMU knows its pages as the guest's. MAP_NORESERVE: only
 * touched pages cost. DLCALL_SQLITE_HEAP_MIB sizes it (default 16 GiB).
 */
#include <sys/mman.h>

/* The host libsqlite3's image (dlcall_sqlite3_image): its static strings. */
static uint64_t dlcall_sqlite_image[2];

/* spec hostStringTest: a pointer into the host library's static data. */
static int dlcall_sqlite_in_image(const void *p)
{
    uint64_t a = (uint64_t)(uintptr_t)p;

    return a >= dlcall_sqlite_image[0] && a < dlcall_sqlite_image[1];
}

static void dlcall_guest_init(void)
{
    const char *env = getenv("DLCALL_SQLITE_HEAP_MIB");
    uint64_t mib = env != NULL && env[0] != '\0' ? strtoull(env, NULL, 0) : 16384;
    struct { uint64_t base, size; } a = { 0, mib << 20 };
    void *base = mmap(NULL, a.size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    int rc = -1;

    if (base == MAP_FAILED) {
        fprintf(stderr, "dlcall: libsqlite3.so.0: cannot reserve %llu MiB for SQLite's memory: %s\n"
                "dlcall: set DLCALL_SQLITE_HEAP_MIB lower\n", (unsigned long long)mib, strerror(errno));
        exit(127);
    }
    a.base = (uint64_t)(uintptr_t)base;
    dlcall_invoke(dlcall__host_fn("dlcall_sqlite3_heap"), &a, &rc);
    if (rc != 0) {
        fprintf(stderr, "dlcall: libsqlite3.so.0: the host SQLite refused its allocator (%d)\n", rc);
        exit(127);
    }
    dlcall_invoke(dlcall__host_fn("dlcall_sqlite3_image"), &a, dlcall_sqlite_image);
}
