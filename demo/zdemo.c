/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall demo guest: compress and uncompress the same data with zlib twice,
 * once with the guest's own libz.so.1 (every instruction emulated by QEMU)
 * and once with the host's libz through dlcall, then check that both give
 * the same bytes and print the times.
 *
 * Usage: zdemo <host zdemo_host.so> [MiB] [level]
 * Without the plugin (or natively) only the guest-libz run happens.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dlcall/dlcall.h>

#include "zdemo_args.h"

/* zlib's prototypes (the cross toolchain ships no zlib.h for the guest). */
typedef int (*compress2_fn)(unsigned char *, unsigned long *,
                            const unsigned char *, unsigned long, int);
typedef int (*uncompress_fn)(unsigned char *, unsigned long *,
                             const unsigned char *, unsigned long);

struct run {
    const char *name;
    double seconds;
    unsigned long packed_len;
};

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Mixed data: compressible text with runs of pseudo-random bytes. */
static unsigned char *make_input(size_t len)
{
    static const char words[] = "the quick brown fox jumps over the lazy "
                                "dog while qemu translates every insn ";
    unsigned char *p = malloc(len);
    uint64_t x = 0x9e3779b97f4a7c15ULL;

    for (size_t i = 0; i < len; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        p[i] = (i / 4096) % 4 == 3 ? (unsigned char)x
                                   : (unsigned char)words[(i + (x & 3)) % (sizeof(words) - 1)];
    }
    return p;
}

static void fail(const char *what)
{
    fprintf(stderr, "zdemo: %s\n", what);
    exit(1);
}

static void run_guest(struct run *r, const unsigned char *in, size_t len,
                      unsigned char *out, unsigned long cap, int level)
{
    void *z = dlopen("libz.so.1", RTLD_NOW);
    compress2_fn c;

    if (!z || !(c = (compress2_fn)dlsym(z, "compress2"))) {
        fail("the guest has no libz.so.1");
    }
    r->packed_len = cap;
    double t = now();
    if (c(out, &r->packed_len, in, len, level) != 0) {
        fail("guest compress2 failed");
    }
    r->seconds = now() - t;
}

static void run_host(struct run *r, const char *host_lib, const unsigned char *in,
                     size_t len, unsigned char *out, unsigned long cap, int level)
{
    void *h = dlcall_dlopen(host_lib, DLCALL_RTLD_NOW);
    dlcall_fn c = h ? (dlcall_fn)dlcall_dlsym(h, "zdemo_compress2") : NULL;
    struct zdemo_compress_args a = { out, cap, in, len, level };
    int ret = -1;

    if (!c) {
        fprintf(stderr, "zdemo: %s\n", dlcall_dlerror());
        exit(1);
    }
    double t = now();
    if (dlcall_invoke(c, &a, &ret) != 0 || ret != 0) {
        fail("host compress2 failed");
    }
    r->seconds = now() - t;
    r->packed_len = a.dest_len;
}

int main(int argc, char **argv)
{
    size_t mib = argc > 2 ? strtoul(argv[2], NULL, 0) : 16;
    int level = argc > 3 ? atoi(argv[3]) : 6;
    size_t len = mib << 20;
    unsigned long cap = len + len / 100 + 1024;
    unsigned char *in = make_input(len);
    unsigned char *a = malloc(cap), *b = malloc(cap);
    struct run guest = { "its own libz.so.1", 0, 0 }, host = { "host libz via dlcall", 0, 0 };

    if (argc < 2) {
        fail("usage: zdemo <host zdemo_host.so> [MiB] [level]");
    }
    printf("zlib level %d on %zu MiB of mixed data\n", level, mib);
    run_guest(&guest, in, len, a, cap, level);
    printf("  %-22s %8.3f s  -> %lu bytes\n", guest.name, guest.seconds, guest.packed_len);
    if (dlcall_available() != 0) {
        printf("  (no dlcall plugin: passthrough skipped)\n");
        return 0;
    }
    run_host(&host, argv[1], in, len, b, cap, level);
    printf("  %-22s %8.3f s  -> %lu bytes\n", host.name, host.seconds, host.packed_len);
    if (host.packed_len != guest.packed_len || memcmp(a, b, host.packed_len) != 0) {
        fail("outputs differ");
    }
    printf("  identical output: yes\n  speedup: %.1fx\n", guest.seconds / host.seconds);
    return 0;
}
