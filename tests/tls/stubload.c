/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loads the libraries named on the command line (dlcall's stubs, under
 * `dlcall run --passthrough`) with dlopen() after start-up, calls one
 * function of each and checks the result, dlclose()s them and loads them
 * again: in the order given and reversed, on 4 threads at once, ROUNDS
 * times. A stub that takes static TLS of its own fails here with glibc's
 * "cannot allocate memory in static TLS block"; one whose thread state
 * does not survive a reload, or is shared wrongly between threads, gives a
 * wrong result.
 *
 * Usage: stubload SONAME...   prints "ok N calls, runtime loaded" on success
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 8

/* One function of a library and what it must answer; 0 when it did, else a message. */
struct probe {
    const char *soname;
    const char *symbol;
    const char *(*check)(void *fn);
};

static const char *check_crc32(void *fn)
{
    unsigned long (*crc32)(unsigned long, const unsigned char *, unsigned) = fn;

    return crc32(0, (const unsigned char *)"hello", 5) == 0x3610a686UL
               ? NULL : "crc32(\"hello\") != 0x3610a686";
}

static const char *check_sqrt(void *fn)
{
    double (*f)(double) = fn;

    return f(2.0) == 1.4142135623730951 ? NULL : "sqrt(2) != 1.4142135623730951";
}

static const char *check_lzma(void *fn)
{
    uint32_t (*f)(void) = fn;

    return f() / 10000000 == 5 ? NULL : "lzma_version_number() is not 5.x";
}

static const char *check_zstd(void *fn)
{
    unsigned (*f)(void) = fn;

    return f() / 10000 == 1 ? NULL : "ZSTD_versionNumber() is not 1.x";
}

static const char *check_sqlite(void *fn)
{
    int (*f)(void) = fn;

    return f() / 1000000 == 3 ? NULL : "sqlite3_libversion_number() is not 3.x";
}

static const char *check_openssl(void *fn)
{
    unsigned long (*f)(void) = fn;

    return f() >> 28 == 3 ? NULL : "OpenSSL_version_num() is not 3.x";
}

static const char *check_bz2(void *fn)
{
    const char *(*f)(void) = fn;

    return strncmp(f(), "1.0.", 4) == 0 ? NULL : "BZ2_bzlibVersion() is not 1.0.x";
}

static const char *check_expat(void *fn)
{
    const char *(*f)(void) = fn;

    return strncmp(f(), "expat_2.", 8) == 0 ? NULL : "XML_ExpatVersion() is not expat_2.x";
}

static const char *check_pcre2(void *fn)
{
    int (*f)(uint32_t, void *) = fn;
    char version[64];

    /* 11 is PCRE2_CONFIG_VERSION: "10.42 2022-12-11" */
    return f(11, version) > 0 && strncmp(version, "10.", 3) == 0 ? NULL : "pcre2_config(PCRE2_CONFIG_VERSION) is not 10.x";
}

static const char *check_png(void *fn)
{
    const char *(*f)(void *) = fn;

    return strncmp(f(NULL), "1.6.", 4) == 0 ? NULL : "png_get_libpng_ver() is not 1.6.x";
}

static const struct probe probes[] = {
    { "libz.so.1", "crc32", check_crc32 },
    { "libm.so.6", "sqrt", check_sqrt },
    { "liblzma.so.5", "lzma_version_number", check_lzma },
    { "libzstd.so.1", "ZSTD_versionNumber", check_zstd },
    { "libsqlite3.so.0", "sqlite3_libversion_number", check_sqlite },
    { "libcrypto.so.3", "OpenSSL_version_num", check_openssl },
    { "libbz2.so.1.0", "BZ2_bzlibVersion", check_bz2 },
    { "libexpat.so.1", "XML_ExpatVersion", check_expat },
    { "libpcre2-8.so.0", "pcre2_config_8", check_pcre2 },
    { "libpng16.so.16", "png_get_libpng_ver", check_png },
};

static const struct probe *chosen[sizeof(probes) / sizeof(probes[0])];
static int nchosen;
static long calls;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what, const char *soname, const char *why)
{
    fprintf(stderr, "stubload: %s %s: %s\n", what, soname, why ? why : "(no message)");
    exit(1);
}

/* Loads, calls, checks and closes one library. */
static void exercise(const struct probe *p)
{
    void *h = dlopen(p->soname, RTLD_NOW | RTLD_LOCAL);
    void *fn;
    const char *why;

    if (h == NULL) {
        fail("cannot load", p->soname, dlerror());
    }
    fn = dlsym(h, p->symbol);
    if (fn == NULL) {
        fail("no symbol in", p->soname, dlerror());
    }
    why = p->check(fn);
    if (why != NULL) {
        fail("wrong result from", p->soname, why);
    }
    if (dlclose(h) != 0) {
        fail("cannot close", p->soname, dlerror());
    }
    pthread_mutex_lock(&lock);
    calls++;
    pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
    int reversed = (int)(intptr_t)arg;

    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < nchosen; i++) {
            int k = (reversed ^ (r & 1)) ? nchosen - 1 - i : i;

            exercise(chosen[k]);
        }
    }
    return NULL;
}

static int runtime_seen(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (strstr(info->dlpi_name, "libdlcall_guest.so") != NULL) {
        *(int *)data = 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    pthread_t t[THREADS];
    void *held[sizeof(probes) / sizeof(probes[0])];
    int runtime = 0;

    for (int i = 1; i < argc; i++) {
        size_t k = 0;

        while (k < sizeof(probes) / sizeof(probes[0]) && strcmp(probes[k].soname, argv[i]) != 0) {
            k++;
        }
        if (k == sizeof(probes) / sizeof(probes[0])) {
            fail("no probe for", argv[i], "known: libz libm liblzma libzstd libsqlite3 libcrypto libexpat libpcre2-8 libpng16");
        }
        chosen[nchosen++] = &probes[k];
    }
    if (nchosen == 0) {
        fail("usage:", "stubload", "SONAME...");
    }
    /* Single-threaded first: each in order, then all held at once and closed in reverse. */
    for (int i = 0; i < nchosen; i++) {
        exercise(chosen[i]);
    }
    for (int i = 0; i < nchosen; i++) {
        void *h = dlopen(chosen[i]->soname, RTLD_NOW | RTLD_LOCAL);

        if (h == NULL) {
            fail("cannot load", chosen[i]->soname, dlerror());
        }
        held[i] = h;
        dl_iterate_phdr(runtime_seen, &runtime);
    }
    for (int i = nchosen - 1; i >= 0; i--) {
        dlclose(held[i]);
    }
    /* Then on 4 threads, half of them in reverse order, loading and closing concurrently. */
    for (int i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)(i & 1)) != 0) {
            fail("cannot start", "a thread", NULL);
        }
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    /* And once more on the main thread, after every other thread is gone. */
    for (int i = nchosen - 1; i >= 0; i--) {
        exercise(chosen[i]);
    }
    printf("ok %ld calls, runtime %s\n", calls, runtime ? "loaded" : "not loaded");
    return 0;
}
