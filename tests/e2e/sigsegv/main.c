/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigsegv: a guest SIGSEGV handler still gets the guest's own faults once
 * the plugin runtime is up, and the plugin keeps serving afterwards.
 *
 * Usage: sigsegv <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "sigsegv"
#include "../common/e2e.h"

#include <setjmp.h>
#include <signal.h>

static sigjmp_buf recover;
static volatile sig_atomic_t caught;
static void *volatile fault_addr;

static void on_segv(int sig, siginfo_t *info, void *uctx)
{
    (void)sig;
    (void)uctx;
    caught++;
    fault_addr = info->si_addr;
    siglongjmp(recover, 1);
}

static void install_handler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    E2E_CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
}

/* Built at run time so the compiler cannot see (and warn about) the fault. */
static volatile uintptr_t bad_addr = 8;

static void fault_once(int round)
{
    if (sigsetjmp(recover, 1) == 0) {
        volatile int *p = (volatile int *)bad_addr;

        e2e_say("round %d: touching %p", round, (void *)p);
        (void)*p;
        e2e_fail("reading %p did not fault", (void *)p);
    }
    if (fault_addr != (void *)bad_addr) {
        e2e_fail("si_addr %p, expected %p", fault_addr, (void *)bad_addr);
    }
    e2e_say("caught");
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    void *lib;
    dlcall_fn add;

    e2e_require_plugin();
    install_handler();
    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    E2E_CHECK(e2e_add(add, 1, 2) == 3);

    fault_once(1);
    E2E_CHECK(e2e_add(add, 20, 22) == 42);
    fault_once(2);
    E2E_CHECK(e2e_add(add, -1, 1) == 0);
    E2E_CHECK(caught == 2);
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_say("plugin ok after the faults");
    e2e_pass();
    return 0;
}
