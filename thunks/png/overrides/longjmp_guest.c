/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of libpng's longjmp errors (docs/Longjmp.md, longjmp_host.c): a
 * call that raised ends here, after its stub's other stages, and jumps with the
 * guest's own longjmp function into the guest's jmp_buf, both found in the
 * buffer png_set_longjmp_fn handed out: only guest frames unwind.
 */
#include <setjmp.h>
#include <string.h>

#define DLCALL_PNG_JMP_HEAD 16

__attribute__((noreturn)) static void dlcall_png_raise(int value, uint64_t head)
{
    uint64_t fn;

    memcpy(&fn, (const void *)(uintptr_t)head, sizeof(fn));
    ((png_longjmp_ptr)(uintptr_t)fn)(*(jmp_buf *)(uintptr_t)(head + DLCALL_PNG_JMP_HEAD), value);
    abort(); /* a longjmp function that returned: libpng's PNG_ABORT() */
}
