// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stub opens the real guest libm on the first call of a function it leaves to it (the long
 * double ones here), from whichever thread comes first. Eight threads make their first such call
 * at once, each a different function with its arguments in FP registers, general registers and
 * memory, so the lazy resolver must load once and hand every call its arguments unchanged.
 * The output is compared with the fully emulated run's (LibmTests).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 8

static pthread_barrier_t start;
static long double result[THREADS];

static void *first_call(void *arg)
{
    long i = (long)arg;
    int q = 0, e = 0;

    pthread_barrier_wait(&start);
    switch (i) {
    case 0: result[i] = sinl(0.5L); break;
    case 1: result[i] = fmal(1.25L, 3.5L, -0.75L); break; /* three FP registers */
    case 2: result[i] = ldexpl(0.75L, 40); break;          /* FP and general register */
    case 3: result[i] = remquol(10.5L, 3.0L, &q) + q; break; /* and a pointer */
    case 4: result[i] = frexpl(1000.0L, &e) + e; break;
    case 5: result[i] = powl(2.0L, 0.5L); break;
    case 6: result[i] = atan2l(1.0L, -2.0L); break;
    default: result[i] = expl(1.0L); break;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];

    pthread_barrier_init(&start, NULL, THREADS);
    for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, first_call, (void *)i);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) printf("%d %La\n", i, result[i]);
    return 0;
}
