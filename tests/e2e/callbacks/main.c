/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * callbacks: host library functions that call guest function pointers,
 * through the host runtime libdlcall_host.so (native/host) and the
 * hand-written thunks of libcbtest.so: a qsort comparator, doubles and all
 * eight argument registers, nesting (a callback that calls the host
 * again), zlib-style alloc/free in a struct, FP control state, signal
 * handlers calling the host, 100,000 timed round trips, and 4 guest
 * threads doing all of it at once.
 *
 * Usage: callbacks <host libcbtest.so> [thread]
 *   libdlcall_host.so must be next to libcbtest.so. With "thread" only:
 *   the host library calls a guest callback from a thread it created, and
 *   the process must die by SIGABRT with dlcall's message on stderr.
 */
#define E2E_FEATURE "callbacks"
#include "../common/e2e.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "cbtest_abi.h"
#include "harness.h"
#include "invokers.h"
#include "guest_callbacks.h"

#define NTHREADS 4
#define ROUNDTRIPS 100000
#define TIMED_CALLS 20000
#define NESTING 5

/* The tests; each fails the program on a wrong result. */

static void test_sort(size_t n, uint32_t seed)
{
    int32_t *v = malloc(n * sizeof(*v));
    struct cbtest_sort_args a = { v, n, (uintptr_t)cmp_i32,
                                  (uintptr_t)inv_i32_pp };
    int64_t sum = 0, sorted_sum = 0;

    E2E_CHECK(v != NULL);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (int32_t)(seed >> 8) - (1 << 23);
        sum += v[i];
    }
    cmp_calls = 0;
    call_host(thunk.sort, &a, NULL);
    for (size_t i = 0; i < n; i++) {
        sorted_sum += v[i];
        if (i > 0 && v[i - 1] > v[i]) {
            e2e_fail("sort: v[%zu] = %d > v[%zu] = %d", i - 1, v[i - 1], i,
                     v[i]);
        }
    }
    E2E_CHECK(sorted_sum == sum);
    E2E_CHECK(cmp_calls >= (long)n - 1);
    free(v);
}

static void test_doubles(void)
{
    struct cbtest_sum_args s = { (uintptr_t)half_square,
                                 (uintptr_t)inv_f64_f64_i32, 200 };
    struct cbtest_mix_args m = { (uintptr_t)mix, (uintptr_t)inv_mix };
    double got = -1, expected = 0;

    for (int32_t i = 0; i < s.n; i++) {
        expected += half_square(i * 0.5, i);
    }
    f_calls = 0;
    call_host(thunk.sum_with, &s, &got);
    if (got != expected || f_calls != s.n) {
        e2e_fail("sum_with: %.17g, expected %.17g; %ld calls", got, expected,
                 f_calls);
    }
    call_host(thunk.mix, &m, &got);
    if (got != mix(CBTEST_MIX_ARGS)) {
        e2e_fail("mix: %.17g, expected %.17g", got, mix(CBTEST_MIX_ARGS));
    }
}

static void test_nested(void)
{
    int32_t got;

    nested_max = 0;
    got = host_nested(NESTING);
    if (got != nested_expected(NESTING) || nested_max != NESTING) {
        e2e_fail("nested: %d, expected %d; depth %ld, expected %d", got,
                 nested_expected(NESTING), nested_max, NESTING);
    }
}

static void test_stream(void)
{
    struct alloc_stats st = { 0 };
    struct cbtest_stream s = { my_zalloc, my_zfree, &st, 20, 64, 0 };
    struct cbtest_stream_args a = { &s, (uintptr_t)inv_p_puu,
                                    (uintptr_t)inv_v_pp };
    uint64_t checksum = 0;
    int32_t ret = -1;

    for (uint64_t i = 1; i <= s.blocks; i++) {
        checksum += i * i * s.block_size;
    }
    call_host(thunk.stream_run, &a, &ret);
    if (ret != 0 || st.allocs != s.blocks || st.frees != s.blocks ||
        st.live != 0 || s.checksum != checksum) {
        e2e_fail("stream: ret %d, %ld allocs, %ld frees, checksum %llu "
                 "(expected %llu)", ret, st.allocs, st.frees,
                 (unsigned long long)s.checksum,
                 (unsigned long long)checksum);
    }
    /* The thunk must have given the guest its own pointers back. */
    E2E_CHECK(s.zalloc == my_zalloc && s.zfree == my_zfree);
}

/* Returns the time per round trip in ns. */
static double test_repeat(int64_t n)
{
    struct cbtest_repeat_args a = { (uintptr_t)triple_plus_one,
                                    (uintptr_t)inv_u64_u64, n };
    uint64_t expected = 3 * (uint64_t)n * (uint64_t)(n - 1) / 2 + (uint64_t)n;
    uint64_t got = 0;
    double t0 = now_ns();

    call_host(thunk.repeat, &a, &got);
    if (got != expected) {
        e2e_fail("repeat %lld: %llu, expected %llu", (long long)n,
                 (unsigned long long)got, (unsigned long long)expected);
    }
    return (now_ns() - t0) / (double)n;
}

/* MXCSR control bits (not the sticky exception flags). */
static uint32_t plain_mxcsr(void)
{
    uint32_t m = 0;

    E2E_CHECK(dlcall_invoke(thunk.mxcsr, NULL, &m) == 0);
    return m & 0xffc0;
}

static void test_fp_control(void)
{
    struct cbtest_void_cb_args a = { (uintptr_t)fp_cb, (uintptr_t)inv_v_v };
    uint32_t before = plain_mxcsr(), in_call = 0;
    int32_t lost = -1;

    call_host(thunk.fp_control, &a, &lost);
    if (lost != 0) {
        e2e_fail("fp control lost across a callback (mask %d)", lost);
    }
    /* A host call that leaves round-to-zero set must not leak it. */
    call_host(thunk.fp_leak, NULL, NULL);
    E2E_CHECK(plain_mxcsr() == before);
    call_host(thunk.mxcsr, NULL, &in_call);
    E2E_CHECK((in_call & 0xffc0) == before);
}

/* volatile sig_atomic_t: written by the signal handler */
static volatile sig_atomic_t alarms, alarm_errors;

/*
 * Guest signals are delivered between guest instructions, so mostly
 * right after an INVOKE_PROC came back with a callback request: this
 * host call nests on top of the suspended one, and must be done before
 * the interrupted callback resumes it.
 */
static void on_alarm(int sig)
{
    (void)sig;
    if (host_nested(2) == nested_expected(2)) {
        alarms++;
    } else {
        alarm_errors++;
    }
}

static atomic_int stop_alarms;

/*
 * Thread-directed signals: a process-directed one (setitimer) may be
 * delivered to the plugin runtime's own thread, which QEMU's host signal
 * handler cannot cope with (not a callback matter).
 */
static void *alarm_sender(void *arg)
{
    pthread_t target = *(pthread_t *)arg;
    struct timespec pause = { 0, 200000 };

    while (!atomic_load(&stop_alarms)) {
        pthread_kill(target, SIGALRM);
        nanosleep(&pause, NULL);
    }
    return NULL;
}

static void test_signals(void)
{
    struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
    pthread_t self = pthread_self(), sender;

    sigemptyset(&sa.sa_mask);
    E2E_CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
    E2E_CHECK(pthread_create(&sender, NULL, alarm_sender, &self) == 0);
    for (int i = 0; i < 100 && alarms < 20; i++) {
        test_repeat(2000);
    }
    atomic_store(&stop_alarms, 1);
    E2E_CHECK(pthread_join(sender, NULL) == 0);
    if (alarms == 0 || alarm_errors != 0) {
        e2e_fail("signals: %d handlers called the host, %d wrongly",
                 (int)alarms, (int)alarm_errors);
    }
}

static void test_trampolines(void)
{
    struct cbtest_tramp_args a = { 1000 };
    int32_t failed = -1;

    E2E_CHECK(dlcall_invoke(thunk.trampolines, &a, &failed) == 0);
    if (failed != 0) {
        e2e_fail("%d trampoline checks failed (see stderr)", failed);
    }
}

static void run_suite(int rounds, uint32_t seed)
{
    for (int i = 0; i < rounds; i++) {
        test_sort(i == 0 ? 1000 : 100, seed + i);
        test_doubles();
        test_nested();
        test_stream();
        test_repeat(1000);
    }
}

static void measure(void)
{
    double t0, call_ns, invoke_ns;

    for (int i = 0; i < TIMED_CALLS; i++) {
        call_host(thunk.noop, NULL, NULL);
    }
    t0 = now_ns();
    for (int i = 0; i < TIMED_CALLS; i++) {
        dlcall_invoke(thunk.noop, NULL, NULL);
    }
    invoke_ns = (now_ns() - t0) / TIMED_CALLS;
    t0 = now_ns();
    for (int i = 0; i < TIMED_CALLS; i++) {
        call_host(thunk.noop, NULL, NULL);
    }
    call_ns = (now_ns() - t0) / TIMED_CALLS;
    e2e_say("invoke_ns %.0f call_host_ns %.0f", invoke_ns, call_ns);
    e2e_say("callback_roundtrip_ns %.0f", test_repeat(ROUNDTRIPS));
}

static pthread_barrier_t barrier;

static void *thread_main(void *arg)
{
    pthread_barrier_wait(&barrier);
    run_suite(20, (uint32_t)(uintptr_t)arg);
    return NULL;
}

static void test_threads(void)
{
    pthread_t threads[NTHREADS];

    E2E_CHECK(pthread_barrier_init(&barrier, NULL, NTHREADS) == 0);
    for (int i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_create(&threads[i], NULL, thread_main,
                                 (void *)(uintptr_t)(i * 7919)) == 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_join(threads[i], NULL) == 0);
    }
}

static void never_called(void)
{
    e2e_fail("a guest callback ran on a thread the host library created");
}

static void test_foreign_thread(void)
{
    struct cbtest_void_cb_args a = { (uintptr_t)never_called,
                                     (uintptr_t)inv_v_v };

    e2e_say("calling back from a host thread");
    call_host(thunk.spawn, &a, NULL);
    e2e_fail("the host call returned; dlcall should have aborted");
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);

    e2e_require_plugin();
    load(path);
    if (argc > 2 && strcmp(argv[2], "thread") == 0) {
        test_foreign_thread();
    }
    test_trampolines();
    test_sort(1000, 1);
    test_doubles();
    test_nested();
    test_stream();
    test_fp_control();
    test_signals();
    measure();
    test_threads();
    e2e_say("callbacks: sort, doubles, nesting %d, alloc/free, fp control, "
            "%d signals, %d round trips, %d threads", NESTING, (int)alarms,
            ROUNDTRIPS, NTHREADS);
    e2e_pass();
    return 0;
}
