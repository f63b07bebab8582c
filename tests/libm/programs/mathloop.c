// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A libm-heavy guest loop (the fast path's benchmark): N iterations of
 * sin + exp. Prints the sum to 10 digits on stdout (what the benchmark
 * compares between runs: the host's libm may differ from the guest's in
 * the last bits), and on stderr the exact sum and the time.
 * Usage: mathloop [N]   (default 10^7)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000L;
    volatile double sum = 0;
    struct timespec t0, t1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        double x = (double)(i % 100000) * 1e-4;

        sum += sin(x) + exp(-x);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("sum %.9e\n", sum);
    fprintf(stderr, "exact %.17g\n", sum);
    fprintf(stderr, "mathloop: %ld iterations in %.3f s (%.1f ns each)\n", n,
            (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9,
            ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double)n);
    return 0;
}
