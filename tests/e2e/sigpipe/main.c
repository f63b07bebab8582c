/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigpipe: writing to a pipe without readers kills the process by
 * SIGPIPE under the default disposition, plugin or not (a host runtime
 * inside the plugin must not leave SIGPIPE ignored for the guest).
 *
 * Usage: sigpipe <host libdlcall_testlib.so>
 * Expected: prints "writing" and dies by signal 13.
 */
#define E2E_FEATURE "sigpipe"
#include "../common/e2e.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    struct sigaction old;
    sigset_t set;
    int fds[2];
    void *lib;
    ssize_t n;

    e2e_require_plugin();
    lib = e2e_dlopen(path);
    E2E_CHECK(e2e_add(e2e_dlsym(lib, "dlcall_test_add"), 4, 5) == 9);

    /*
     * The guest must start with the disposition QEMU was started with
     * (default here: the test runner resets it), although the .NET runtime
     * inside the plugin ignores SIGPIPE when it starts.
     */
    E2E_CHECK(sigaction(SIGPIPE, NULL, &old) == 0);
    if (old.sa_handler != SIG_DFL) {
        e2e_fail("SIGPIPE is %s at start, expected the default",
                 old.sa_handler == SIG_IGN ? "ignored" : "handled");
    }
    E2E_CHECK(sigprocmask(SIG_BLOCK, NULL, &set) == 0);
    E2E_CHECK(!sigismember(&set, SIGPIPE));

    E2E_CHECK(pipe(fds) == 0);
    E2E_CHECK(close(fds[0]) == 0);
    e2e_say("writing");
    n = write(fds[1], "x", 1);
    e2e_fail("write to a pipe without readers returned %zd (%s)", n,
             n < 0 ? strerror(errno) : "no error");
}
