/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libcbtest.so, part 2: the thunks and host entries the thunk generator
 * would emit for cbtest.c, written by hand against native/host/dlcall_host.h.
 *
 * - A host entry per callback signature: the host library calls it through
 *   a trampoline; it widens its arguments to 64 bits and has the runtime
 *   run the guest function.
 * - A thunk per host function, run on a coroutine by dlcall_rt_call():
 *   unpacks the argument block, turns guest function pointers into
 *   trampolines, calls the function, stores the result.
 */
#include <stdio.h>
#include <string.h>

#include "../callbacks/cbtest_lib.h"
#include "dlcall_host.h"

static uint64_t f64_bits(double d)
{
    uint64_t bits;

    memcpy(&bits, &d, sizeof(bits));
    return bits;
}

static double bits_f64(uint64_t bits)
{
    double d;

    memcpy(&d, &bits, sizeof(d));
    return d;
}

/* Host entries, one per callback signature. */

static int entry_i32_pp(const void *a, const void *b)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[2] = { (uintptr_t)a, (uintptr_t)b };

    return (int32_t)dlcall_rt_callback(t, argv, 2);
}

static double entry_f64_f64_i32(double x, int32_t i)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[2] = { f64_bits(x), (uint64_t)(int64_t)i };

    return bits_f64(dlcall_rt_callback(t, argv, 2));
}

static double entry_mix(int32_t a, double b, int32_t c, double d, int64_t e,
                        double f, int32_t g, double h)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[8] = {
        (uint64_t)(int64_t)a, f64_bits(b), (uint64_t)(int64_t)c, f64_bits(d),
        (uint64_t)e,          f64_bits(f), (uint64_t)(int64_t)g, f64_bits(h),
    };

    return bits_f64(dlcall_rt_callback(t, argv, 8));
}

static int32_t entry_i32_i32(int32_t x)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[1] = { (uint64_t)(int64_t)x };

    return (int32_t)dlcall_rt_callback(t, argv, 1);
}

static void *entry_p_puu(void *opaque, uint32_t items, uint32_t size)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[3] = { (uintptr_t)opaque, items, size };

    return (void *)(uintptr_t)dlcall_rt_callback(t, argv, 3);
}

static void entry_v_pp(void *opaque, void *address)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[2] = { (uintptr_t)opaque, (uintptr_t)address };

    dlcall_rt_callback(t, argv, 2);
}

static uint64_t entry_u64_u64(uint64_t x)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();

    return dlcall_rt_callback(t, &x, 1);
}

static void entry_v_v(void)
{
    dlcall_rt_callback(dlcall_rt_current_target(), NULL, 0);
}

/* Thunks. */

void cbtest_thunk_sort(void *args, void *ret)
{
    const struct cbtest_sort_args *a = args;

    (void)ret;
    cbtest_sort(a->v, a->n,
                dlcall_rt_trampoline(a->cmp, a->cmp_invoker,
                                     (void *)entry_i32_pp,
                                     "cbtest: cbtest_sort cmp"));
}

void cbtest_thunk_sum_with(void *args, void *ret)
{
    const struct cbtest_sum_args *a = args;

    *(double *)ret = cbtest_sum_with(
        dlcall_rt_trampoline(a->f, a->f_invoker, (void *)entry_f64_f64_i32,
                             "cbtest: cbtest_sum_with f"),
        a->n);
}

void cbtest_thunk_mix(void *args, void *ret)
{
    const struct cbtest_mix_args *a = args;

    *(double *)ret = cbtest_mix(dlcall_rt_trampoline(
        a->f, a->f_invoker, (void *)entry_mix, "cbtest: cbtest_mix f"));
}

void cbtest_thunk_nested(void *args, void *ret)
{
    const struct cbtest_nested_args *a = args;

    *(int32_t *)ret = cbtest_nested(
        dlcall_rt_trampoline(a->cb, a->cb_invoker, (void *)entry_i32_i32,
                             "cbtest: cbtest_nested cb"),
        a->depth);
}

/* zlib style: the callbacks live in a struct the guest owns. */
void cbtest_thunk_stream_run(void *args, void *ret)
{
    const struct cbtest_stream_args *a = args;
    struct cbtest_stream *s = a->s;

    s->zalloc = dlcall_rt_trampoline((uintptr_t)s->zalloc, a->zalloc_invoker,
                                     (void *)entry_p_puu,
                                     "cbtest: cbtest_stream.zalloc");
    s->zfree = dlcall_rt_trampoline((uintptr_t)s->zfree, a->zfree_invoker,
                                    (void *)entry_v_pp,
                                    "cbtest: cbtest_stream.zfree");
    *(int32_t *)ret = cbtest_stream_run(s);
    /* The guest must see its own function pointers again. */
    s->zalloc = (void *)(uintptr_t)dlcall_rt_guest_fn(s->zalloc);
    s->zfree = (void *)(uintptr_t)dlcall_rt_guest_fn(s->zfree);
}

void cbtest_thunk_repeat(void *args, void *ret)
{
    const struct cbtest_repeat_args *a = args;

    *(uint64_t *)ret = cbtest_repeat(
        dlcall_rt_trampoline(a->cb, a->cb_invoker, (void *)entry_u64_u64,
                             "cbtest: cbtest_repeat cb"),
        a->n);
}

void cbtest_thunk_fp_control(void *args, void *ret)
{
    const struct cbtest_void_cb_args *a = args;

    *(int32_t *)ret = cbtest_fp_control(
        dlcall_rt_trampoline(a->cb, a->cb_invoker, (void *)entry_v_v,
                             "cbtest: cbtest_fp_control cb"));
}

void cbtest_thunk_fp_leak(void *args, void *ret)
{
    (void)args;
    (void)ret;
    cbtest_fp_leak();
}

void cbtest_thunk_mxcsr(void *args, void *ret)
{
    (void)args;
    *(uint32_t *)ret = cbtest_mxcsr();
}

void cbtest_thunk_spawn_thread_and_call(void *args, void *ret)
{
    const struct cbtest_void_cb_args *a = args;

    (void)ret;
    cbtest_spawn_thread_and_call(dlcall_rt_trampoline(
        a->cb, a->cb_invoker, (void *)entry_v_v,
        "cbtest: cbtest_spawn_thread_and_call cb"));
}

void cbtest_thunk_noop(void *args, void *ret)
{
    (void)args;
    (void)ret;
}
