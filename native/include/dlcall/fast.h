/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall guest runtime: the fast path, dlcall_invoke_fast(). Included by
 * <dlcall/dlcall.h>; not meant to be included on its own.
 *
 * The protocol is in docs/Protocol.md ("The fast path"): a host call made
 * by the plugin while the guest executes a magic no-op instruction, with
 * no syscall in between.
 */
#ifndef DLCALL_FAST_H
#define DLCALL_FAST_H

#include <stdlib.h>

#include <stdint.h>

/* The block (struct dlcall_fast_block) and the thread's state are in thread.h. */

/* Orders the guest's own accesses against a signal handler on this thread. */
static inline void dlcall__signal_fence(void)
{
    __asm__ __volatile__("" : : : "memory");
}

/*
 * 1 when the plugin answers DLCALL_ATTR_FAST_PATH with the ABI this header
 * speaks. Asked once per process: threads racing here compute the same
 * answer, and a forked child has the same plugin.
 */
static inline int dlcall__fast_offered(void)
{
    static volatile int offered = -1;
    const char *value = NULL;
    const char *want = DLCALL_FAST_PATH_ABI;
    int yes;

    if (offered >= 0) {
        return offered;
    }
    /* DLCALL_FAST=0 in the guest's environment keeps every call on the syscall path. */
    if (getenv("DLCALL_FAST") != NULL && getenv("DLCALL_FAST")[0] == '0') {
        offered = 0;
        return 0;
    }
    /* Raw syscall: a missing plugin must not leave a pending error. */
    yes = dlcall_syscall(DLCALL_ID_GET_HOST_ATTRIBUTE,
                         (long)DLCALL_ATTR_FAST_PATH, (long)&value, 0) == 0 &&
          value != NULL;
    if (yes) {
        const volatile char *v = value; /* host memory: byte loads */
        size_t i = 0;

        while (want[i] != '\0' && v[i] == want[i]) {
            i++;
        }
        yes = want[i] == '\0' && v[i] == '\0';
    }
    offered = yes;
    return yes;
}

/*
 * Registers this thread's block: 1 when the plugin took it. Called before
 * a thread's first fast call, and again when a call came back unserved
 * (the plugin's slot for this vCPU holds another block: another
 * translation unit's, or a stale one; the stubs share one block per
 * thread, so between them this does not happen).
 */
static inline int dlcall__fast_register(struct dlcall__thread_state *s)
{
    long ret = dlcall_syscall(DLCALL_ID_REGISTER_FAST_BLOCK, (long)&s->block,
                              0, 0);

    s->registered = ret == DLCALL_OK ? 1 : -1;
    return s->registered == 1;
}

/* Runs the magic instruction once; the block's status afterwards. */
static inline int64_t dlcall__fast_once(struct dlcall__thread_state *s)
{
    dlcall_arch_fast_magic(&s->block);
    return ((volatile struct dlcall_fast_block *)&s->block)->status;
}

/*
 * Fills the block and runs the magic instruction. status goes first: a
 * signal handler on this thread that finds it pending knows the block is
 * in use (dlcall_invoke_fast sends it down the syscall path).
 */
static inline int64_t dlcall__fast_call(struct dlcall__thread_state *s,
                                        dlcall_fn fn, void *a, void *b)
{
    s->block.status = DLCALL_FAST_PENDING;
    dlcall__signal_fence();
    s->block.fn = (uint64_t)(uintptr_t)fn;
    s->block.a = (uint64_t)(uintptr_t)a;
    s->block.b = (uint64_t)(uintptr_t)b;
    return dlcall__fast_once(s);
}

/*
 * A fast call that did not come back DLCALL_OK. Still pending: the
 * plugin's slot for this vCPU holds another block (another translation
 * unit's, or a stale one), so register again and retry once, else take the
 * syscall. Otherwise the plugin served it and refused: -EFAULT.
 */
__attribute__((noinline, cold, unused))
static long dlcall__fast_unserved(struct dlcall__thread_state *s,
                                  dlcall_fn fn, void *a, void *b,
                                  int64_t status)
{
    if (status == DLCALL_FAST_PENDING && dlcall__fast_register(s)) {
        status = dlcall__fast_once(s);
    }
    if (status == DLCALL_FAST_PENDING) {
        s->block.status = DLCALL_OK; /* the block is free again */
        return dlcall_invoke(fn, a, b);
    }
    dlcall__failed(status);
    return (long)status;
}

/*
 * Every call dlcall_invoke_fast does not put in the block: a thread's
 * first (it registers the block when the plugin offers the fast path), a
 * nested one from a signal handler while the block is in use, a NULL
 * function, and all of them when there is no fast path.
 */
__attribute__((noinline, cold, unused))
static long dlcall__fast_slow(struct dlcall__thread_state *s, dlcall_fn fn,
                              void *a, void *b)
{
    int in_use = ((volatile struct dlcall_fast_block *)&s->block)->status ==
                 DLCALL_FAST_PENDING;
    int64_t status;

    if (s->registered == 0 && !in_use && !dlcall__fast_offered()) {
        s->registered = -1;
    }
    if (fn == NULL || in_use || s->registered < 0 ||
        (s->registered == 0 && !dlcall__fast_register(s))) {
        return dlcall_invoke(fn, a, b);
    }
    status = dlcall__fast_call(s, fn, a, b);
    return status == DLCALL_OK ? 0 : dlcall__fast_unserved(s, fn, a, b, status);
}

/* What dlcall_invoke_fast_unless() returns when it declined the call. */
#define DLCALL_FAST_DECLINED 1

/*
 * dlcall_invoke_fast(), unless @decline is non-zero: then it makes no call
 * and returns DLCALL_FAST_DECLINED. @decline shares the fast path's one
 * test of its rare cases, so a caller's own rare case (a stub's rounding
 * guard) costs no branch of its own.
 */
/* Always inlined: an out-of-line call adds an indirect branch (its return) under QEMU. */
__attribute__((always_inline))
static inline long dlcall_invoke_fast_unless(int decline, dlcall_fn fn,
                                             void *a, void *b)
{
    struct dlcall__thread_state *s = dlcall__thread();
    int64_t status;
    long ret = 0;

    /*
     * Every case the block cannot take, tested with one branch: QEMU ends a
     * translation block at each conditional branch, and a chained block
     * costs ~1 ns. registered - 1 is 0 only for a registered block. The
     * rare cases are out of line, but for the syscall when the plugin
     * offers no fast path: an out-of-line call adds a `ret`, an indirect
     * branch QEMU resolves by a lookup, to every call.
     */
    if (__builtin_expect(((s->registered - 1) | decline |
                          (int)(s->block.status == DLCALL_FAST_PENDING) |
                          (int)(fn == NULL)) != 0, 0)) {
        if (decline != 0) {
            return DLCALL_FAST_DECLINED;
        }
        ret = s->registered < 0 ? dlcall_invoke(fn, a, b)
                                : dlcall__fast_slow(s, fn, a, b);
    } else {
        status = dlcall__fast_call(s, fn, a, b);
        if (__builtin_expect(status != DLCALL_OK, 0)) {
            ret = dlcall__fast_unserved(s, fn, a, b, status);
        }
    }
    /* Calls return 0 or -errno: lets the compiler drop a caller's DECLINED test here. */
    if (ret == DLCALL_FAST_DECLINED) {
        __builtin_unreachable();
    }
    return ret;
}

/*
 * Like dlcall_invoke(fn, a, b), same result and return value, but through
 * the fast path when the plugin offers it: no syscall, so a call costs a
 * few ns instead of ~100. Falls back to dlcall_invoke() without the plugin
 * (or with one lacking the fast path), for a NULL @fn, and when a signal
 * handler calls it while the same thread's block is in use.
 */
__attribute__((always_inline))
static inline long dlcall_invoke_fast(dlcall_fn fn, void *a, void *b)
{
    return dlcall_invoke_fast_unless(0, fn, a, b);
}

/* dlcall_invoke_fast() out of line, for a caller's rare paths: one copy, not one per call site. */
__attribute__((noinline, cold, unused))
static long dlcall_invoke_fast_cold(dlcall_fn fn, void *a, void *b)
{
    return dlcall_invoke_fast(fn, a, b);
}

#endif /* DLCALL_FAST_H */
