/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-call cost of the guest's memory functions against the host's through
 * the fast path, per size: what the memfuncs interposer's thresholds come
 * from (docs/HowItWorks.md, "The guest's memory functions").
 *
 * Usage: memfuncs_bench HOSTDIR [ROUNDS]
 *   HOSTDIR holds libdlcall_host.so. For each function and size, ROUNDS
 *   rounds alternate the guest's function (whatever `memcpy` resolves to:
 *   libc's, or the interposer's under LD_PRELOAD) and a direct fast call
 *   of the host's; prints "FUNC SIZE guest_ns host_ns" (medians per call).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dlcall/dlcall.h>

#define MAXSIZE (1 << 20)

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

struct args {
    uint64_t x, y, n;
};

static unsigned char *src, *dst;
static dlcall_fn host[4];
static void *(*g_memcpy)(void *, const void *, size_t);
static void *(*g_memset)(void *, int, size_t);
static int (*g_memcmp)(const void *, const void *, size_t);
static size_t (*g_strlen)(const char *);
static volatile uint64_t sink;

/* One timed batch of @calls calls of function @f at @size, guest (0) or host (1): ns per call. */
static double batch(int f, int side, size_t size, long calls)
{
    struct args a = { (uintptr_t)dst, (uintptr_t)src, size };
    int64_t ret = 0;
    uint64_t acc = 0;
    double t0;

    if (f == 1) a.y = 0x5a;
    if (f == 3) a.x = (uintptr_t)src;
    t0 = now_ns();
    for (long i = 0; i < calls; i++) {
        if (side == 1) {
            dlcall_invoke_fast(host[f], &a, &ret);
            acc += (uint64_t)ret;
        } else if (f == 0) {
            acc += (uintptr_t)g_memcpy(dst, src, size);
        } else if (f == 1) {
            acc += (uintptr_t)g_memset(dst, 0x5a, size);
        } else if (f == 2) {
            acc += (uint64_t)g_memcmp(dst, src, size);
        } else {
            acc += g_strlen((const char *)src);
        }
    }
    sink += acc;
    return (now_ns() - t0) / calls;
}

int main(int argc, char **argv)
{
    static const char *const names[4] = { "memcpy", "memset", "memcmp", "strlen" };
    static const char *const host_names[4] = { "dlcall_memfuncs_memcpy", "dlcall_memfuncs_memset",
                                               "dlcall_memfuncs_memcmp", "dlcall_memfuncs_strlen" };
    static const size_t sizes[] = { 16, 64, 256, 1024, 2048, 4096, 8192, 16384, 65536, 262144, 1048576 };
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    char path[4096];
    void *lib;

    if (argc < 2 || rounds < 1 || rounds > 99) {
        fprintf(stderr, "usage: memfuncs_bench HOSTDIR [ROUNDS 1-99]\n");
        return 2;
    }
    snprintf(path, sizeof(path), "%s/libdlcall_host.so", argv[1]);
    lib = dlcall_dlopen(path, DLCALL_RTLD_NOW);
    for (int f = 0; f < 4; f++) {
        host[f] = lib ? (dlcall_fn)dlcall_dlsym(lib, host_names[f]) : NULL;
        if (host[f] == NULL) {
            fprintf(stderr, "memfuncs_bench: %s: %s\n", path, dlcall_dlerror());
            return 1;
        }
    }
    /* Through the dynamic symbol table, as a program's PLT call resolves them. */
    g_memcpy = dlsym(RTLD_DEFAULT, "memcpy");
    g_memset = dlsym(RTLD_DEFAULT, "memset");
    g_memcmp = dlsym(RTLD_DEFAULT, "memcmp");
    g_strlen = dlsym(RTLD_DEFAULT, "strlen");
    src = malloc(MAXSIZE + 1);
    dst = malloc(MAXSIZE + 1);
    if (src == NULL || dst == NULL) return 1;
    for (int f = 0; f < 4; f++) {
        for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
            size_t size = sizes[k];
            long calls = (long)(((size_t)32 << 20) / size);
            double t[2][99];

            if (calls > 100000) calls = 100000;
            /* memcmp of equal buffers and strlen of size bytes: both read everything. */
            memset(src, 'a', size);
            src[size] = '\0';
            memset(dst, 'a', size + 1);
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < 2; s++) {
                    int side = (r & 1) ? 1 - s : s;

                    t[side][r] = batch(f, side, size, calls);
                }
            }
            qsort(t[0], rounds, sizeof(double), cmp_double);
            qsort(t[1], rounds, sizeof(double), cmp_double);
            printf("%s %zu %.1f %.1f\n", names[f], size, t[0][rounds / 2], t[1][rounds / 2]);
            fflush(stdout);
        }
    }
    return 0;
}
