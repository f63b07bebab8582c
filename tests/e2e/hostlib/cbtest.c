/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libcbtest.so, part 1: an ordinary host library whose functions call
 * function pointers, knowing nothing of dlcall. Part 2 (cbtest_thunks.c)
 * is what the thunk generator would emit for it.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../callbacks/cbtest_abi.h"
#include "../callbacks/cbtest_lib.h"

void cbtest_sort(int32_t *v, size_t n, int (*cmp)(const void *, const void *))
{
    qsort(v, n, sizeof(*v), cmp);
}

double cbtest_sum_with(double (*f)(double, int32_t), int32_t n)
{
    double sum = 0;

    for (int32_t i = 0; i < n; i++) {
        sum += f(i * 0.5, i);
    }
    return sum;
}

double cbtest_mix(cbtest_mix_fn f)
{
    return f(CBTEST_MIX_ARGS);
}

int32_t cbtest_nested(int32_t (*cb)(int32_t), int32_t depth)
{
    return depth > 0 ? cb(depth) + 1 : 0;
}

/* Every block stays allocated until the end, as a codec's state would. */
int32_t cbtest_stream_run(struct cbtest_stream *s)
{
    uint8_t **blocks = calloc(s->blocks, sizeof(*blocks));
    int32_t status = 0;

    if (blocks == NULL) {
        return -1;
    }
    s->checksum = 0;
    for (uint32_t i = 0; i < s->blocks; i++) {
        size_t size = (size_t)(i + 1) * s->block_size;

        blocks[i] = s->zalloc(s->opaque, i + 1, s->block_size);
        if (blocks[i] == NULL) {
            status = -2;
            break;
        }
        memset(blocks[i], (int)(i + 1), size);
        for (size_t j = 0; j < size; j++) {
            s->checksum += blocks[i][j];
        }
    }
    for (uint32_t i = s->blocks; i-- > 0;) {
        if (blocks[i] != NULL) {
            s->zfree(s->opaque, blocks[i]);
        }
    }
    free(blocks);
    return status;
}

uint64_t cbtest_repeat(uint64_t (*cb)(uint64_t), int64_t n)
{
    uint64_t sum = 0;

    for (int64_t i = 0; i < n; i++) {
        sum += cb((uint64_t)i);
    }
    return sum;
}

/* MXCSR bits 0-5 are sticky exception flags, not control. */
#define MXCSR_CONTROL 0xffc0
#define MXCSR_ROUND_TO_ZERO 0x6000
#define X87_ROUND_TO_ZERO 0x0c00

static uint16_t x87_cw(void)
{
    uint16_t cw;

    __asm__ __volatile__("fnstcw %0" : "=m"(cw));
    return cw;
}

static void set_x87_cw(uint16_t cw)
{
    __asm__ __volatile__("fldcw %0" : : "m"(cw));
}

int32_t cbtest_fp_control(void (*cb)(void))
{
    uint32_t mxcsr = __builtin_ia32_stmxcsr();
    uint16_t cw = x87_cw();
    int32_t lost = 0;

    __builtin_ia32_ldmxcsr(mxcsr | MXCSR_ROUND_TO_ZERO);
    set_x87_cw(cw | X87_ROUND_TO_ZERO);
    cb();
    if ((__builtin_ia32_stmxcsr() & MXCSR_CONTROL) !=
        ((mxcsr | MXCSR_ROUND_TO_ZERO) & MXCSR_CONTROL)) {
        lost |= 1;
    }
    if (x87_cw() != (cw | X87_ROUND_TO_ZERO)) {
        lost |= 2;
    }
    __builtin_ia32_ldmxcsr(mxcsr);
    set_x87_cw(cw);
    return lost;
}

/* A careless library: changes the rounding mode and leaves it so. */
void cbtest_fp_leak(void)
{
    __builtin_ia32_ldmxcsr(__builtin_ia32_stmxcsr() | MXCSR_ROUND_TO_ZERO);
    set_x87_cw(x87_cw() | X87_ROUND_TO_ZERO);
}

uint32_t cbtest_mxcsr(void)
{
    return __builtin_ia32_stmxcsr();
}

struct spawn_box {
    void (*cb)(void);
};

static void *spawned(void *arg)
{
    struct spawn_box *box = arg;

    box->cb();
    return NULL;
}

void cbtest_spawn_thread_and_call(void (*cb)(void))
{
    struct spawn_box box = { cb };
    pthread_t thread;

    if (pthread_create(&thread, NULL, spawned, &box) == 0) {
        pthread_join(thread, NULL);
    }
}
