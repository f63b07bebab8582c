/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libcbtest.so (tests/e2e/hostlib/cbtest*.c): host functions that call
 * function pointers, and the argument blocks of their thunks, written by
 * hand the way the thunk generator will emit them. Included by the host
 * library and by the callbacks guest program: every supported guest has
 * the host's LP64 layout.
 *
 * A thunk cbtest_thunk_X(args, ret) has dlcall's INVOKE_PROC shape and is
 * run by dlcall_call_host(). Guest function pointers travel as uint64_t
 * together with the guest invoker for their signature (the generated
 * design registers invokers once; passing them here keeps the test short).
 */
#ifndef CBTEST_ABI_H
#define CBTEST_ABI_H

#include <stdint.h>

/* cbtest_sort(v, n, cmp): qsort of int32_t. No result. */
struct cbtest_sort_args {
    int32_t *v;
    uint64_t n;
    uint64_t cmp;         /* int (*)(const void *, const void *) */
    uint64_t cmp_invoker;
};

/* cbtest_sum_with(f, n) = sum of f(i * 0.5, i) for i < n. ret: double. */
struct cbtest_sum_args {
    uint64_t f;           /* double (*)(double, int32_t) */
    uint64_t f_invoker;
    int32_t n;
};

/*
 * cbtest_mix(f) = f(CBTEST_MIX_ARGS): every argument register of both
 * kinds in use. ret: double. (An argument list, so no parentheses.)
 */
typedef double (*cbtest_mix_fn)(int32_t, double, int32_t, double, int64_t,
                                double, int32_t, double);
#define CBTEST_MIX_ARGS 7, 0.5, -3, 1.25, (int64_t)1 << 40, -3.75, 11, 1e10
struct cbtest_mix_args {
    uint64_t f;           /* cbtest_mix_fn */
    uint64_t f_invoker;
};

/* cbtest_nested(cb, depth) = depth > 0 ? cb(depth) + 1 : 0. ret: int32_t */
struct cbtest_nested_args {
    uint64_t cb;          /* int32_t (*)(int32_t) */
    uint64_t cb_invoker;
    int32_t depth;
};

/*
 * Like zlib's z_stream: cbtest_stream_run(s) allocates s->blocks blocks
 * with zalloc(opaque, i + 1, block_size), fills block i with i + 1,
 * adds up every byte into s->checksum and frees them all with zfree.
 * ret: int32_t, 0 on success. The thunk gives the host library
 * trampolines and puts the guest's pointers back afterwards.
 */
struct cbtest_stream {
    void *(*zalloc)(void *opaque, uint32_t items, uint32_t size);
    void (*zfree)(void *opaque, void *address);
    void *opaque;
    uint32_t blocks;
    uint32_t block_size;
    uint64_t checksum;
};
struct cbtest_stream_args {
    struct cbtest_stream *s;
    uint64_t zalloc_invoker;
    uint64_t zfree_invoker;
};

/* cbtest_repeat(cb, n) = sum of cb(i) for i < n. ret: uint64_t. */
struct cbtest_repeat_args {
    uint64_t cb;          /* uint64_t (*)(uint64_t) */
    uint64_t cb_invoker;
    int64_t n;
};

/*
 * cbtest_fp_control(cb): sets round-toward-zero in MXCSR and the x87
 * control word, calls cb(), and reports (ret: int32_t) a bit set for each
 * that did not survive the callback (1 MXCSR, 2 x87). Restores both.
 */
struct cbtest_void_cb_args {
    uint64_t cb;          /* void (*)(void) */
    uint64_t cb_invoker;
};

/*
 * cbtest_spawn_thread_and_call(cb) calls cb() from a thread it creates
 * (cbtest_void_cb_args); dlcall must abort with a message, not hang.
 */

/*
 * cbtest_thunk_trampolines(args, ret), through plain dlcall_invoke: makes
 * `count` trampolines for fake guest functions and checks dedup, the
 * inverse, NULL, and that each one reaches its binding when called.
 * ret: int32_t, the number of failed checks (details on stderr).
 */
struct cbtest_tramp_args {
    uint32_t count;
};

/* cbtest_thunk_noop(args, ret) does nothing: timing the call itself. */

#endif /* CBTEST_ABI_H */
