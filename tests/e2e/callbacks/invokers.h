/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest invokers (dlcall_cb_invoker), one per callback signature, as the
 * thunk generator would emit them for the guest: each narrows the 64-bit
 * argument words back to the real parameter types, calls the guest
 * function and widens its result. Doubles travel as their bits.
 */
#ifndef CALLBACKS_INVOKERS_H
#define CALLBACKS_INVOKERS_H

#include <stdint.h>
#include <string.h>

#include "cbtest_abi.h"

static inline uint64_t inv_f64_bits(double d)
{
    uint64_t bits;

    memcpy(&bits, &d, sizeof(bits));
    return bits;
}

static inline double inv_bits_f64(uint64_t bits)
{
    double d;

    memcpy(&d, &bits, sizeof(d));
    return d;
}

#define INV_PTR(x) ((void *)(uintptr_t)(x))

/* int (*)(const void *, const void *) */
static void inv_i32_pp(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    int (*f)(const void *, const void *) =
        (int (*)(const void *, const void *))(uintptr_t)fn;

    *ret = (uint64_t)(int64_t)f(INV_PTR(argv[0]), INV_PTR(argv[1]));
}

/* double (*)(double, int32_t) */
static void inv_f64_f64_i32(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    double (*f)(double, int32_t) = (double (*)(double, int32_t))(uintptr_t)fn;

    *ret = inv_f64_bits(f(inv_bits_f64(argv[0]), (int32_t)argv[1]));
}

/* cbtest_mix_fn */
static void inv_mix(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    cbtest_mix_fn f = (cbtest_mix_fn)(uintptr_t)fn;

    *ret = inv_f64_bits(f((int32_t)argv[0], inv_bits_f64(argv[1]),
                          (int32_t)argv[2], inv_bits_f64(argv[3]),
                          (int64_t)argv[4], inv_bits_f64(argv[5]),
                          (int32_t)argv[6], inv_bits_f64(argv[7])));
}

/* int32_t (*)(int32_t) */
static void inv_i32_i32(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    int32_t (*f)(int32_t) = (int32_t (*)(int32_t))(uintptr_t)fn;

    *ret = (uint64_t)(int64_t)f((int32_t)argv[0]);
}

/* void *(*)(void *, uint32_t, uint32_t) */
static void inv_p_puu(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    void *(*f)(void *, uint32_t, uint32_t) =
        (void *(*)(void *, uint32_t, uint32_t))(uintptr_t)fn;

    *ret = (uintptr_t)f(INV_PTR(argv[0]), (uint32_t)argv[1],
                        (uint32_t)argv[2]);
}

/* void (*)(void *, void *) */
static void inv_v_pp(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    void (*f)(void *, void *) = (void (*)(void *, void *))(uintptr_t)fn;

    f(INV_PTR(argv[0]), INV_PTR(argv[1]));
    *ret = 0;
}

/* uint64_t (*)(uint64_t) */
static void inv_u64_u64(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    uint64_t (*f)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)fn;

    *ret = f(argv[0]);
}

/* void (*)(void) */
static void inv_v_v(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    (void)argv;
    ((void (*)(void))(uintptr_t)fn)();
    *ret = 0;
}

#endif /* CALLBACKS_INVOKERS_H */
