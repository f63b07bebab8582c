/* SPDX-License-Identifier: GPL-2.0-or-later */
/* guest_allocator.c's allocator, which the stub passes for NULL (spec nullDefaults; dlcall_stub.h includes this, hidden). */
extern const lzma_allocator dlcall_lzma_guest_allocator;
