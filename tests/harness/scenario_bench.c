/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenario_bench.c: the filter's cost per syscall, claimed and missed,
 * without TCG in the way.
 */
#include "harness.h"

#include <stdio.h>
#include <time.h>

/* INVOKE_PROC target that does nothing, so only the dispatch is timed. */
static void noop(void *a, void *b)
{
    (void)a;
    (void)b;
    __asm__ volatile("" ::: "memory");
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ns per filter call for syscall number num (a claimed INVOKE_PROC or a miss). */
static double bench_loop(int64_t num, uint64_t iters)
{
    int64_t ret;
    double t0 = now_ns();

    /* The API test is hoisted by hand so the loop is only the indirect call. */
    if (host.api == 6) {
        filter6_t f = (filter6_t)host.filter;
        for (uint64_t i = 0; i < iters; i++) {
            ret = 0;
            f(host.filter_id, 0, num, 5, P(noop), 0, 0, 0, 0, 0, 0, (uint64_t *)&ret);
        }
    } else {
        filter7_t f = (filter7_t)host.filter;
        for (uint64_t i = 0; i < iters; i++) {
            ret = 0;
            f(0, num, 5, P(noop), 0, 0, 0, 0, 0, 0, &ret, host.filter_userdata);
        }
    }
    return (now_ns() - t0) / (double)iters;
}

int scenario_bench(void)
{
    uint64_t warm = opt.iters / 10 + 1;

    bench_loop(opt.expect_num, warm);
    printf("filter_invoke_ns %.2f\n", bench_loop(opt.expect_num, opt.iters));
    bench_loop(opt.expect_num + 1, warm);
    printf("filter_miss_ns %.2f\n", bench_loop(opt.expect_num + 1, opt.iters));
    return 0;
}
