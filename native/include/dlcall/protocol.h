/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dlcall protocol: operation IDs, the magic syscall number and the
 * errno values the plugin answers with. The C# side (src/Dlcall.Protocol)
 * defines the same constants; tests/Dlcall.Protocol.Tests checks that both
 * agree, so change them together.
 */
#ifndef DLCALL_PROTOCOL_H
#define DLCALL_PROTOCOL_H

/* Default magic syscall number; above every real syscall on every ISA. */
#define DLCALL_SYSCALL_NUM_DEFAULT 4096
/* The plugin refuses syscall_num values below this. */
#define DLCALL_SYSCALL_NUM_MIN 4096

/* a1 of the magic syscall selects the operation. */
#define DLCALL_ID_GET_HOST_ATTRIBUTE 0 /* (const char *key, const char **out) */
#define DLCALL_ID_LOAD_LIBRARY 1       /* (const char *path, int flags, void **out) */
#define DLCALL_ID_GET_PROC_ADDRESS 2   /* (void *handle, const char *name, void **out) */
#define DLCALL_ID_FREE_LIBRARY 3       /* (void *handle, int *out) */
#define DLCALL_ID_GET_LIBRARY_ERROR 4  /* (const char **out) */
#define DLCALL_ID_INVOKE_PROC 5        /* (void (*fn)(void *, void *), void *a, void *b) */

/* sysret values: the ID was served, or not. */
#define DLCALL_OK 0
#define DLCALL_EFAULT 14 /* returned negated: a NULL out pointer or function */
#define DLCALL_EINVAL 22 /* returned negated: unknown ID */
#define DLCALL_ENOSYS 38 /* returned negated by the kernel/QEMU: no plugin */

/* Host attribute keys and the values the plugin answers. */
#define DLCALL_ATTR_EMU "emu"
#define DLCALL_ATTR_EMU_VALUE "qemu"
#define DLCALL_ATTR_VERSION "dlcall.version"     /* the plugin's version */
#define DLCALL_ATTR_HOST_ARCH "dlcall.host_arch" /* e.g. "x86_64" */

#endif /* DLCALL_PROTOCOL_H */
