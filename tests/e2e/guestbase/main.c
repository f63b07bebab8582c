/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guestbase: run under QEMU with guest_base != 0 (-B 0x100000000): the
 * plugin refuses every call with -EINVAL (it says why on stderr) instead
 * of reading and writing the wrong host memory, and the guest keeps
 * running.
 *
 * Usage: guestbase <host libdlcall_testlib.so>
 */
#define E2E_FEATURE "guestbase"
#include "../common/e2e.h"

#include <unistd.h>

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    void *out = NULL;
    long ret = dlcall_available();

    if (ret == -DLCALL_ENOSYS) {
        e2e_say("SKIP no plugin");
        return E2E_EXIT_SKIP;
    }
    E2E_CHECK(ret == -DLCALL_EINVAL);
    for (long id = DLCALL_ID_GET_HOST_ATTRIBUTE; id <= DLCALL_ID_REGISTER_FAST_BLOCK; id++) {
        /* Pointers the plugin must not touch: a refused call writes nothing. */
        out = (void *)1;
        ret = dlcall_syscall(id, (long)path, (long)&out, (long)&out);
        if (ret != -DLCALL_EINVAL || out != (void *)1) {
            e2e_fail("ID %ld: sysret %ld, out %p", id, ret, out);
        }
    }
    E2E_CHECK(dlcall_dlopen(path, DLCALL_RTLD_NOW) == NULL);
    E2E_CHECK(strstr(e2e_str(dlcall_dlerror()), "EINVAL") != NULL);
    E2E_CHECK(dlcall_host_attribute(DLCALL_ATTR_FAST_PATH) == NULL);
    E2E_CHECK(getpid() > 0);
    e2e_say("every ID refused with -EINVAL");
    e2e_pass();
    return 0;
}
