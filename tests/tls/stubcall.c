/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-call cost through dlcall's stubs: N calls of zlib's adler32(1, NULL,
 * 0) (a host call that does nothing), then N calls alternating between
 * adler32 and liblzma's lzma_version_number, two stubs. With one fast
 * block per thread and stub both loops cost the same; with one per stub
 * the alternating loop re-registers the block on every call.
 *
 * Usage: stubcall [N]   prints "one_stub_ns X" and "two_stubs_ns Y" (per call)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *need(void *lib, const char *name)
{
    void *p = lib ? dlsym(lib, name) : NULL;

    if (p == NULL) {
        fprintf(stderr, "stubcall: %s: %s\n", name, dlerror());
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    unsigned long (*adler)(unsigned long, const void *, unsigned) =
        need(dlopen("libz.so.1", RTLD_NOW), "adler32");
    uint32_t (*version)(void) = need(dlopen("liblzma.so.5", RTLD_NOW), "lzma_version_number");
    unsigned long sum = 0;
    double t0, t1, t2;

    for (long i = 0; i < 1000; i++) {
        sum += adler(1, NULL, 0) + version();
    }
    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        sum += adler(1, NULL, 0);
    }
    t1 = now_ns();
    for (long i = 0; i < n; i += 2) {
        sum += adler(1, NULL, 0);
        sum += version();
    }
    t2 = now_ns();
    printf("one_stub_ns %.2f\ntwo_stubs_ns %.2f\nsum %lu\n", (t1 - t0) / n, (t2 - t1) / n, sum);
    return 0;
}
