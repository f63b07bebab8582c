/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * crash: a guest fault with no handler kills the process by SIGSEGV,
 * as without the plugin (whose runtime is up by then); the plugin must
 * not swallow the fault or turn it into another exit.
 *
 * Usage: crash <host libdlcall_testlib.so>
 * Expected: prints "about to crash" and dies by signal 11.
 */
#define E2E_FEATURE "crash"
#include "../common/e2e.h"

#include <signal.h>

static volatile uintptr_t null_addr;

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    void *lib;

    e2e_require_plugin();
    lib = e2e_dlopen(path);
    E2E_CHECK(e2e_add(e2e_dlsym(lib, "dlcall_test_add"), 2, 3) == 5);
    /* Whatever disposition the harness left, the fault must be fatal. */
    signal(SIGSEGV, SIG_DFL);
    e2e_say("about to crash");
    (void)*(volatile int *)null_addr;
    e2e_fail("dereferencing NULL did not kill the process");
}
