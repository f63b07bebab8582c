/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The top of libdlcall.so's C, and what NativeAOT cannot express: the
 * exported data symbol QEMU checks at load, code that runs before the .NET
 * runtime starts, the libc syscall() this library's own code uses, and the
 * runtime's random bytes.
 * It calls no other file.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/syscall.h>

/*
 * The plugin API level QEMU checks at load (min <= v <= cur). 5 is what the
 * backported 10.2 reports and is inside the range of 11.x; the callback
 * shapes are chosen at install time from info->version, not from this.
 */
__attribute__((visibility("default"))) int qemu_plugin_version = 5;

static struct sigaction saved_sigpipe;
static int saved_sigpipe_ok;
static sigset_t saved_mask;
static int saved_mask_ok;

/*
 * The .NET runtime ignores SIGPIPE when it starts; QEMU's signal_init later
 * copies the host dispositions into the guest, so a guest writing to a
 * closed pipe would get EPIPE instead of dying. Remember the disposition
 * QEMU was started with, before any managed code runs.
 */
/*
 * The runtime also starts threads of its own (the finalizer). A signal sent
 * to the process may be delivered to any thread that does not block it,
 * and QEMU's host signal handler assumes a vCPU thread: on a runtime thread
 * it crashes. So every signal is blocked while the runtime starts, and its
 * threads inherit that mask for good, as QEMU's own helper threads do.
 */
__attribute__((constructor(101))) static void dlcall_save_signals(void)
{
    sigset_t all;

    saved_sigpipe_ok = sigaction(SIGPIPE, NULL, &saved_sigpipe) == 0;
    sigfillset(&all);
    saved_mask_ok = pthread_sigmask(SIG_BLOCK, &all, &saved_mask) == 0;
}

/* Called from qemu_plugin_install, after the runtime is up. */
void dlcall_restore_signals(void);
void dlcall_restore_signals(void)
{
    if (saved_sigpipe_ok) {
        sigaction(SIGPIPE, &saved_sigpipe, NULL);
    }
    if (saved_mask_ok) {
        pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
    }
}

/*
 * syscall(2) for the code linked into this library only (hidden: QEMU and
 * the guest's host libraries keep libc's). The .NET runtime registers for
 * MEMBARRIER_CMD_PRIVATE_EXPEDITED at start-up; QEMU is already
 * multi-threaded then, so the kernel runs synchronize_rcu() and QEMU's
 * start-up stalls for ~13 ms. The runtime needs process-wide barriers only
 * to suspend threads for a garbage collection, which the plugin never
 * triggers (nothing allocates after install), and it falls back to its
 * mprotect() helper page when the query reports no support. So: report none.
 */
__attribute__((visibility("hidden"))) long syscall(long number, ...)
{
    va_list ap;
    long a[6];
    long ret;

    va_start(ap, number);
    for (int i = 0; i < 6; i++) {
        a[i] = va_arg(ap, long);
    }
    va_end(ap);

    if (number == SYS_membarrier && a[0] == MEMBARRIER_CMD_QUERY) {
        return 0;
    }

    register long r10 __asm__("r10") = a[3];
    register long r8 __asm__("r8") = a[4];
    register long r9 __asm__("r9") = a[5];
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(number), "D"(a[0]), "S"(a[1]), "d"(a[2]),
                       "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    if (ret < 0 && ret > -4096) {
        errno = (int)-ret;
        return -1;
    }
    return ret;
}


/*
 * The runtime's random bytes (string hashing seeds, Random), replacing its
 * minipal's: built for old glibc, that one opens /dev/urandom at the first
 * use and keeps it open for good, a descriptor the guest then sees (its first
 * open() returned 4 under dlcall, 3 under bare QEMU: CoexistenceTests).
 * getrandom(2) needs none. These definitions keep the archive's random.c.o
 * out of the link.
 */
int32_t minipal_get_cryptographically_secure_random_bytes(uint8_t *buffer, int32_t length);
int32_t minipal_get_cryptographically_secure_random_bytes(uint8_t *buffer, int32_t length)
{
    while (length > 0) {
        ssize_t n = getrandom(buffer, (size_t)length, 0);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        buffer += n;
        length -= (int32_t)n;
    }
    return 0;
}

void minipal_get_non_cryptographically_secure_random_bytes(uint8_t *buffer, int32_t length);
void minipal_get_non_cryptographically_secure_random_bytes(uint8_t *buffer, int32_t length)
{
    if (minipal_get_cryptographically_secure_random_bytes(buffer, length) != 0) {
        /* getrandom(2) fails only without the syscall (Linux < 3.17). */
        for (int32_t i = 0; i < length; i++) {
            buffer[i] = (uint8_t)(lrand48() >> 7);
        }
    }
}
