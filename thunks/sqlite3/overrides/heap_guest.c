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

/*
 * The real guest library (spec runInGuestLibrary: the printf family) allocates through the
 * host's SQLite, so what sqlite3_mprintf returns is the host's to free or grow and %z frees
 * with the host's sqlite3_free, whichever side the pointer goes to next.
 */
static void *dlcall_sqlite_guest_malloc(int n) { return sqlite3_malloc(n); }
static void dlcall_sqlite_guest_free(void *p) { sqlite3_free(p); }
static void *dlcall_sqlite_guest_realloc(void *p, int n) { return sqlite3_realloc(p, n); }
static int dlcall_sqlite_guest_size(void *p) { return (int)sqlite3_msize(p); }
static int dlcall_sqlite_guest_roundup(int n) { return n; }
static int dlcall_sqlite_guest_init(void *unused) { (void)unused; return SQLITE_OK; }
static void dlcall_sqlite_guest_shutdown(void *unused) { (void)unused; }

/* Before the guest library's first call, which would initialize it with its own allocator. */
static void dlcall_sqlite_guest_allocator(void)
{
    static const sqlite3_mem_methods m = {
        dlcall_sqlite_guest_malloc, dlcall_sqlite_guest_free, dlcall_sqlite_guest_realloc, dlcall_sqlite_guest_size,
        dlcall_sqlite_guest_roundup, dlcall_sqlite_guest_init, dlcall_sqlite_guest_shutdown, NULL,
    };
    void *real = dlcall__fallback_open(); /* the handle the printf family's jumps use */
    int (*config)(int, ...) = real ? (int (*)(int, ...))dlsym(real, "sqlite3_config") : NULL;

    if (real == NULL) {
        return; /* the printf family's stubs say why when called */
    }
    if (config == NULL || config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
        fprintf(stderr, "dlcall: libsqlite3.so.0: the real guest library, which runs SQLite's printf, "
                "refused the host's allocator\n");
        exit(127);
    }
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
    dlcall_sqlite_guest_allocator();
}
