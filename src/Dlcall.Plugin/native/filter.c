/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The syscall filters QEMU calls for *every* guest syscall, the top of the
 * per-call path. Entering .NET costs ~10 ns (thread-state checks through
 * __tls_get_addr), so the number is compared here and only the magic
 * syscall gets further: INVOKE_PROC is served in C (call.h), every other
 * ID crosses into the managed dispatcher. Anything unusual (the first
 * call, stats, trace, a refused guest_base) is one test of dlcall_slow,
 * which diverts to slow_path.c. The C# side picks the filter's shape.
 */
#include <stdbool.h>
#include <stdint.h>

#include <dlcall/protocol.h>

#include "call.h"
#include "slow_path.h"

static int64_t magic_num = -1;

/*
 * Exec following (ExecFollow.cs): the guest ISA's execve and execveat
 * numbers, -1 while off. Two more compares for the syscalls that are not
 * the magic one; only an exec crosses into .NET.
 */
static int64_t execve_num = -1, execveat_num = -1;

/* ExecFollow.Handle: execve (at = 0) or execveat (at = 1) with the guest's
 * arguments; non-zero when it handled the call (*sysret set). */
typedef int (*dlcall_exec_fn)(int at, uint64_t a1, uint64_t a2, uint64_t a3,
                              uint64_t a4, uint64_t a5, int64_t *sysret);
static dlcall_exec_fn exec_handler;

/* The entry points of the C# side (NativeGlue.cs). */
void dlcall_filter_configure(int64_t syscall_num, dlcall_dispatch_fn fn);
void dlcall_filter_follow_exec(int64_t execve, int64_t execveat, dlcall_exec_fn fn);
void *dlcall_filter(int shape_api);

void dlcall_filter_configure(int64_t syscall_num, dlcall_dispatch_fn fn)
{
    dlcall_dispatch = fn;
    magic_num = syscall_num;
}

void dlcall_filter_follow_exec(int64_t execve, int64_t execveat, dlcall_exec_fn fn)
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
void *dlcall_filter(int shape_api)
{
    return shape_api == 6 ? (void *)filter_api6 : (void *)filter_api7;
}
