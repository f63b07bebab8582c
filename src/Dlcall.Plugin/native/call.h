/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bottom layer: the host call itself, the marker the fault handler
 * reads, the flags that divert the hot paths, and one call without them.
 * Everything above (filter.c, fast_path.c, slow_path.c) calls down to
 * here; nothing here calls up (docs/HowItWorks.md, "The plugin's C").
 */
#ifndef DLCALL_CALL_H
#define DLCALL_CALL_H

#include <stdint.h>

#include <dlcall/protocol.h>

#pragma GCC visibility push(hidden)

/*
 * The host function this thread is running for the guest (INVOKE_PROC or
 * the fast path), 0 outside one: the fault handler (fault.c) blames host
 * code only while it is set. Initial-exec TLS: one %fs store.
 */
extern __thread uint64_t dlcall_host_fn __attribute__((tls_model("initial-exec")));

/*
 * Anything that makes a call take the slow path: the hot paths test this
 * one word, a single predictable branch while it is 0.
 */
#define DLCALL_SLOW_SETUP 1u  /* first call: install the fault handler */
#define DLCALL_SLOW_REFUSE 2u /* guest_base != 0: refuse every call */
#define DLCALL_SLOW_STATS 4u  /* stats=on */
#define DLCALL_SLOW_TRACE 8u  /* trace=on */
extern unsigned int dlcall_slow;

/* The managed dispatcher (SyscallFilter.Dispatch): every ID but INVOKE_PROC. */
typedef int64_t (*dlcall_dispatch_fn)(unsigned int vcpu_index, uint64_t id,
                                      uint64_t a2, uint64_t a3, uint64_t a4);
extern dlcall_dispatch_fn dlcall_dispatch;

/* Calls host function @fn(@a, @b) for the guest, with the marker set. */
static inline void dlcall_invoke_host_fn(uint64_t fn, uint64_t a, uint64_t b)
{
    dlcall_host_fn = fn;
    ((void (*)(void *, void *))(uintptr_t)fn)((void *)(uintptr_t)a,
                                              (void *)(uintptr_t)b);
    dlcall_host_fn = 0;
}

/*
 * One magic syscall without the dlcall_slow test. INVOKE_PROC, the
 * per-call hot path, is served right here: it touches no guest memory (fn,
 * a and b go to the host function unchanged). Every other ID crosses into
 * the managed dispatcher. Inline: the filter's hit costs no further call.
 */
static inline int64_t dlcall_serve_plain(unsigned int vcpu_index, uint64_t a1,
                                         uint64_t a2, uint64_t a3, uint64_t a4)
{
    if (a1 == DLCALL_ID_INVOKE_PROC) {
        if (a2 == 0) {
            return -DLCALL_EFAULT;
        }
        dlcall_invoke_host_fn(a2, a3, a4);
        return DLCALL_OK;
    }
    return dlcall_dispatch(vcpu_index, a1, a2, a3, a4);
}

#pragma GCC visibility pop

#endif /* DLCALL_CALL_H */
