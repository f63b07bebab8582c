/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The few things libdlcall.so needs that NativeAOT cannot express:
 * an exported data symbol and code that runs before the .NET runtime starts.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>

#include <dlcall/protocol.h>

#include "glue.h"

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
 * The syscall filters QEMU calls for *every* guest syscall. Entering .NET
 * costs ~10 ns (thread-state checks through __tls_get_addr), so the number
 * is compared here and only the magic syscall gets further. INVOKE_PROC,
 * the per-call hot path, is served right here too: it touches no guest
 * memory (fn, a and b go to the host function unchanged). Every other ID
 * crosses into the managed dispatcher. Anything unusual (the first call,
 * stats, trace, a refused guest_base) is one test of dlcall_slow, which
 * diverts to observe.c. The C# side picks the filter's shape.
 */
static int64_t magic_num = -1;
static dlcall_dispatch_fn dispatch;

/*
 * Exec following (ExecFollow.cs): the guest ISA's execve and execveat
 * numbers, -1 while off. Two more compares for the syscalls that are not
 * the magic one; only an exec crosses into .NET.
 */
static int64_t execve_num = -1, execveat_num = -1;
static dlcall_exec_fn exec_handler;

void dlcall_glue_configure(int64_t syscall_num, dlcall_dispatch_fn fn)
{
    dispatch = fn;
    magic_num = syscall_num;
}

void dlcall_glue_follow_exec(int64_t execve, int64_t execveat, dlcall_exec_fn fn)
{
    exec_handler = fn;
    execve_num = execve;
    execveat_num = execveat;
}

/* An execve or execveat: true when the plugin ran the program (or failed
 * to, *sysret = -errno), false to leave it to QEMU. */
static inline bool other_syscall(int64_t num, uint64_t a1, uint64_t a2,
                                 uint64_t a3, uint64_t a4, uint64_t a5,
                                 int64_t *sysret)
{
    if (__builtin_expect(num != execve_num && num != execveat_num, 1)) {
        return false;
    }
    return exec_handler(num == execveat_num, a1, a2, a3, a4, a5, sysret) != 0;
}

/* The call without the dlcall_slow test; observe.c wraps it. */
int64_t dlcall_serve_plain(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                           uint64_t a3, uint64_t a4)
{
    if (a1 == DLCALL_ID_INVOKE_PROC) {
        if (a2 == 0) {
            return -DLCALL_EFAULT;
        }
        dlcall_call_host(a2, a3, a4);
        return DLCALL_OK;
    }
    return dispatch(vcpu_index, a1, a2, a3, a4);
}

static inline int64_t serve(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                            uint64_t a3, uint64_t a4)
{
    if (__builtin_expect(__atomic_load_n(&dlcall_slow, __ATOMIC_RELAXED) != 0, 0)) {
        return dlcall_serve_slow(vcpu_index, a1, a2, a3, a4);
    }
    return dlcall_serve_plain(vcpu_index, a1, a2, a3, a4);
}

/* QEMU 11.1+ (API 7) and dlcall's 10.2 backport. */
static bool filter_api7(unsigned int vcpu_index, int64_t num, uint64_t a1,
                        uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                        uint64_t a6, uint64_t a7, uint64_t a8,
                        int64_t *sysret, void *userdata)
{
    (void)a6; (void)a7; (void)a8; (void)userdata;
    if (num != magic_num) {
        return other_syscall(num, a1, a2, a3, a4, a5, sysret);
    }
    *sysret = serve(vcpu_index, a1, a2, a3, a4);
    return true;
}

/* QEMU 11.0 (API 6). */
static bool filter_api6(uint64_t id, unsigned int vcpu_index, int64_t num,
                        uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                        uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
                        uint64_t *sysret)
{
    (void)id; (void)a6; (void)a7; (void)a8;
    if (num != magic_num) {
        int64_t ret;

        if (!other_syscall(num, a1, a2, a3, a4, a5, &ret)) {
            return false;
        }
        *sysret = (uint64_t)ret;
        return true;
    }
    *sysret = (uint64_t)serve(vcpu_index, a1, a2, a3, a4);
    return true;
}

/* The filter for API shape 6 or 7, as an address to register. */
void *dlcall_glue_filter(int shape_api)
{
    return shape_api == 6 ? (void *)filter_api6 : (void *)filter_api7;
}
