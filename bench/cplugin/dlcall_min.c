/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall_min: the dlcall protocol (IDs 0-5 of docs protocol.md) as a plain
 * C QEMU plugin, with nothing else. It is the performance floor the .NET
 * plugin is measured against: a filter call here costs one compare on a miss.
 *
 * Needs a QEMU whose syscall filter has the API-7 shape (11.1, or 10.2 with
 * dlcall's backport); the register function is resolved from the QEMU
 * executable when the plugin is loaded.
 *
 *   qemu-x86_64 -plugin libdlcall_min.so[,syscall_num=N] guest
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * QEMU's own plugin header (installed by native/qemu/build-qemu.sh): the
 * filter's shape is checked against the QEMU this plugin runs in.
 */
#include <qemu-plugin.h>

/* 5: accepted by the 10.2 backport and by 11.x alike. */
QEMU_PLUGIN_EXPORT int qemu_plugin_version = 5;

/* Set once at install, before the filter can run. */
static int64_t magic = 4096;

/* Every pointer is a guest address used as is (guest_base 0). NULL ones answer
 * -EFAULT instead of crashing QEMU, as protocol.md asks of dlcall. */
static int64_t dispatch(uint64_t id, uint64_t a2, uint64_t a3, uint64_t a4)
{
    switch (id) {
    case 0: /* GET_HOST_ATTRIBUTE(key, const char **out) */
        if (!a2 || !a3) {
            return -EFAULT;
        }
        *(const char **)a3 = strcmp((const char *)a2, "emu") == 0 ? "qemu" : NULL;
        return 0;
    case 1: /* LOAD_LIBRARY(path, flags, void **out); a NULL path is the main program */
        if (!a4) {
            return -EFAULT;
        }
        *(void **)a4 = dlopen((const char *)a2, (int)a3);
        return 0;
    case 2: /* GET_PROC_ADDRESS(handle, name, void **out); a NULL handle is RTLD_DEFAULT */
        if (!a3 || !a4) {
            return -EFAULT;
        }
        *(void **)a4 = dlsym((void *)a2, (const char *)a3);
        return 0;
    case 3: /* FREE_LIBRARY(handle, int *out); glibc's dlclose(NULL) crashes */
        if (!a2 || !a3) {
            return -EFAULT;
        }
        *(int *)a3 = dlclose((void *)a2);
        return 0;
    case 4: /* GET_LIBRARY_ERROR(const char **out) */
        if (!a2) {
            return -EFAULT;
        }
        *(const char **)a2 = dlerror();
        return 0;
    case 5: /* INVOKE_PROC(fn, arg1, arg2) */
        if (!a2) {
            return -EFAULT;
        }
        ((void (*)(void *, void *))a2)((void *)a3, (void *)a4);
        return 0;
    default:
        return -EINVAL;
    }
}

static bool filter(unsigned int vcpu_index, int64_t num, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
                   uint64_t a8, int64_t *sysret, void *userdata)
{
    (void)vcpu_index, (void)a5, (void)a6, (void)a7, (void)a8, (void)userdata;
    if (num != magic) {
        return false;
    }
    *sysret = dispatch(a1, a2, a3, a4);
    return true;
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    /* The API-6 filter has another signature: registering ours there would crash. */
    if (info->system_emulation || info->version.cur == 6) {
        fprintf(stderr, "plugin dlcall_min: needs linux-user with the API-7 syscall filter\n");
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        char *end;
        if (strncmp(argv[i], "syscall_num=", 12) != 0) {
            fprintf(stderr, "plugin dlcall_min: unknown option '%s'\n", argv[i]);
            return -1;
        }
        magic = (int64_t)strtoull(argv[i] + 12, &end, 0);
        if (*end || end == argv[i] + 12 || magic < 4096) {
            fprintf(stderr, "plugin dlcall_min: invalid syscall_num '%s'\n", argv[i] + 12);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_syscall_filter_cb(id, filter, NULL);
    return 0;
}
