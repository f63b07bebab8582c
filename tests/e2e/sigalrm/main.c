/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigalrm: a fast interval timer (signals sent to the process, which the
 * kernel may deliver to any thread that does not block them) while the
 * guest calls the host. The .NET runtime's own threads must never receive
 * them: QEMU's host signal handler only works on vCPU threads.
 *
 * Usage: sigalrm <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "sigalrm"
#include "../common/e2e.h"

#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
    (void)sig;
    ticks++;
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    struct itimerval every = { { 0, 50 }, { 0, 50 } }, off = { { 0, 0 }, { 0, 0 } };
    struct timespec start, now;
    long calls = 0;
    void *lib;
    dlcall_fn add;

    e2e_require_plugin();
    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    E2E_CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
    E2E_CHECK(setitimer(ITIMER_REAL, &every, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        E2E_CHECK(e2e_add(add, calls, 1) == calls + 1);
        calls++;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while (now.tv_sec - start.tv_sec < 2);
    E2E_CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
    e2e_say("calls %ld, alarms %d", calls, (int)ticks);
    E2E_CHECK(ticks > 100);
    e2e_pass();
    return 0;
}
