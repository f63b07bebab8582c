/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * observe: a known mix of calls for the plugin's stats=on and trace=on
 * options to count and log: 1 dlopen, 3 dlsym (one missing), 7 adds
 * through INVOKE_PROC, 5 strlens through the fast path (or INVOKE_PROC
 * without one), 1 dlerror, 1 bad INVOKE (NULL fn), 1 dlclose.
 *
 * Usage: observe <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "observe"
#include "../common/e2e.h"

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    struct dlcall_test_strlen_args sa = { "four" };
    size_t len = 0;
    dlcall_fn add, slen;
    void *lib;

    e2e_require_plugin();
    e2e_say("fast path %s", dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) ? "on" : "off");
    lib = e2e_dlopen(path);
    add = e2e_dlsym(lib, "dlcall_test_add");
    slen = e2e_dlsym(lib, "dlcall_test_strlen");
    E2E_CHECK(dlcall_dlsym(lib, "dlcall_no_such_function") == NULL);
    E2E_CHECK(dlcall_dlerror() != NULL);
    for (int i = 0; i < 7; i++) {
        E2E_CHECK(e2e_add(add, i, 1) == i + 1);
    }
    for (int i = 0; i < 5; i++) {
        E2E_CHECK(dlcall_invoke_fast(slen, &sa, &len) == 0 && len == 4);
    }
    E2E_CHECK(dlcall_invoke(NULL, NULL, NULL) == -DLCALL_EFAULT);
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    e2e_pass();
    return 0;
}
