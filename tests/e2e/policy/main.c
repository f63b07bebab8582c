/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * policy: the plugin's allow=/deny= options. Each argument after the host
 * library is "<ok|denied>:<path>"; the program dlopens path and checks the
 * outcome. A denied load gives a NULL handle and one dlerror() message,
 * printed as "denied <path>: <message>" for the test to compare; the next
 * dlerror() is NULL again, and libdl's own messages still come through.
 *
 * Usage: policy <host libdlcall_testlib.so> <ok|denied>:<path>...
 */
#define E2E_FEATURE "policy"
#include "../common/e2e.h"

static void check(const char *expect, const char *path)
{
    void *handle = dlcall_dlopen(path, DLCALL_RTLD_NOW);
    const char *msg;

    if (strcmp(expect, "ok") == 0) {
        if (handle == NULL) {
            e2e_fail("%s: not loaded: %s", path, e2e_str(dlcall_dlerror()));
        }
        E2E_CHECK(dlcall_dlclose(handle) == 0);
        e2e_say("ok %s", path);
        return;
    }
    if (handle != NULL) {
        e2e_fail("%s: loaded although denied", path);
    }
    msg = dlcall_dlerror();
    if (msg == NULL) {
        e2e_fail("%s: denied without a dlerror() message", path);
    }
    e2e_say("denied %s: %s", path, msg);
    if (dlcall_dlerror() != NULL) {
        e2e_fail("%s: a second dlerror() message", path);
    }
}

int main(int argc, char **argv)
{
    const char *msg;

    (void)e2e_lib_path(argc, argv);
    e2e_require_plugin();
    for (int i = 2; i < argc; i++) {
        char *colon = strchr(argv[i], ':');

        if (colon == NULL) {
            e2e_fail("bad argument '%s'", argv[i]);
        }
        *colon = 0;
        check(argv[i], colon + 1);
    }
    /* libdl's own failure still reaches the guest after a refusal. */
    E2E_CHECK(dlcall_dlsym(NULL, "dlcall_no_such_symbol") == NULL);
    msg = dlcall_dlerror();
    E2E_CHECK(msg != NULL && strstr(msg, "dlcall_no_such_symbol") != NULL);
    e2e_pass();
    return 0;
}
