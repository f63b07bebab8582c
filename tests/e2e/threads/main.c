/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * threads: 8 guest threads call the host at once; every result is
 * checked, and each thread's dlerror is its own (QEMU runs each guest
 * thread on its own host thread, and host dlerror() is per thread).
 *
 * Usage: threads <host libdlcall_testlib.so> [calls per thread]
 */
#define E2E_FEATURE "threads"
#include "../common/e2e.h"

#include <pthread.h>

#define NTHREADS 8
#define DEFAULT_CALLS 20000

struct worker {
    pthread_t thread;
    int index;
    long calls;
};

static void *lib;
static dlcall_fn add;
static long calls_per_thread = DEFAULT_CALLS;
static pthread_barrier_t barrier;

/* Every thread looks up a symbol of its own name, then all read dlerror. */
static void check_own_dlerror(struct worker *w)
{
    char name[64];
    const char *msg;

    snprintf(name, sizeof(name), "no_such_symbol_thread_%d", w->index);
    if (dlcall_dlsym(lib, name) != NULL) {
        e2e_fail("thread %d: dlsym(%s) gave an address", w->index, name);
    }
    pthread_barrier_wait(&barrier);
    msg = dlcall_dlerror();
    if (msg == NULL || strstr(msg, name) == NULL) {
        e2e_fail("thread %d: dlerror '%s' does not name %s", w->index,
                 e2e_str(msg), name);
    }
    pthread_barrier_wait(&barrier);
    w->calls += 2;
}

static void *run(void *arg)
{
    struct worker *w = arg;
    int64_t base = (int64_t)w->index * 1000000007;

    check_own_dlerror(w);
    for (long i = 0; i < calls_per_thread; i++) {
        int64_t a = base + i;
        int64_t b = (int64_t)i * 3 - w->index;
        int64_t sum = e2e_add(add, a, b);

        if (sum != a + b) {
            e2e_fail("thread %d call %ld: %lld + %lld gave %lld", w->index, i,
                     (long long)a, (long long)b, (long long)sum);
        }
    }
    w->calls += calls_per_thread;
    return NULL;
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    struct worker workers[NTHREADS];
    long total = 0;

    e2e_require_plugin();
    if (argc > 2) {
        calls_per_thread = atol(argv[2]);
    }
    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    E2E_CHECK(pthread_barrier_init(&barrier, NULL, NTHREADS) == 0);
    for (int i = 0; i < NTHREADS; i++) {
        workers[i] = (struct worker){ .index = i };
        if (pthread_create(&workers[i].thread, NULL, run, &workers[i]) != 0) {
            e2e_fail("pthread_create %d", i);
        }
    }
    for (int i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_join(workers[i].thread, NULL) == 0);
        total += workers[i].calls;
    }
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_say("threads %d calls %ld", NTHREADS, total);
    e2e_pass();
    return 0;
}
