/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenario_threads.c: vCPU threads calling the filter at once. INVOKE_PROC
 * results must not mix, and dlerror must stay per thread.
 */
#include "harness.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 8
#define THREAD_CALLS 100000

struct worker {
    pthread_t thread;
    unsigned index;
    pthread_barrier_t *start;
    long invoke_bad, dlerror_bad, calls;
    char detail[256];
};

/* One round of dlsym-miss + dlerror: the message must name this thread's symbol. */
static bool worker_dlerror_round(struct worker *w, const char *symbol)
{
    void *sym = (void *)1;
    const char *msg = NULL;
    int64_t r1 = dlcall(2, 0, P(symbol), P(&sym));
    int64_t r2 = dlcall(4, P(&msg), 0, 0);

    w->calls += 2;
    if (r1 == 0 && sym == NULL && r2 == 0 && msg && strstr(msg, symbol)) {
        return true;
    }
    if (!w->detail[0]) {
        snprintf(w->detail, sizeof(w->detail), "dlsym %" PRId64 "/%p dlerror %" PRId64 " '%s'",
                 r1, sym, r2, msg ? msg : "(null)");
    }
    return false;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    char symbol[64];
    int64_t in[2], sum, ret;

    snprintf(symbol, sizeof(symbol), "dlcall_missing_in_thread_%u", w->index);
    pthread_barrier_wait(w->start);
    /* Every 4th call is a dlsym/dlerror pair: enough to interleave with other threads. */
    while (w->calls < THREAD_CALLS) {
        in[0] = (int64_t)w->index << 32;
        in[1] = w->calls;
        sum = -1;
        call_filter(w->index, opt.expect_num, 5, P(add), P(in), P(&sum), 0, &ret);
        w->calls++;
        if (ret != 0 || sum != in[0] + in[1]) {
            w->invoke_bad++;
        }
        if (w->calls % 4 == 1 && !worker_dlerror_round(w, symbol)) {
            w->dlerror_bad++;
        }
    }
    return NULL;
}

int scenario_threads(void)
{
    struct worker workers[THREADS];
    pthread_barrier_t start;
    char name[64];

    pthread_barrier_init(&start, NULL, THREADS);
    for (unsigned i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){ .index = i, .start = &start };
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0) {
            printf("error: pthread_create failed\n");
            return 2;
        }
    }
    for (unsigned i = 0; i < THREADS; i++) {
        struct worker *w = &workers[i];

        pthread_join(w->thread, NULL);
        snprintf(name, sizeof(name), "thread.%u.invoke", i);
        check(w->invoke_bad == 0, name, "%ld bad of %ld calls", w->invoke_bad, w->calls);
        snprintf(name, sizeof(name), "thread.%u.dlerror", i);
        check(w->dlerror_bad == 0, name, "%ld bad: %s", w->dlerror_bad, w->detail);
    }
    pthread_barrier_destroy(&start);
    printf("summary %d %d\n", passed, failed);
    return failed ? 1 : 0;
}
