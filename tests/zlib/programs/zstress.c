/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zstress: 8 guest threads x 100,000 calls, every dlcall ID and zlib
 * streams through the generated stub, interleaved at random on every
 * thread; every result is checked.
 *
 * Each thread mixes: the host attributes, dlopen/dlclose of the test
 * library, dlsym hits, dlsym misses of a name of its own whose dlerror it
 * must read back (host dlerror is per thread: another thread's miss must
 * never show), empty dlerror, INVOKE_PROC (add, strlen), refused
 * REGISTER_FAST_BLOCK and IDs, and steps of its own deflate -> inflate
 * pipe (64 KiB per stream, fed 4 KiB at a time, level 0-9 per stream,
 * crc32/adler32 on both ends). Runs only with the plugin (it makes raw
 * dlcalls); not part of the emulated-vs-stub comparisons.
 *
 * Usage: zstress <host libdlcall_testlib.so> [calls per thread] [seed]
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../../native/include/dlcall/dlcall.h"
#include "../../e2e/hostlib/dlcall_testlib.h"

#define THREADS 8
#define DEFAULT_CALLS 100000
#define SIZE (64 * 1024)
#define CHUNK 4096
#define PACKED (2 * CHUNK + 64) /* one chunk's output always fits */

struct worker {
    pthread_t thread;
    int index;
    uint64_t rng;
    uint64_t calls, zcalls, streams, dlerrors;
    char text[40], missing[64];
    unsigned char in[SIZE], out[SIZE], packed[PACKED];
    z_stream def, inf;
    int active;
    size_t in_pos;
    uLong crc_in, adler_in;
};

static const char *lib_path;
static void *lib;
static dlcall_fn add_fn, strlen_fn;
static long calls_per_thread = DEFAULT_CALLS;
static pthread_barrier_t barrier;

__attribute__((format(printf, 2, 3), noreturn))
static void fail(const struct worker *w, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL zstress: thread %d: ", w ? w->index : -1);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    exit(1);
}

#define CHECK(w, cond)                                          \
    do {                                                        \
        if (!(cond)) {                                          \
            fail(w, "line %d: %s", __LINE__, #cond);            \
        }                                                       \
    } while (0)

static uint64_t next(struct worker *w)
{
    uint64_t z = (w->rng += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A miss of the thread's own symbol, then dlerror must name exactly it. */
static void own_dlerror(struct worker *w, int wait)
{
    const char *msg;

    snprintf(w->missing, sizeof(w->missing), "zstress_missing_t%d_%llu", w->index,
             (unsigned long long)w->calls);
    CHECK(w, dlcall_dlsym(lib, w->missing) == NULL);
    if (wait) {
        pthread_barrier_wait(&barrier); /* every thread's miss is pending at once */
    }
    msg = dlcall_dlerror();
    if (msg == NULL || strstr(msg, w->missing) == NULL) {
        fail(w, "dlerror '%s' does not name %s", msg ? msg : "(null)", w->missing);
    }
    CHECK(w, dlcall_dlerror() == NULL); /* read once, then cleared */
    w->calls += 3;
    w->dlerrors++;
}

static void start_stream(struct worker *w)
{
    int level = (int)(next(w) % 10);

    for (size_t i = 0; i < SIZE; i++) { /* compressible, different per stream */
        w->in[i] = (unsigned char)((i * (w->index + 3)) ^ (i >> 7) ^ (w->streams * 31));
    }
    memset(&w->def, 0, sizeof(w->def));
    memset(&w->inf, 0, sizeof(w->inf));
    CHECK(w, deflateInit(&w->def, level) == Z_OK);
    CHECK(w, inflateInit(&w->inf) == Z_OK);
    w->inf.next_out = w->out;
    w->inf.avail_out = SIZE;
    w->in_pos = 0;
    w->crc_in = crc32(0, Z_NULL, 0);
    w->adler_in = adler32(0, Z_NULL, 0);
    w->active = 1;
    w->zcalls += 4;
}

static void end_stream(struct worker *w)
{
    for (size_t i = 0; i < SIZE; i++) {
        if (w->in[i] != w->out[i]) {
            fail(w, "stream %llu: byte %zu of %d inflated as %#x, deflated %#x",
                 (unsigned long long)w->streams, i, SIZE, w->out[i], w->in[i]);
        }
    }
    CHECK(w, crc32(0, w->out, SIZE) == w->crc_in);
    CHECK(w, adler32(1, w->out, SIZE) == w->adler_in);
    CHECK(w, deflateEnd(&w->def) == Z_OK);
    CHECK(w, inflateEnd(&w->inf) == Z_OK);
    w->active = 0;
    w->streams++;
    w->zcalls += 4;
}

/* One chunk through deflate, its output straight through inflate. */
static void zlib_step(struct worker *w)
{
    size_t n;
    int finish, rc;

    if (!w->active) {
        start_stream(w);
    }
    n = SIZE - w->in_pos < CHUNK ? SIZE - w->in_pos : CHUNK;
    finish = w->in_pos + n == SIZE;
    w->crc_in = crc32(w->crc_in, w->in + w->in_pos, (uInt)n);
    w->adler_in = adler32(w->adler_in, w->in + w->in_pos, (uInt)n);
    w->def.next_in = w->in + w->in_pos;
    w->def.avail_in = (uInt)n;
    w->def.next_out = w->packed;
    w->def.avail_out = PACKED;
    rc = deflate(&w->def, finish ? Z_FINISH : Z_SYNC_FLUSH);
    CHECK(w, rc == (finish ? Z_STREAM_END : Z_OK) && w->def.avail_in == 0);
    w->in_pos += n;
    w->inf.next_in = w->packed;
    w->inf.avail_in = PACKED - w->def.avail_out;
    rc = inflate(&w->inf, Z_SYNC_FLUSH);
    CHECK(w, rc == (finish ? Z_STREAM_END : Z_OK) && w->inf.avail_in == 0);
    CHECK(w, w->inf.total_out == w->in_pos);
    w->zcalls += 4;
    if (finish) {
        end_stream(w);
    }
}

static void step(struct worker *w)
{
    switch (next(w) % 12) {
    case 0:
        CHECK(w, strcmp(dlcall_host_attribute(DLCALL_ATTR_EMU), DLCALL_ATTR_EMU_VALUE) == 0);
        CHECK(w, dlcall_host_attribute("zstress.no.such.key") == NULL);
        w->calls += 2;
        break;
    case 1:
        CHECK(w, dlcall_dlopen(lib_path, DLCALL_RTLD_NOW) == lib);
        CHECK(w, dlcall_dlclose(lib) == 0);
        w->calls += 2;
        break;
    case 2:
        CHECK(w, (dlcall_fn)dlcall_dlsym(lib, "dlcall_test_add") == add_fn);
        w->calls++;
        break;
    case 3:
        own_dlerror(w, 0);
        break;
    case 4:
        CHECK(w, dlcall_dlerror() == NULL);
        w->calls++;
        break;
    case 5: {
        struct dlcall_test_add_args a = { (int64_t)next(w), (int64_t)next(w) };
        int64_t sum = 0;

        CHECK(w, dlcall_invoke(add_fn, &a, &sum) == 0);
        CHECK(w, sum == (int64_t)((uint64_t)a.a + (uint64_t)a.b));
        w->calls++;
        break;
    }
    case 6: {
        struct dlcall_test_strlen_args a = { w->text };
        size_t len = 0;

        CHECK(w, dlcall_invoke(strlen_fn, &a, &len) == 0 && len == strlen(w->text));
        w->calls++;
        break;
    }
    case 7:
        /* Refused: a misaligned block (the stub's own stays registered), an unknown ID. */
        CHECK(w, dlcall_syscall(DLCALL_ID_REGISTER_FAST_BLOCK, (long)w->packed + 1, 0, 0) ==
                     -DLCALL_EFAULT);
        CHECK(w, dlcall_syscall(7 + (long)(next(w) % 1000), (long)w->packed, 0, 0) ==
                     -DLCALL_EINVAL);
        w->calls += 2;
        break;
    default:
        zlib_step(w);
        break;
    }
}

static void *run(void *arg)
{
    struct worker *w = arg;

    snprintf(w->text, sizeof(w->text), "zstress thread %d says hello", w->index);
    own_dlerror(w, 1);
    while (w->calls + w->zcalls < (uint64_t)calls_per_thread) {
        step(w);
    }
    while (w->active) { /* the last stream runs to its end and is checked too */
        zlib_step(w);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    static struct worker workers[THREADS];
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 20261129, total = 0, z = 0;
    uint64_t streams = 0, dlerrors = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: zstress <host libdlcall_testlib.so> [calls per thread] [seed]\n");
        return 2;
    }
    if (dlcall_available() != 0) {
        fprintf(stderr, "zstress: %s\n", DLCALL_NO_PLUGIN_MESSAGE);
        return 77;
    }
    lib_path = argv[1];
    calls_per_thread = argc > 2 ? atol(argv[2]) : DEFAULT_CALLS;
    lib = dlcall_dlopen(lib_path, DLCALL_RTLD_NOW);
    CHECK(NULL, lib != NULL);
    add_fn = (dlcall_fn)dlcall_dlsym(lib, "dlcall_test_add");
    strlen_fn = (dlcall_fn)dlcall_dlsym(lib, "dlcall_test_strlen");
    CHECK(NULL, add_fn != NULL && strlen_fn != NULL && calls_per_thread > 0);
    CHECK(NULL, pthread_barrier_init(&barrier, NULL, THREADS) == 0);
    printf("seed %llu zlib %s\n", (unsigned long long)seed, zlibVersion());
    for (int i = 0; i < THREADS; i++) {
        workers[i].index = i;
        workers[i].rng = seed + (uint64_t)i * 0x1000193;
        CHECK(NULL, pthread_create(&workers[i].thread, NULL, run, &workers[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(NULL, pthread_join(workers[i].thread, NULL) == 0);
        total += workers[i].calls;
        z += workers[i].zcalls;
        streams += workers[i].streams;
        dlerrors += workers[i].dlerrors;
    }
    CHECK(NULL, dlcall_dlclose(lib) == 0);
    printf("zstress: threads %d dlcalls %llu zlib_calls %llu streams %llu own_dlerrors %llu\n",
           THREADS, (unsigned long long)total, (unsigned long long)z,
           (unsigned long long)streams, (unsigned long long)dlerrors);
    printf("PASS zstress\n");
    return 0;
}
