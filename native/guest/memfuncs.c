/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libdlcall_memfuncs.so: the guest's memcpy, memmove, memset, memcmp and
 * strlen, interposed (LD_PRELOAD). Under QEMU the guest libc's versions
 * run as translated vector code; a call above a size threshold runs the
 * host's instead, through the fast path (native/host/memfuncs.c), and a
 * smaller one goes on to the guest libc's own function (dlsym RTLD_NEXT).
 * docs/HowItWorks.md ("The guest's memory functions") has the measured
 * costs and thresholds, and why `dlcall run` leaves it off.
 *
 * Only calls that reach libc through the PLT come here: the program's and
 * other libraries'. libc's own internal calls (stdio's copies) do not.
 *
 * Until the constructor ran (another library's constructor may copy
 * first) and when the host side is missing, every call stays in the
 * guest: the real functions start as byte loops, the thresholds at
 * SIZE_MAX, so the hot path is one compare and one indirect jump.
 *
 * DLCALL_MEMFUNCS_MIN=N in the guest's environment sets every threshold to
 * N bytes (for measuring); DLCALL_HOST_DIR, as for the stubs, names the
 * directory with libdlcall_host.so.
 */
#define _GNU_SOURCE
#define DLCALL_SHARED_STATE 1
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dlcall/dlcall.h>

/*
 * Measured on aarch64 (tests/memfuncs/memfuncs_bench.c, docs/HowItWorks.md): the guest's
 * memcpy and memset cost ~120-170 ns even for 16 bytes and the host's ~16-60 ns through the
 * fast path; the guest's memcmp and strlen ~2.5-6 ns per byte. Below these the call is too
 * short for the host's to win by more than the noise of those figures.
 */
#define MEMCPY_MIN 128
#define MEMSET_MIN 128
#define MEMCMP_MIN 32
/* strlen's size is unknown up front: the guest's strnlen looks at this many bytes first. */
#define STRLEN_MIN 64

#ifndef DLCALL_DEFAULT_HOST_DIR
#define DLCALL_DEFAULT_HOST_DIR ""
#endif

#define API __attribute__((visibility("default")))

/* Boot versions: byte loops, used before the constructor resolved libc's. */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
static void *boot_memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (dp < sp) {
        for (size_t i = 0; i < n; i++) dp[i] = sp[i];
    } else {
        for (size_t i = n; i > 0; i--) dp[i - 1] = sp[i - 1];
    }
    return d;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
static void *boot_memset(void *d, int c, size_t n)
{
    unsigned char *dp = d;

    for (size_t i = 0; i < n; i++) dp[i] = (unsigned char)c;
    return d;
}

static int boot_memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

static size_t boot_strnlen(const char *s, size_t max)
{
    size_t i = 0;

    while (i < max && s[i] != '\0') i++;
    return i;
}

static size_t boot_strlen(const char *s)
{
    return boot_strnlen(s, SIZE_MAX);
}

static void *(*real_memcpy)(void *, const void *, size_t) = boot_memmove;
static void *(*real_memmove)(void *, const void *, size_t) = boot_memmove;
static void *(*real_memset)(void *, int, size_t) = boot_memset;
static int (*real_memcmp)(const void *, const void *, size_t) = boot_memcmp;
static size_t (*real_strnlen)(const char *, size_t) = boot_strnlen;
static size_t (*real_strlen)(const char *) = boot_strlen;

/* Host functions (fast path shape) and the sizes from which they serve. */
enum { F_MEMCPY, F_MEMMOVE, F_MEMSET, F_MEMCMP, F_STRLEN, F_COUNT };
static const char *const host_names[F_COUNT] = {
    "dlcall_memfuncs_memcpy", "dlcall_memfuncs_memmove", "dlcall_memfuncs_memset",
    "dlcall_memfuncs_memcmp", "dlcall_memfuncs_strlen",
};
static dlcall_fn host_fn[F_COUNT];
static size_t min_size[F_COUNT] = { SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX };

struct memfuncs_args {
    uint64_t x, y, n;
};

/* One host call; the fast path falls back to the syscall in a signal handler that interrupted one. */
static inline int64_t host_call(int f, const void *x, uint64_t y, size_t n)
{
    struct memfuncs_args args = { (uint64_t)(uintptr_t)x, y, n };
    int64_t ret = 0;

    dlcall_invoke_fast(host_fn[f], &args, &ret);
    return ret;
}

API void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
    if (__builtin_expect(n >= min_size[F_MEMCPY], 0)) {
        host_call(F_MEMCPY, d, (uint64_t)(uintptr_t)s, n);
        return d;
    }
    return real_memcpy(d, s, n);
}

API void *memmove(void *d, const void *s, size_t n)
{
    if (__builtin_expect(n >= min_size[F_MEMMOVE], 0)) {
        host_call(F_MEMMOVE, d, (uint64_t)(uintptr_t)s, n);
        return d;
    }
    return real_memmove(d, s, n);
}

API void *memset(void *d, int c, size_t n)
{
    if (__builtin_expect(n >= min_size[F_MEMSET], 0)) {
        host_call(F_MEMSET, d, (uint64_t)(unsigned char)c, n);
        return d;
    }
    return real_memset(d, c, n);
}

API int memcmp(const void *a, const void *b, size_t n)
{
    if (__builtin_expect(n >= min_size[F_MEMCMP], 0)) {
        return (int)host_call(F_MEMCMP, a, (uint64_t)(uintptr_t)b, n);
    }
    return real_memcmp(a, b, n);
}

API size_t strlen(const char *s)
{
    size_t min = min_size[F_STRLEN];
    size_t head;

    if (min == SIZE_MAX) return real_strlen(s);
    head = real_strnlen(s, min);
    if (__builtin_expect(head < min, 1)) return head;
    return head + (size_t)host_call(F_STRLEN, s + head, 0, 0);
}

static void *next(const char *name, void *boot)
{
    void *p = dlsym(RTLD_NEXT, name);

    return p != NULL ? p : boot;
}

__attribute__((constructor)) static void memfuncs_init(void)
{
    static const size_t defaults[F_COUNT] = { MEMCPY_MIN, MEMCPY_MIN, MEMSET_MIN, MEMCMP_MIN, STRLEN_MIN };
    const char *dir = getenv("DLCALL_HOST_DIR");
    const char *min = getenv("DLCALL_MEMFUNCS_MIN");
    char path[4096];
    void *lib;

    real_memcpy = next("memcpy", (void *)boot_memmove);
    real_memmove = next("memmove", (void *)boot_memmove);
    real_memset = next("memset", (void *)boot_memset);
    real_memcmp = next("memcmp", (void *)boot_memcmp);
    real_strnlen = next("strnlen", (void *)boot_strnlen);
    real_strlen = next("strlen", (void *)boot_strlen);
    if (dir == NULL || dir[0] == '\0') dir = DLCALL_DEFAULT_HOST_DIR;
    /* No plugin (a plain QEMU or a native run): everything stays in the guest, silently. */
    if (dir[0] == '\0' || dlcall_available() != 0) return;
    snprintf(path, sizeof(path), "%s/libdlcall_host.so", dir);
    lib = dlcall_dlopen(path, DLCALL_RTLD_NOW);
    if (lib == NULL) {
        fprintf(stderr, "dlcall: libdlcall_memfuncs.so: cannot load %s: %s; memory functions stay emulated\n",
                path, dlcall_dlerror());
        return;
    }
    for (int f = 0; f < F_COUNT; f++) {
        host_fn[f] = (dlcall_fn)dlcall_dlsym(lib, host_names[f]);
        if (host_fn[f] == NULL) {
            fprintf(stderr, "dlcall: libdlcall_memfuncs.so: %s lacks %s; memory functions stay emulated\n",
                    path, host_names[f]);
            return;
        }
    }
    for (int f = 0; f < F_COUNT; f++) {
        min_size[f] = min != NULL && min[0] != '\0' ? strtoull(min, NULL, 0) : defaults[f];
        if (min_size[f] == 0) min_size[f] = 1; /* strlen's head must see at least one byte */
    }
}
