/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The calls that take the slow path, and the guest_base check (slow_path.c). */
#ifndef DLCALL_SLOW_PATH_H
#define DLCALL_SLOW_PATH_H

#include <stdint.h>

#pragma GCC visibility push(hidden)

/* One magic syscall when dlcall_slow is non-zero. */
int64_t dlcall_serve_slow(unsigned int vcpu_index, uint64_t a1, uint64_t a2,
                          uint64_t a3, uint64_t a4);
/* The fast path's call when dlcall_slow is non-zero; returns its status. */
int64_t dlcall_fast_call_slow(unsigned int vcpu_index, uint64_t fn, uint64_t a,
                              uint64_t b);
/* The guest_base QEMU chose (fast_path.c reads it off the first block). */
void dlcall_note_guest_base(uint64_t guest_base);

#pragma GCC visibility pop

#endif /* DLCALL_SLOW_PATH_H */
