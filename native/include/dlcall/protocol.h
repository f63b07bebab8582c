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

/*
 * a1 of the magic syscall selects the operation. The one list of the IDs:
 * X(name, value) each. DLCALL_ID_<name> and DLCALL_ID_COUNT derive from it,
 * and so do the plugin's stats and trace names; tests/Dlcall.Protocol.Tests
 * checks the C# ProtocolId and the plugin's dispatcher against it.
 */
#define DLCALL_ID_LIST(X)                                                        \
    X(GET_HOST_ATTRIBUTE, 0) /* (const char *key, const char **out) */          \
    X(LOAD_LIBRARY, 1)       /* (const char *path, int flags, void **out) */    \
    X(GET_PROC_ADDRESS, 2)   /* (void *handle, const char *name, void **out) */ \
    X(FREE_LIBRARY, 3)       /* (void *handle, int *out) */                     \
    X(GET_LIBRARY_ERROR, 4)  /* (const char **out) */                           \
    X(INVOKE_PROC, 5)        /* (void (*fn)(void *, void *), void *a, void *b) */ \
    /* dlcall's addition: the calling thread's fast-path block, NULL to drop it. */ \
    X(REGISTER_FAST_BLOCK, 6) /* (struct dlcall_fast_block *block) */

#define DLCALL_ID_ENUM_(name, value) DLCALL_ID_##name = value,
#define DLCALL_ID_COUNT_(name, value) +1
enum dlcall_id { DLCALL_ID_LIST(DLCALL_ID_ENUM_) };
/* The IDs are 0 .. DLCALL_ID_COUNT - 1. */
enum { DLCALL_ID_COUNT = 0 DLCALL_ID_LIST(DLCALL_ID_COUNT_) };

/* sysret values: the ID was served, or not. */
#define DLCALL_OK 0
#define DLCALL_EFAULT 14 /* returned negated: a NULL or unmapped pointer, a NULL function */
#define DLCALL_EINVAL 22 /* returned negated: unknown ID */
#define DLCALL_ENOSYS 38 /* returned negated by the kernel/QEMU: no plugin */
#define DLCALL_ENOSPC 28 /* returned negated: no room for this vCPU's fast block */
#define DLCALL_ENAMETOOLONG 36 /* returned negated: a string without NUL in DLCALL_STRING_MAX bytes */
/* Longest string (path, symbol name, attribute key) the plugin reads, NUL included. */
#define DLCALL_STRING_MAX 4096

/* Host attribute keys and the values the plugin answers. */
#define DLCALL_ATTR_EMU "emu"
#define DLCALL_ATTR_EMU_VALUE "qemu"
#define DLCALL_ATTR_VERSION "dlcall.version"     /* the plugin's version */
#define DLCALL_ATTR_HOST_ARCH "dlcall.host_arch" /* e.g. "x86_64" */
/* Answered only when the fast path is on: the ABI version of the magic
 * instruction and the block below. */
#define DLCALL_ATTR_FAST_PATH "dlcall.fast_path"
#define DLCALL_FAST_PATH_ABI "1"

/*
 * The fast path (docs/Protocol.md, "The fast path"). The guest fills its
 * registered block (struct dlcall_fast_block in dlcall.h: four 64-bit
 * words fn, a, b, status), presets status to DLCALL_FAST_PENDING and runs
 * the magic instruction of its ISA, a no-op everywhere except under the
 * plugin, which calls fn(a, b) and sets status to DLCALL_OK (or
 * -DLCALL_EFAULT for a NULL fn) before the next guest instruction.
 */
#define DLCALL_FAST_PENDING 1
/* Magic instructions as little-endian numbers of their bytes. */
#define DLCALL_FAST_MAGIC_AARCH64 0xd5032f7f /* hint #0x7b */
#define DLCALL_FAST_MAGIC_RISCV64 0x6dc02013 /* slti x0, x0, 0x6dc */
#define DLCALL_FAST_MAGIC_X86_64 0x31636c6400841f0f /* nopl 0x31636c64(%rax,%rax,1) */

#endif /* DLCALL_PROTOCOL_H */
