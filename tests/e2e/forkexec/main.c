/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * forkexec: the plugin serves a forked child (handles and functions
 * inherited from the parent, and new ones); a second child execs a host
 * program that checks it inherited no ignored or blocked signal (the .NET
 * runtime inside QEMU must not leak its signal set-up into exec'd programs).
 *
 * Usage: forkexec <host libdlcall_testlib.so> <host sigstate program>
 *
 * QEMU linux-user hands execve() to the host kernel, so an exec'd *guest*
 * binary runs under QEMU (and the plugin) only where binfmt_misc starts
 * qemu for it; this test needs no such set-up.
 */
#define E2E_FEATURE "forkexec"
#include "../common/e2e.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* In the child a failure must not run the parent's exit path twice. */
static int child_calls(void *lib, dlcall_fn add, const char *path)
{
    void *own;
    dlcall_fn own_add;

    for (int i = 0; i < 1000; i++) {
        if (e2e_add(add, i, 1000) != i + 1000) {
            return 1;
        }
    }
    own = dlcall_dlopen(path, DLCALL_RTLD_NOW);
    if (own != lib) {
        return 2;
    }
    own_add = (dlcall_fn)dlcall_dlsym(own, "dlcall_test_add");
    if (own_add != add || e2e_add(own_add, -7, 7) != 0) {
        return 3;
    }
    return dlcall_dlclose(own) == 0 ? 0 : 4;
}

/* fork(); the child returns 0 (and must _exit), the parent gets the pid. */
static pid_t fork_or_fail(void)
{
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        e2e_fail("fork: %s", strerror(errno));
    }
    return pid;
}

static void wait_for_success(pid_t pid, const char *what)
{
    int status;

    if (waitpid(pid, &status, 0) != pid) {
        e2e_fail("waitpid: %s", strerror(errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        e2e_fail("%s: status %#x (exit %d, signal %d)", what, status,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
}

static void test_fork(void *lib, dlcall_fn add, const char *path)
{
    pid_t pid = fork_or_fail();

    if (pid == 0) {
        _exit(child_calls(lib, add, path));
    }
    wait_for_success(pid, "forked child");
    E2E_CHECK(e2e_add(add, 1, 1) == 2);
    e2e_say("fork ok");
}

/*
 * A forked child execs a host program (QEMU linux-user hands execve() to
 * the host kernel, so only a host binary runs without binfmt_misc) that
 * checks the signal state it inherited.
 */
static void test_exec(const char *host_program)
{
    char *args[] = { (char *)host_program, NULL };
    pid_t pid = fork_or_fail();

    if (pid == 0) {
        execve(host_program, args, environ);
        fprintf(stderr, "execve(%s): %s\n", host_program, strerror(errno));
        _exit(127);
    }
    wait_for_success(pid, host_program);
    E2E_CHECK(dlcall_available() == 0);
    e2e_say("exec ok");
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    void *lib;
    dlcall_fn add;

    e2e_require_plugin();
    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    E2E_CHECK(e2e_add(add, 2, 2) == 4);
    test_fork(lib, add, path);
    if (argc < 3) {
        e2e_fail("usage: forkexec <host lib> <host sigstate program>");
    }
    test_exec(argv[2]);
    e2e_pass();
    return 0;
}
