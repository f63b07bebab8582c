/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench: not a test; the cost of one call, next to a plain syscall that
 * QEMU emulates: N getppid syscalls, N INVOKE_PROC of dlcall_test_noop and
 * N GET_HOST_ATTRIBUTE("emu"), in ns per call; and N dlcall_invoke_fast of
 * the no-op (the fast path, or the syscall when the plugin lacks it).
 *
 * Usage: bench <host libdlcall_testlib.so> <N>
 * Prints: getppid_ns <x>, invoke_noop_ns <x>, attr_ns <x>,
 *         invoke_fast_ns <x>, fast_path <on or off>
 */
#define E2E_FEATURE "bench"
#include "../common/e2e.h"

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/*
 * Each timed loop starts on a 256-byte boundary, so it never crosses a
 * page: QEMU chains translation blocks only within a page, and a loop
 * split across two pays a block lookup per iteration (riscv64's fast-path
 * loop measured 42 ns instead of 10 when the linker happened to split it).
 */
#define TIMED_LOOP __attribute__((aligned(256), noinline))

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* syscall() directly: no libc may cache or skip the trip. */
TIMED_LOOP static double time_getppid(long n)
{
    double start = now_ns();

    for (long i = 0; i < n; i++) {
        syscall(SYS_getppid);
    }
    return (now_ns() - start) / (double)n;
}

TIMED_LOOP static double time_invoke(dlcall_fn noop, long n)
{
    double start = now_ns();

    for (long i = 0; i < n; i++) {
        if (dlcall_invoke(noop, NULL, NULL) != 0) {
            e2e_fail("invoke failed at call %ld", i);
        }
    }
    return (now_ns() - start) / (double)n;
}

TIMED_LOOP static double time_invoke_fast(dlcall_fn noop, long n)
{
    double start = now_ns();

    for (long i = 0; i < n; i++) {
        if (dlcall_invoke_fast(noop, NULL, NULL) != 0) {
            e2e_fail("fast invoke failed at call %ld", i);
        }
    }
    return (now_ns() - start) / (double)n;
}

TIMED_LOOP static double time_attr(long n)
{
    double start = now_ns();

    for (long i = 0; i < n; i++) {
        if (dlcall_host_attribute(DLCALL_ATTR_EMU) == NULL) {
            e2e_fail("attribute failed at call %ld", i);
        }
    }
    return (now_ns() - start) / (double)n;
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    long n = argc > 2 ? atol(argv[2]) : 0;
    void *lib;
    dlcall_fn noop;

    if (n <= 0) {
        fprintf(stderr, "usage: %s <host libdlcall_testlib.so> <N>\n",
                argv[0]);
        return 2;
    }
    e2e_require_plugin();
    lib = e2e_dlopen(path);
    noop = e2e_dlsym(lib, "dlcall_test_noop");
    /* Warm up: translate the loops and settle the plugin's runtime. */
    time_getppid(n / 10 + 1);
    time_invoke(noop, n / 10 + 1);
    time_attr(n / 10 + 1);
    time_invoke_fast(noop, n / 10 + 1);

    e2e_say("getppid_ns %.2f", time_getppid(n));
    e2e_say("invoke_noop_ns %.2f", time_invoke(noop, n));
    e2e_say("attr_ns %.2f", time_attr(n));
    e2e_say("invoke_fast_ns %.2f", time_invoke_fast(noop, n));
    e2e_say("fast_path %s", dlcall__thread()->registered == 1 ? "on" : "off");
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_pass();
    return 0;
}
