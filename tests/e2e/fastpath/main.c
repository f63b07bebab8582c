/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fastpath: dlcall_invoke_fast() and the magic instruction behind it.
 *
 * Usage: fastpath <host libdlcall_testlib.so> <mode>
 *   basic     the plugin offers the fast path; results, -EFAULT, raw block
 *   threads   8 threads x 20000 fast calls, one block each
 *   signals   a 50 us interval timer whose handler makes fast calls too,
 *             while the main loop makes fast calls for 2 s
 *   smc       guest code containing the magic instruction is rewritten and
 *             remapped: QEMU must drop the old translation with its callback
 *   fork      a forked child (and a thread of it) keeps the fast path
 *   fallback  a plugin without the fast path: every call takes the syscall
 *   noplugin  no plugin: the magic instruction is a no-op, calls fail cleanly
 */
#define E2E_FEATURE "fastpath"
#include "../common/e2e.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static dlcall_fn add;

/* dlcall_test_add through dlcall_invoke_fast; 1 when the sum is right. */
static int fast_add_ok(int64_t a, int64_t b)
{
    struct dlcall_test_add_args args = { .a = a, .b = b };
    int64_t sum = INT64_MIN + 12345;

    return dlcall_invoke_fast(add, &args, &sum) == 0 &&
           sum == e2e_wrap_add(a, b);
}

static void fast_add_or_fail(int64_t a, int64_t b)
{
    if (!fast_add_ok(a, b)) {
        e2e_fail("fast add(%lld, %lld) failed", (long long)a, (long long)b);
    }
}

/* The magic instruction on this thread's block, filled by hand. */
static int64_t raw_magic(dlcall_fn fn, void *a, void *b)
{
    struct dlcall__thread_state *s = dlcall__thread();

    s->block.fn = (uint64_t)(uintptr_t)fn;
    s->block.a = (uint64_t)(uintptr_t)a;
    s->block.b = (uint64_t)(uintptr_t)b;
    s->block.status = DLCALL_FAST_PENDING;
    return dlcall__fast_once(s);
}

static void expect_fast_registered(const char *where)
{
    if (dlcall__thread()->registered != 1) {
        e2e_fail("%s: the fast path is not in use (registered %d)", where,
                 dlcall__thread()->registered);
    }
}

static void test_basic(void)
{
    struct dlcall_test_add_args args = { .a = 40, .b = 2 };
    int64_t sum = 0;
    const char *v = dlcall_host_attribute(DLCALL_ATTR_FAST_PATH);

    E2E_CHECK(v != NULL && strcmp(v, DLCALL_FAST_PATH_ABI) == 0);
    for (int64_t i = 0; i < 100000; i++) {
        fast_add_or_fail(i * 7919, -i);
    }
    fast_add_or_fail(INT64_MAX, 1);
    expect_fast_registered("basic");
    /* The plugin itself served these: the magic instruction alone. */
    E2E_CHECK(raw_magic(add, &args, &sum) == DLCALL_OK && sum == 42);
    E2E_CHECK(raw_magic(NULL, &args, &sum) == -DLCALL_EFAULT);
    /* A block already served is not called again. */
    sum = 0;
    dlcall__fast_once(dlcall__thread());
    E2E_CHECK(sum == 0);
    /* Same answers as dlcall_invoke for a NULL function. */
    E2E_CHECK(dlcall_invoke_fast(NULL, NULL, NULL) == -DLCALL_EFAULT);
    E2E_CHECK(dlcall_dlerror() != NULL);
    /* Misaligned blocks are refused; the thread's own is registered again. */
    E2E_CHECK(dlcall_syscall(DLCALL_ID_REGISTER_FAST_BLOCK,
                             (long)&dlcall__thread()->block + 1, 0, 0) ==
              -DLCALL_EFAULT);
    fast_add_or_fail(1, 2);
    e2e_say("basic ok");
}

#define NTHREADS 8

static void *thread_run(void *arg)
{
    int64_t base = (int64_t)(intptr_t)arg * 1000000007;

    for (int64_t i = 0; i < 20000; i++) {
        if (!fast_add_ok(base + i, i * 3)) {
            return (void *)1;
        }
    }
    return dlcall__thread()->registered == 1 ? NULL : (void *)2;
}

static void test_threads(void)
{
    pthread_t t[NTHREADS];

    for (intptr_t i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_create(&t[i], NULL, thread_run, (void *)i) == 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        void *r;

        E2E_CHECK(pthread_join(t[i], &r) == 0);
        if (r != NULL) {
            e2e_fail("thread %d: %s", i,
                     r == (void *)1 ? "wrong result" : "not on the fast path");
        }
    }
    /* Threads exited and new ones reuse their vCPU indexes. */
    for (intptr_t i = 0; i < NTHREADS; i++) {
        E2E_CHECK(pthread_create(&t[i], NULL, thread_run, (void *)(i + 100)) == 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        void *r;

        E2E_CHECK(pthread_join(t[i], &r) == 0 && r == NULL);
    }
    e2e_say("threads ok");
}

static volatile sig_atomic_t ticks, handler_failures;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
    /* The interrupted call may be mid-way: this one must not disturb it. */
    if (!fast_add_ok(ticks, 1000)) {
        handler_failures++;
    }
}

static void test_signals(void)
{
    struct itimerval every = { { 0, 50 }, { 0, 50 } }, off = { { 0, 0 }, { 0, 0 } };
    struct timespec start, now;
    long calls = 0;

    fast_add_or_fail(1, 1);
    E2E_CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
    E2E_CHECK(setitimer(ITIMER_REAL, &every, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        for (int i = 0; i < 100; i++, calls++) {
            fast_add_or_fail(calls, 1);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while (now.tv_sec - start.tv_sec < 2);
    E2E_CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
    e2e_say("calls %ld, alarms %d, handler failures %d", calls, (int)ticks,
            (int)handler_failures);
    E2E_CHECK(ticks > 100 && handler_failures == 0);
    expect_fast_registered("signals");
    e2e_say("signals ok");
}

/* Guest code: the magic instruction (or a plain NOP) and a return. */
#if defined(__aarch64__)
static const uint32_t code_magic[] = { DLCALL_FAST_MAGIC_AARCH64, 0xd65f03c0 };
static const uint32_t code_nop[] = { 0xd503201f, 0xd65f03c0 };
#elif defined(__riscv)
static const uint32_t code_magic[] = { DLCALL_FAST_MAGIC_RISCV64, 0x00008067 };
static const uint32_t code_nop[] = { 0x00000013, 0x00008067 };
#else
static const uint8_t code_magic[] = { 0x0f, 0x1f, 0x84, 0x00, 0x64, 0x6c, 0x63, 0x31, 0xc3 };
static const uint8_t code_nop[] = { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc3 };
#endif

/* Writes @code at @page and calls it with the block pending; the status. */
static int64_t run_code(void *page, const void *code, size_t size, int64_t *sum)
{
    struct dlcall__thread_state *s = dlcall__thread();
    static struct dlcall_test_add_args args = { .a = 5, .b = 6 };

    memcpy(page, code, size);
    __builtin___clear_cache((char *)page, (char *)page + size);
    *sum = 0;
    s->block.fn = (uint64_t)(uintptr_t)add;
    s->block.a = (uint64_t)(uintptr_t)&args;
    s->block.b = (uint64_t)(uintptr_t)sum;
    s->block.status = DLCALL_FAST_PENDING;
    ((void (*)(void))page)();
    return ((volatile struct dlcall_fast_block *)&s->block)->status;
}

static void *map_code(void *at)
{
    void *p = mmap(at, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | (at ? MAP_FIXED : 0), -1, 0);

    if (p == MAP_FAILED) {
        e2e_fail("mmap: %s", strerror(errno));
    }
    return p;
}

static void test_smc(void)
{
    void *page = map_code(NULL);
    int64_t sum;

    fast_add_or_fail(1, 1); /* registers this thread's block */
    for (int round = 0; round < 3; round++) {
        E2E_CHECK(run_code(page, code_magic, sizeof(code_magic), &sum) ==
                  DLCALL_OK && sum == 11);
        /* Rewritten in place: the old TB and its callback must go. */
        E2E_CHECK(run_code(page, code_nop, sizeof(code_nop), &sum) ==
                  DLCALL_FAST_PENDING && sum == 0);
        E2E_CHECK(run_code(page, code_magic, sizeof(code_magic), &sum) ==
                  DLCALL_OK && sum == 11);
        /* Unmapped and mapped again at the same address with other code. */
        E2E_CHECK(munmap(page, 4096) == 0);
        E2E_CHECK(map_code(page) == page);
        E2E_CHECK(run_code(page, code_nop, sizeof(code_nop), &sum) ==
                  DLCALL_FAST_PENDING && sum == 0);
        E2E_CHECK(munmap(page, 4096) == 0);
        E2E_CHECK(map_code(page) == page);
    }
    dlcall__thread()->block.status = DLCALL_OK; /* not in use any more */
    fast_add_or_fail(3, 4);
    expect_fast_registered("smc");
    e2e_say("smc ok");
}

static void *child_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        if (!fast_add_ok(i, -2 * i)) {
            return (void *)1;
        }
    }
    return dlcall__thread()->registered == 1 ? NULL : (void *)2;
}

static int child_main(void)
{
    struct dlcall_test_add_args args = { .a = 1, .b = 2 };
    int64_t sum = 0;
    pthread_t t;
    void *r;

    for (int i = 0; i < 1000; i++) {
        if (!fast_add_ok(i, 1000)) {
            return 1;
        }
    }
    /* The inherited registration still names this thread's block. */
    if (raw_magic(add, &args, &sum) != DLCALL_OK || sum != 3) {
        return 2;
    }
    if (pthread_create(&t, NULL, child_thread, NULL) != 0 ||
        pthread_join(t, &r) != 0 || r != NULL) {
        return 3;
    }
    return 0;
}

static void test_fork(void)
{
    int status;
    pid_t pid;

    fast_add_or_fail(1, 1);
    fflush(stdout);
    pid = fork();
    E2E_CHECK(pid >= 0);
    if (pid == 0) {
        _exit(child_main());
    }
    E2E_CHECK(waitpid(pid, &status, 0) == pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        e2e_fail("forked child: status %#x", status);
    }
    fast_add_or_fail(2, 2);
    expect_fast_registered("fork parent");
    e2e_say("fork ok");
}

static void test_fallback(void)
{
    E2E_CHECK(dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) == NULL);
    for (int64_t i = 0; i < 1000; i++) {
        fast_add_or_fail(i, i);
    }
    E2E_CHECK(dlcall__thread()->registered == -1);
    E2E_CHECK(dlcall_invoke_fast(NULL, NULL, NULL) == -DLCALL_EFAULT);
    e2e_say("fallback ok");
}

static void test_noplugin(void)
{
    struct dlcall_test_add_args args = { .a = 1, .b = 2 };
    int64_t sum = 0;
    /* Any address: without the plugin nobody calls it. */
    dlcall_fn bogus = (dlcall_fn)(uintptr_t)0x1000;

    E2E_CHECK(raw_magic(bogus, &args, &sum) == DLCALL_FAST_PENDING && sum == 0);
    dlcall__thread()->block.status = DLCALL_OK; /* not in use any more */
    E2E_CHECK(dlcall_invoke_fast(bogus, &args, &sum) == -DLCALL_ENOSYS);
    E2E_CHECK(strcmp(e2e_str(dlcall_dlerror()), DLCALL_NO_PLUGIN_MESSAGE) == 0);
    E2E_CHECK(dlcall__thread()->registered == -1);
    e2e_say("noplugin ok");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[2] : "";

    if (strcmp(mode, "noplugin") == 0) {
        E2E_CHECK(dlcall_available() == -DLCALL_ENOSYS);
        test_noplugin();
        e2e_pass();
        return 0;
    }
    e2e_require_plugin();
    add = e2e_dlsym(e2e_dlopen(e2e_lib_path(argc, argv)), "dlcall_test_add");
    if (strcmp(mode, "basic") == 0) {
        test_basic();
    } else if (strcmp(mode, "threads") == 0) {
        test_threads();
    } else if (strcmp(mode, "signals") == 0) {
        test_signals();
    } else if (strcmp(mode, "smc") == 0) {
        test_smc();
    } else if (strcmp(mode, "fork") == 0) {
        test_fork();
    } else if (strcmp(mode, "fallback") == 0) {
        test_fallback();
    } else {
        fprintf(stderr, "usage: %s <host lib> basic|threads|signals|smc|fork|fallback|noplugin\n",
                argv[0]);
        return 2;
    }
    e2e_pass();
    return 0;
}
