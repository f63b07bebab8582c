/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host-only header of libcbtest.so's "library" part
 * (tests/e2e/hostlib/cbtest.c): the real C signatures, which the thunks in
 * cbtest_thunks.c call, as generated code would include a library's own
 * header. See cbtest_abi.h for what each function does.
 */
#ifndef CBTEST_LIB_H
#define CBTEST_LIB_H

#include <stddef.h>
#include <stdint.h>

#include "cbtest_abi.h"

void cbtest_sort(int32_t *v, size_t n, int (*cmp)(const void *, const void *));
double cbtest_sum_with(double (*f)(double, int32_t), int32_t n);
double cbtest_mix(cbtest_mix_fn f);
int32_t cbtest_nested(int32_t (*cb)(int32_t), int32_t depth);
int32_t cbtest_stream_run(struct cbtest_stream *s);
uint64_t cbtest_repeat(uint64_t (*cb)(uint64_t), int64_t n);
int32_t cbtest_fp_control(void (*cb)(void));
void cbtest_fp_leak(void);
uint32_t cbtest_mxcsr(void);
void cbtest_spawn_thread_and_call(void (*cb)(void));

#endif /* CBTEST_LIB_H */
