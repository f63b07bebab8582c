/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hostcrash: host code that faults during a call from the guest. The
 * plugin names the faulting code and the called function on stderr and
 * the process dies by the signal (docs/Security.md, "Host crashes").
 *
 * Usage: hostcrash <host libdlcall_testlib.so> segv|fast|ill|jump
 *   segv  dlcall_test_crash stores to 0x8 (INVOKE_PROC syscall)
 *   fast  the same through the fast path (skips when there is none)
 *   ill   dlcall_test_crash runs an invalid instruction
 *   jump  INVOKE_PROC of a function pointer to nowhere (0x1234)
 * Expected: prints "calling the host", then dies; never prints FAIL.
 */
#define E2E_FEATURE "hostcrash"
#include "../common/e2e.h"

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    const char *mode = argc > 2 ? argv[2] : "segv";
    uintptr_t target = 8;
    dlcall_fn crash;
    void *lib;

    e2e_require_plugin();
    lib = e2e_dlopen(path);
    crash = e2e_dlsym(lib, "dlcall_test_crash");
    if (strcmp(mode, "ill") == 0) {
        target = 0;
    }
    if (strcmp(mode, "fast") == 0 &&
        dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) == NULL) {
        e2e_say("SKIP no fast path");
        return E2E_EXIT_SKIP;
    }
    e2e_say("calling the host");
    if (strcmp(mode, "jump") == 0) {
        dlcall_invoke((dlcall_fn)(uintptr_t)0x1234, &target, NULL);
    } else if (strcmp(mode, "fast") == 0) {
        dlcall_invoke_fast(crash, &target, NULL);
    } else {
        dlcall_invoke(crash, &target, NULL);
    }
    e2e_fail("the host call returned");
}
