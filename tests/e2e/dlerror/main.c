/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlerror: failures travel through the out pointer and the host's
 * dlerror() text reaches the guest, then clears like glibc's.
 *
 * Usage: dlerror <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "dlerror"
#include "../common/e2e.h"

/* The host string is overwritten by the next error: keep a copy. */
static void take_error(char *buf, size_t size, const char *after)
{
    const char *msg = dlcall_dlerror();

    if (msg == NULL) {
        e2e_fail("no dlerror after %s", after);
    }
    snprintf(buf, size, "%s", msg);
    e2e_say("dlerror: %s", buf);
    if (dlcall_dlerror() != NULL) {
        e2e_fail("a second dlerror after %s is not NULL", after);
    }
}

static void expect_text(const char *msg, const char *part)
{
    if (strstr(msg, part) == NULL) {
        e2e_fail("dlerror '%s' does not mention '%s'", msg, part);
    }
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    char msg[1024];
    void *lib;

    e2e_require_plugin();
    /* Start from a clean state: nothing may be pending yet. */
    if (dlcall_dlerror() != NULL) {
        e2e_fail("dlerror pending before any failure");
    }

    if (dlcall_dlopen("/nonexistent/libnope.so", DLCALL_RTLD_NOW) != NULL) {
        e2e_fail("dlopen of a missing library gave a handle");
    }
    take_error(msg, sizeof(msg), "a failed dlopen");
    expect_text(msg, "libnope.so");
    expect_text(msg, "No such file");

    lib = e2e_dlopen(path);
    if (dlcall_dlsym(lib, "no_such_symbol_xyz") != NULL) {
        e2e_fail("dlsym of a missing symbol gave an address");
    }
    take_error(msg, sizeof(msg), "a failed dlsym");
    expect_text(msg, "no_such_symbol_xyz");

    /* A success in between does not bring an old error back. */
    e2e_dlsym(lib, "dlcall_test_add");
    if (dlcall_dlerror() != NULL) {
        e2e_fail("dlerror not NULL after a successful dlsym");
    }
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_pass();
    return 0;
}
