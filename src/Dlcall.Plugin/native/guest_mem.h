/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest memory read and written without faulting (guest_mem.c). */
#ifndef DLCALL_GUEST_MEM_H
#define DLCALL_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

int64_t dlcall_copy_string(uint64_t guest, char *buf, size_t cap);
int64_t dlcall_put_guest(uint64_t guest, uint64_t value, size_t len);
bool dlcall_guest_rw(uint64_t guest, size_t len);
bool dlcall_read_guest(uint64_t guest, void *dst, size_t len);
bool dlcall_is_handle(uint64_t handle);

#pragma GCC visibility pop

#endif /* DLCALL_GUEST_MEM_H */
