/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stub's start (spec guestInit, after the spec's guestHeap): where the
 * host library's static strings are, and the real guest library's allocator.
 */
#include "dlcall_stub.h"
#include <dlfcn.h>

/* The host libsqlite3's image (dlcall_sqlite3_image): its static strings. */
static uint64_t dlcall_sqlite_image[2];

/* spec hostStringTest: a pointer into the host library's static data. */
int dlcall_sqlite_in_image(const void *p)
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

void dlcall_guest_init(void)
{
    dlcall_invoke(dlcall__host_fn("dlcall_sqlite3_image"), NULL, dlcall_sqlite_image);
    dlcall_sqlite_guest_allocator();
}
