/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest memory the plugin reads or writes, checked without faulting
 * (docs/Security.md, "Pointers").
 *
 * QEMU owns SIGSEGV, so the plugin cannot catch its own faults. Instead the
 * memory is first touched by something that reports failure instead of
 * faulting, the kernel in a syscall that answers EFAULT, and used directly
 * only when that worked.
 * The kernel checks the host mapping, so memory the host allocated and
 * handed to the guest passes too (it is mapped; the guest reaches it with
 * plain loads).
 *
 * - A string: faccessat(-1, s, F_OK, 0). The kernel copies the name
 *   (up to PATH_MAX, NUL included: EFAULT, ENAMETOOLONG) before it looks
 *   at the bad directory fd; a relative name stops there (EBADF), an
 *   absolute one is looked up, harmlessly. One syscall, ~3x getppid.
 *   (QEMU's qemu_plugin_read_memory_vaddr would avoid it, but in
 *   linux-user it reads pages the guest made PROT_NONE through
 *   /proc/self/mem: it would accept strings the guest cannot read.)
 * - An out pointer: time(p) (8 bytes) or getcpu(p) (4 bytes) store there
 *   with put_user; the plugin then writes its result over it.
 * process_vm_readv/writev would do the same and copy too, but cost ~7x
 * getppid each (page pinning); they serve the rare and the slow paths
 * (REGISTER_FAST_BLOCK, trace). INVOKE_PROC touches no guest memory.
 * A page QEMU write-protected because it translated code from it is
 * read-only to the kernel too: an out pointer there is refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <dlcall/protocol.h>

#include "guest_mem.h"

static pid_t self_pid;

/* A forked QEMU is another process: the calls must name the child. */
static void refresh_pid(void)
{
    self_pid = getpid();
}

__attribute__((constructor)) static void guest_mem_init(void)
{
    refresh_pid();
    pthread_atfork(NULL, NULL, refresh_pid);
}

static bool read_guest(uint64_t guest, void *dst, size_t len)
{
    struct iovec local = { dst, len };
    struct iovec remote = { (void *)(uintptr_t)guest, len };

    return process_vm_readv(self_pid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

static bool write_guest(uint64_t guest, const void *src, size_t len)
{
    struct iovec local = { (void *)src, len };
    struct iovec remote = { (void *)(uintptr_t)guest, len };

    return process_vm_writev(self_pid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

/*
 * Copies the NUL-terminated string at @guest into @buf (@cap bytes, NUL
 * included; at most DLCALL_STRING_MAX). 0, -EFAULT (NULL, unmapped or
 * unreadable before the NUL) or -ENAMETOOLONG (no NUL in the first @cap
 * bytes; the longest prefix that fits is in @buf).
 */
int64_t dlcall_copy_string(uint64_t guest, char *buf, size_t cap)
{
    const char *s = (const char *)(uintptr_t)guest;
    size_t len;

    if (guest == 0 || cap == 0) {
        return -DLCALL_EFAULT;
    }
    if (syscall(SYS_faccessat, -1, s, F_OK, 0) != 0) {
        if (errno == EFAULT) {
            return -DLCALL_EFAULT;
        }
        if (errno == ENAMETOOLONG) {
            len = cap - 1 < DLCALL_STRING_MAX - 1 ? cap - 1 : DLCALL_STRING_MAX - 1;
            memcpy(buf, s, len);
            buf[len] = 0;
            return -DLCALL_ENAMETOOLONG;
        }
    }
    /* The kernel read up to the NUL: all of it is readable. */
    len = strnlen(s, cap);
    if (len == cap) {
        memcpy(buf, s, cap - 1);
        buf[cap - 1] = 0;
        return -DLCALL_ENAMETOOLONG;
    }
    memcpy(buf, s, len + 1);
    return DLCALL_OK;
}

/*
 * Writes the low @len (4 or 8) bytes of @value (little-endian: every
 * supported guest) to @guest. Used first with the "no result" value,
 * before the operation runs: an operation with side effects (dlopen,
 * dlclose, dlerror) is never done for a guest that cannot receive its
 * result, and once the probe passed the plugin writes the result directly.
 */
int64_t dlcall_put_guest(uint64_t guest, uint64_t value, size_t len)
{
    void *p = (void *)(uintptr_t)guest;
    long r;

    if (guest == 0 || (len != 4 && len != 8)) {
        return -DLCALL_EFAULT;
    }
    r = len == 8 ? syscall(SYS_time, p) : syscall(SYS_getcpu, p, NULL, NULL);
    if (r == -1 && errno == EFAULT) {
        return -DLCALL_EFAULT;
    }
    if (len == 8) {
        memcpy(p, &value, 8);
    } else {
        uint32_t v = (uint32_t)value;

        memcpy(p, &v, 4);
    }
    return DLCALL_OK;
}

/*
 * True when @len bytes at @guest are readable and writable now: read, then
 * written back unchanged. For REGISTER_FAST_BLOCK, whose block the calling
 * guest thread owns (nobody else writes it during the syscall).
 */
bool dlcall_guest_rw(uint64_t guest, size_t len)
{
    uint8_t copy[64];

    if (guest == 0 || len > sizeof(copy)) {
        return false;
    }
    return read_guest(guest, copy, len) && write_guest(guest, copy, len);
}

/* Reads @len bytes at @guest into @dst without faulting (trace, stats). */
bool dlcall_read_guest(uint64_t guest, void *dst, size_t len)
{
    return guest != 0 && read_guest(guest, dst, len);
}

/*
 * True when @handle is a library handle libdl would accept: RTLD_DEFAULT,
 * RTLD_NEXT, or a link map of the main namespace (glibc's handles are
 * link maps). dlsym and dlclose dereference any other value.
 */
bool dlcall_is_handle(uint64_t handle)
{
    if (handle == (uint64_t)(uintptr_t)RTLD_DEFAULT ||
        handle == (uint64_t)(uintptr_t)RTLD_NEXT) {
        return true;
    }
    /* ld.so's debugger interface lists the maps without a libdl call,
     * which would reset the guest's pending dlerror() message. */
    for (struct link_map *map = _r_debug.r_map; map != NULL;
         map = map->l_next) {
        if ((uint64_t)(uintptr_t)map == handle) {
            return true;
        }
    }
    return false;
}
