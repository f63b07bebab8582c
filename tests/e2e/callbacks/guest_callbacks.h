/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest functions the callbacks program hands to the host library.
 * Counters are per thread, since 4 threads run them at once. Include
 * after harness.h and invokers.h (nested_cb calls the host again).
 */
#ifndef CALLBACKS_GUEST_CALLBACKS_H
#define CALLBACKS_GUEST_CALLBACKS_H

static _Thread_local long cmp_calls, f_calls, nested_now, nested_max;

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a;
    int32_t y = *(const int32_t *)b;

    cmp_calls++;
    return (x > y) - (x < y);
}

static double half_square(double x, int32_t i)
{
    f_calls++;
    return x * i + 0.25;
}

static double mix(int32_t a, double b, int32_t c, double d, int64_t e,
                  double f, int32_t g, double h)
{
    return a + b * 2 + c * 4 + d * 8 + (double)e * 16 + f * 32 + g * 64 +
           h * 128;
}

static int32_t host_nested(int32_t depth);

static int32_t nested_cb(int32_t depth)
{
    int32_t r;

    if (++nested_now > nested_max) {
        nested_max = nested_now;
    }
    r = depth > 1 ? 2 * host_nested(depth - 1) : 1;
    nested_now--;
    return r;
}

static int32_t host_nested(int32_t depth)
{
    struct cbtest_nested_args a = { (uintptr_t)nested_cb,
                                    (uintptr_t)inv_i32_i32, depth };
    int32_t ret = -1;

    call_host(thunk.nested, &a, &ret);
    return ret;
}

/* What host_nested computes, without the host. */
static int32_t nested_expected(int32_t depth)
{
    return depth > 0 ? (depth > 1 ? 2 * nested_expected(depth - 1) : 1) + 1
                     : 0;
}

struct alloc_stats {
    long allocs, frees, live;
};

static void *my_zalloc(void *opaque, uint32_t items, uint32_t size)
{
    struct alloc_stats *st = opaque;

    st->allocs++;
    st->live++;
    return malloc((size_t)items * size);
}

static void my_zfree(void *opaque, void *address)
{
    struct alloc_stats *st = opaque;

    st->frees++;
    st->live--;
    free(address);
}

static uint64_t triple_plus_one(uint64_t x)
{
    return 3 * x + 1;
}

static void fp_cb(void)
{
    /* volatile: the guest really does FP work while the host has RZ set */
    volatile double third = 1.0 / 3.0;

    (void)third;
    f_calls++;
}

#endif /* CALLBACKS_GUEST_CALLBACKS_H */
