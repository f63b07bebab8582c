/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of libpng's longjmp errors (docs/Longjmp.md).
 *
 * png_jmpbuf(png_ptr) is png_set_longjmp_fn(png_ptr, longjmp, sizeof (jmp_buf)):
 * the guest's longjmp and the guest's jmp_buf size. libpng gets the host's
 * longjmp function instead, which raises to the thunk that called libpng, and a
 * buffer 16 bytes larger, whose head keeps the guest's longjmp function: the
 * guest setjmps into the rest. png_error's longjmp_fn(*jmp_buf_ptr, val) thus
 * hands the raise the head, and the guest's raise (longjmp_guest.c) finds both
 * the guest function and the guest's jmp_buf there. libpng frees the buffer
 * with the png_struct.
 */
#include <setjmp.h>
#include <string.h>

#define DLCALL_PNG_JMP_HEAD 16

static void dlcall_png_longjmp(jmp_buf env, int val)
{
    dlcall_rt_raise(val, (uint64_t)(uintptr_t)env);
}

jmp_buf *dlcall_png_set_longjmp_fn(png_structrp png_ptr, png_longjmp_ptr longjmp_fn, size_t jmp_buf_size)
{
    jmp_buf *head = png_set_longjmp_fn(png_ptr, dlcall_png_longjmp, jmp_buf_size + DLCALL_PNG_JMP_HEAD);
    uint64_t guest_fn = dlcall_rt_guest_fn((const void *)longjmp_fn);

    if (head == NULL) {
        return NULL;
    }
    memcpy(head, &guest_fn, sizeof(guest_fn));
    return (jmp_buf *)((char *)head + DLCALL_PNG_JMP_HEAD);
}
