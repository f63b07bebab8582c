/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest memory the plugin reads or writes, checked without faulting
 * (docs/Security.md, "Pointers").
 *
 * QEMU owns SIGSEGV, so the plugin cannot catch its own faults. Instead it
 * lets the kernel do the access: process_vm_readv/writev on its own pid
 * copies through the page tables and answers EFAULT for an unmapped,
 * unreadable or unwritable address instead of raising a signal. It checks
 * the host mapping, not QEMU's guest page flags, so memory the host
 * allocated and handed to the guest passes too (it is mapped; the guest
 * reaches it with plain loads). A call costs one syscall (~1-2 us on a
 * loaded VM), only on the cold IDs: INVOKE_PROC touches no guest memory.
 *
 * Strings are copied into the plugin's buffer before libdl sees them, in
 * chunks that never cross a page, so a string running into an unmapped
 * page is an EFAULT, not a fault; one with no NUL within the buffer is
 * ENAMETOOLONG.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <dlcall/protocol.h>

/* First chunk of a string: most names fit, and it keeps the copy short. */
#define FIRST_CHUNK 256

static pid_t self_pid;
static uintptr_t page_size = 4096;

/* A forked QEMU is another process: the calls must name the child. */
static void refresh_pid(void)
{
    self_pid = getpid();
}

__attribute__((constructor)) static void guest_mem_init(void)
{
    long ps = sysconf(_SC_PAGESIZE);

    if (ps > 0) {
        page_size = (uintptr_t)ps;
    }
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
 * included). 0, -EFAULT (NULL, unmapped or unreadable before the NUL) or
 * -ENAMETOOLONG (no NUL in the first @cap bytes).
 */
int64_t dlcall_copy_string(uint64_t guest, char *buf, size_t cap)
{
    size_t off = 0;

    if (guest == 0) {
        return -DLCALL_EFAULT;
    }
    while (off < cap) {
        uint64_t at = guest + off;
        size_t n = page_size - (size_t)(at & (page_size - 1));

        if (off == 0 && n > FIRST_CHUNK) {
            n = FIRST_CHUNK;
        }
        if (n > cap - off) {
            n = cap - off;
        }
        if (at < guest || !read_guest(at, buf + off, n)) {
            return -DLCALL_EFAULT;
        }
        if (memchr(buf + off, 0, n) != NULL) {
            return DLCALL_OK;
        }
        off += n;
    }
    buf[cap - 1] = 0;
    return -DLCALL_ENAMETOOLONG;
}

/*
 * Writes @len bytes of @value (little-endian: every supported guest) to
 * @guest. Used first with the "no result" value, before the operation
 * runs: an operation with side effects (dlopen, dlclose, dlerror) is
 * never done for a guest that cannot receive its result, and once the
 * probe passed the plugin writes the result directly.
 */
int64_t dlcall_put_guest(uint64_t guest, uint64_t value, size_t len)
{
    if (guest == 0 || len > sizeof(value)) {
        return -DLCALL_EFAULT;
    }
    return write_guest(guest, &value, len) ? DLCALL_OK : -DLCALL_EFAULT;
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

/* Reads @len bytes at @guest into @dst without faulting (for the trace). */
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
