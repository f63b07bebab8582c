/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Not a program: build.sh compiles this with -std=c11 -Wpedantic for every
 * guest ISA (like common/header_c11.c), because <dlcall/thunk.h> promises
 * strict C11. Both functions are used so that both are compiled.
 */
#include <dlcall/thunk.h>

long dlcall_thunk_header_check(const char *path, struct dlcall_frame *f);

long dlcall_thunk_header_check(const char *path, struct dlcall_frame *f)
{
    struct dlcall_host_runtime rt;

    if (dlcall_host_runtime_load(&rt, path) != 0) {
        return -1;
    }
    return dlcall_call_host(&rt, f);
}
