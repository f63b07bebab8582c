/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Not a program: build.sh compiles this with -std=c11 -Wpedantic for every
 * guest ISA, because users of <dlcall/dlcall.h> may build as strict C11
 * while the e2e programs use gnu11. Every API function is used once so
 * that all of them are compiled, including the inline asm.
 */
#include <dlcall/dlcall.h>

long dlcall_header_check(void *handle, dlcall_fn fn);

long dlcall_header_check(void *handle, dlcall_fn fn)
{
    char buf[16];
    long sum = dlcall_available();

    sum += *(char *)dlcall_copy_from_host(buf, handle, sizeof(buf));
    sum += *dlcall_copy_host_string(buf, (const char *)handle, sizeof(buf));

    sum += dlcall_syscall(DLCALL_ID_GET_LIBRARY_ERROR, 0, 0, 0);
    sum += dlcall_host_attribute(DLCALL_ATTR_EMU) != NULL;
    sum += dlcall_dlopen("libm.so.6", DLCALL_RTLD_NOW | DLCALL_RTLD_LOCAL) !=
           NULL;
    sum += dlcall_dlsym(handle, "cos") != NULL;
    sum += dlcall_dlclose(handle);
    sum += dlcall_dlerror() != NULL;
    sum += dlcall_invoke(fn, handle, NULL);
    return sum;
}
