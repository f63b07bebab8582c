/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gcstress: 16 guest threads (16 vCPU threads on the host) hammer every
 * operation at once: dlopen/dlsym/dlclose of the test library, calls,
 * failing lookups and dlerror. The plugin's managed runtime must stay
 * correct while its collector runs under that load.
 *
 * Usage: gcstress <host libdlcall_testlib.so> [calls per thread]
 */
#define E2E_FEATURE "gcstress"
#include "../common/e2e.h"

#include <pthread.h>

#define NTHREADS 16
#define DEFAULT_CALLS 50000

struct worker {
    pthread_t thread;
    int index;
    long calls;
    char text[48];
    char missing[48];
};

static const char *lib_path;
static void *main_lib; /* keeps the library loaded throughout */
static dlcall_fn main_add;
static long calls_per_thread = DEFAULT_CALLS;

static void check_add(struct worker *w, dlcall_fn add, int64_t a, int64_t b)
{
    int64_t sum = e2e_add(add, a, b);

    if (sum != a + b) {
        e2e_fail("thread %d: %lld + %lld gave %lld", w->index, (long long)a,
                 (long long)b, (long long)sum);
    }
}

static void check_strlen(struct worker *w, dlcall_fn fn)
{
    struct dlcall_test_strlen_args args = { w->text };
    size_t len = 0;

    E2E_CHECK(dlcall_invoke(fn, &args, &len) == 0);
    if (len != strlen(w->text)) {
        e2e_fail("thread %d: strlen gave %zu", w->index, len);
    }
}

static void check_missing(struct worker *w, void *lib)
{
    const char *msg;

    if (dlcall_dlsym(lib, w->missing) != NULL) {
        e2e_fail("thread %d: dlsym(%s) gave an address", w->index,
                 w->missing);
    }
    msg = dlcall_dlerror();
    if (msg == NULL || strstr(msg, w->missing) == NULL) {
        e2e_fail("thread %d: dlerror '%s'", w->index, e2e_str(msg));
    }
}

/* One round is 12 calls covering every operation. */
static void round_trip(struct worker *w, long round)
{
    void *lib = dlcall_dlopen(lib_path, DLCALL_RTLD_NOW);
    dlcall_fn add;

    if (lib != main_lib) {
        e2e_fail("thread %d: dlopen gave %p, expected %p", w->index, lib,
                 main_lib);
    }
    add = (dlcall_fn)dlcall_dlsym(lib, "dlcall_test_add");
    if (add != main_add) {
        e2e_fail("thread %d: dlsym gave %p", w->index, (void *)add);
    }
    for (int i = 0; i < 5; i++) {
        check_add(w, add, round * 7 + i, (int64_t)w->index << 40);
    }
    check_strlen(w, e2e_dlsym(lib, "dlcall_test_strlen")); /* 2 calls */
    check_missing(w, lib);                                 /* 2 calls */
    if (dlcall_dlclose(lib) != 0) {
        e2e_fail("thread %d: dlclose: %s", w->index,
                 e2e_str(dlcall_dlerror()));
    }
    w->calls += 12;
}

static void *run(void *arg)
{
    struct worker *w = arg;

    for (long round = 0; w->calls < calls_per_thread; round++) {
        round_trip(w, round);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    struct worker workers[NTHREADS];
    long total = 0;

    lib_path = e2e_lib_path(argc, argv);
    e2e_require_plugin();
    if (argc > 2) {
        calls_per_thread = atol(argv[2]);
    }
    main_lib = e2e_dlopen(lib_path);
    main_add = e2e_dlsym(main_lib, "dlcall_test_add");
    for (int i = 0; i < NTHREADS; i++) {
        workers[i] = (struct worker){ .index = i };
        snprintf(workers[i].text, sizeof(workers[i].text), "thread %d says %*s",
                 i, i, "hi");
        snprintf(workers[i].missing, sizeof(workers[i].missing),
                 "gcstress_missing_%d", i);
        if (pthread_create(&workers[i].thread, NULL, run, &workers[i]) != 0) {
            e2e_fail("pthread_create %d", i);
        }
    }
    for (int i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_join(workers[i].thread, NULL) == 0);
        total += workers[i].calls;
    }
    E2E_CHECK(dlcall_dlclose(main_lib) == 0);
    e2e_say("threads %d calls %ld", NTHREADS, total);
    e2e_pass();
    return 0;
}
