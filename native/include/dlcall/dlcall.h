/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall guest runtime (header-only).
 *
 * A program emulated by QEMU linux-user calls native libraries of the
 * host through one magic syscall that the dlcall plugin serves. Build the
 * guest program with `-I native/include` and run it as
 *
 *     qemu-aarch64 -plugin libdlcall.so ./prog
 *
 * Usage:
 *
 *     #include <dlcall/dlcall.h>
 *
 *     if (dlcall_available() != 0)
 *         ... not running under QEMU with the plugin: fall back ...
 *     void *lib = dlcall_dlopen("libfoo.so", DLCALL_RTLD_NOW);
 *     void *sym = lib ? dlcall_dlsym(lib, "foo_entry") : NULL;
 *     if (sym == NULL)
 *         fprintf(stderr, "%s\n", dlcall_dlerror());
 *     else
 *         dlcall_invoke((dlcall_fn)sym, &args, &result);
 *     dlcall_dlclose(lib);
 *
 * dlcall_invoke_fast() is dlcall_invoke() without the syscall when the
 * plugin offers the fast path (docs/Protocol.md), and dlcall_invoke()
 * otherwise.
 *
 * Things to know:
 * - Host functions called with dlcall_invoke() must have the shape
 *   `void f(void *a, void *b)`; other shapes need a host-side trampoline.
 * - Pointers travel unchanged: a guest address is used as a host address,
 *   which holds because QEMU runs the guest with guest_base 0 and every
 *   supported guest has the host's pointer width and byte order.
 * - Memory the HOST allocated is not part of the guest's memory map in
 *   QEMU. Plain loads reach it, but instructions QEMU emulates with
 *   checked helpers (SVE loads in aarch64 glibc's memcpy, for one) fault
 *   on it. So the strings this header returns are copies in guest memory,
 *   and a guest handed a host pointer some other way should copy it with
 *   dlcall_copy_from_host() / dlcall_copy_host_string() before use.
 * - Handles and functions belong to the host: never call them natively.
 * - The plugin can be told another syscall number
 *   (`-plugin libdlcall.so,syscall_num=N`); build the guest with
 *   `-DDLCALL_SYSCALL_NUM=N` to match.
 * - Flags for dlcall_dlopen() are the HOST's dlopen flags; use the
 *   DLCALL_RTLD_* values below, not the guest's <dlfcn.h>.
 * - Compiles as C11 (-std=c11) on aarch64, riscv64 and x86_64 guests.
 */
#ifndef DLCALL_DLCALL_H
#define DLCALL_DLCALL_H

#include <stddef.h>

#include "protocol.h"

#if defined(__aarch64__)
#include "arch/aarch64/syscall.h"
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
#include "arch/riscv64/syscall.h"
#elif defined(__x86_64__)
#include "arch/x86_64/syscall.h"
#else
#error "dlcall: unsupported guest ISA (aarch64, riscv64 and x86_64 only)"
#endif

#ifndef DLCALL_SYSCALL_NUM
#define DLCALL_SYSCALL_NUM DLCALL_SYSCALL_NUM_DEFAULT
#endif

/* A thread's state (the fast block, the pending error) and copy buffers. */
#include "thread.h"

/*
 * dlopen flags of the host (x86_64 glibc). The guest's <dlfcn.h> may use
 * other values, and the plugin hands the flags to the host unchanged.
 */
#define DLCALL_RTLD_LAZY 0x00001
#define DLCALL_RTLD_NOW 0x00002
#define DLCALL_RTLD_NOLOAD 0x00004
#define DLCALL_RTLD_GLOBAL 0x00100
#define DLCALL_RTLD_LOCAL 0
#define DLCALL_RTLD_NODELETE 0x01000

/* The only function shape dlcall_invoke() can call. */
typedef void (*dlcall_fn)(void *a, void *b);

/* What dlcall_dlerror() reports when a call failed for want of a plugin. */
#define DLCALL_NO_PLUGIN_MESSAGE                                            \
    "dlcall: the dlcall QEMU plugin is not loaded "                        \
    "(run under qemu-<arch> -plugin libdlcall.so)"

/*
 * Raw magic syscall: operation @id with arguments @a2..@a4 (protocol.md).
 * Returns the sysret: 0 when the plugin served @id, -EINVAL for an
 * unknown @id, -EFAULT for a NULL (or unmapped) out pointer or function,
 * and -ENOSYS when no plugin claims the syscall.
 */
static inline long dlcall_syscall(long id, long a2, long a3, long a4)
{
    return dlcall_arch_syscall4(DLCALL_SYSCALL_NUM, id, a2, a3, a4);
}

/*
 * Copies @size bytes of host memory at @host to guest memory at @dst, one
 * byte load at a time: QEMU serves plain loads from any host address,
 * while libc's vectorised copies may use instructions that fault on
 * memory the guest did not map. Returns @dst.
 */
static inline void *dlcall_copy_from_host(void *dst, const void *host,
                                          size_t size)
{
    const volatile unsigned char *from = host;
    unsigned char *to = dst;

    for (size_t i = 0; i < size; i++) {
        to[i] = from[i];
    }
    return dst;
}

/*
 * strlen of a string that may be host memory, with byte loads as above
 * (libc's strlen may use vector loads QEMU refuses on host pages).
 */
static inline size_t dlcall_host_strlen(const char *host)
{
    const volatile char *s = host;
    size_t n = 0;

    while (s[n] != '\0') {
        n++;
    }
    return n;
}

/*
 * Copies the host string @host into @dst (@size bytes), truncating and
 * NUL-terminating when @size > 0, with byte loads as above.
 * Returns @dst.
 */
static inline char *dlcall_copy_host_string(char *dst, const char *host,
                                            size_t size)
{
    const volatile char *from = host;
    size_t i = 0;

    if (size == 0) {
        return dst;
    }
    while (i + 1 < size && (dst[i] = from[i]) != '\0') {
        i++;
    }
    dst[i] = '\0';
    return dst;
}

/*
 * 0 when the plugin answers; otherwise the negative sysret of the probe
 * (-ENOSYS: not under QEMU, or QEMU without the plugin, or the plugin
 * listens on another syscall number).
 */
static inline int dlcall_available(void)
{
    const char *value = NULL;

    return (int)dlcall_syscall(DLCALL_ID_GET_HOST_ATTRIBUTE,
                               (long)DLCALL_ATTR_EMU, (long)&value, 0);
}

static inline const char *dlcall__sysret_message(long sysret)
{
    switch (sysret) {
    case -DLCALL_ENOSYS:
        return DLCALL_NO_PLUGIN_MESSAGE;
    case -DLCALL_EFAULT:
        return "dlcall: the plugin refused a bad pointer (EFAULT)";
    case -DLCALL_EINVAL:
        return "dlcall: the plugin does not know the operation (EINVAL)";
    case -DLCALL_ENAMETOOLONG:
        return "dlcall: the plugin refused a string longer than DLCALL_STRING_MAX (ENAMETOOLONG)";
    default:
        return "dlcall: the magic syscall failed";
    }
}

/* True when @sysret says the call was not served; remembers why. */
static inline int dlcall__failed(long sysret)
{
    if (sysret == DLCALL_OK) {
        return 0;
    }
    dlcall__thread()->pending = dlcall__sysret_message(sysret);
    return 1;
}

/*
 * The host's value for attribute @key ("emu" answers "qemu"), or NULL for
 * an unknown key or without the plugin. Like strerror(), the value is a
 * per-thread copy that the thread's next call overwrites.
 */
static inline const char *dlcall_host_attribute(const char *key)
{
    const char *value = NULL;
    long ret = dlcall_syscall(DLCALL_ID_GET_HOST_ATTRIBUTE, (long)key,
                              (long)&value, 0);
    char *copy;

    if (dlcall__failed(ret) || value == NULL) {
        return NULL;
    }
    copy = dlcall__thread_buffer(DLCALL__BUFFER_ATTRIBUTE, DLCALL_ATTRIBUTE_MAX);
    return copy == NULL ? NULL
                        : dlcall_copy_host_string(copy, value, DLCALL_ATTRIBUTE_MAX);
}

/*
 * Host dlopen(@path, @flags) with DLCALL_RTLD_* flags. NULL on failure
 * (see dlcall_dlerror()).
 */
static inline void *dlcall_dlopen(const char *path, int flags)
{
    void *handle = NULL;
    long ret = dlcall_syscall(DLCALL_ID_LOAD_LIBRARY, (long)path,
                              (long)flags, (long)&handle);

    return dlcall__failed(ret) ? NULL : handle;
}

/* Host dlsym(@handle, @name). NULL on failure (see dlcall_dlerror()). */
static inline void *dlcall_dlsym(void *handle, const char *name)
{
    void *sym = NULL;
    long ret = dlcall_syscall(DLCALL_ID_GET_PROC_ADDRESS, (long)handle,
                              (long)name, (long)&sym);

    return dlcall__failed(ret) ? NULL : sym;
}

/* Host dlclose(@handle): 0 on success, non-zero on failure. */
static inline int dlcall_dlclose(void *handle)
{
    int result = -1;
    long ret = dlcall_syscall(DLCALL_ID_FREE_LIBRARY, (long)handle,
                              (long)&result, 0);

    return dlcall__failed(ret) ? -1 : result;
}

/*
 * Like dlerror(): the last error of this thread's dlcall calls, then NULL
 * until the next error. After a call that failed because the plugin is
 * missing this is DLCALL_NO_PLUGIN_MESSAGE; otherwise a per-thread copy of
 * the host's dlerror() text, valid until the thread's next call.
 */
static inline const char *dlcall_dlerror(void)
{
    struct dlcall__thread_state *t = dlcall__thread();
    const char *msg = t->pending;
    char *copy;

    if (msg != NULL) {
        t->pending = NULL;
        return msg;
    }
    if (dlcall_syscall(DLCALL_ID_GET_LIBRARY_ERROR, (long)&msg, 0, 0) !=
            DLCALL_OK ||
        msg == NULL) {
        return NULL;
    }
    copy = dlcall__thread_buffer(DLCALL__BUFFER_ERROR, DLCALL_ERROR_MAX);
    return copy == NULL ? "dlcall: no memory for the dlerror text"
                        : dlcall_copy_host_string(copy, msg, DLCALL_ERROR_MAX);
}

/*
 * Runs the host function @fn(@a, @b) on the calling thread. Returns the
 * sysret: 0 once @fn has returned, -EFAULT for a NULL @fn, -ENOSYS
 * without the plugin.
 */
static inline long dlcall_invoke(dlcall_fn fn, void *a, void *b)
{
    long ret = dlcall_syscall(DLCALL_ID_INVOKE_PROC, (long)fn, (long)a,
                              (long)b);

    dlcall__failed(ret);
    return ret;
}

/* dlcall_invoke_fast() and the fast path's block. */
#include "fast.h"

#endif /* DLCALL_DLCALL_H */
