/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigint: guest signal handlers still run for signals sent to the process
 * between dlcall calls, and the calls go on working.
 *
 * Usage: sigint <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "sigint"
#include "../common/e2e.h"

#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t count;

static void on_sigint(int sig)
{
    (void)sig;
    count++;
}

/* A signal from kill() may land a little later: keep making calls. */
static void wait_for_count(dlcall_fn add, int want)
{
    for (int i = 0; count < want && i < 100000; i++) {
        E2E_CHECK(e2e_add(add, i, 1) == i + 1);
    }
    if (count != want) {
        e2e_fail("handler ran %d times, expected %d", (int)count, want);
    }
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    struct sigaction sa;
    sigset_t set;
    void *lib;
    dlcall_fn add;

    e2e_require_plugin();
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    E2E_CHECK(sigaction(SIGINT, &sa, NULL) == 0);
    /* The harness may have left SIGINT blocked. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    E2E_CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);

    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    E2E_CHECK(e2e_add(add, 3, 4) == 7);

    E2E_CHECK(raise(SIGINT) == 0);
    wait_for_count(add, 1);
    e2e_say("raise: handler ran");
    E2E_CHECK(e2e_add(add, 5, 6) == 11);

    E2E_CHECK(kill(getpid(), SIGINT) == 0);
    wait_for_count(add, 2);
    e2e_say("kill: handler ran");
    E2E_CHECK(e2e_add(add, 7, 8) == 15);

    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_say("count %d", (int)count);
    e2e_pass();
    return 0;
}
