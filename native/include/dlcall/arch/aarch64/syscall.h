/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dlcall magic syscall on an aarch64 guest: `svc #0` with the number
 * in x8, arguments in x0..x3 and the result in x0 (Linux syscall ABI).
 * Included by <dlcall/dlcall.h>; not meant to be included on its own.
 */
#ifndef DLCALL_ARCH_AARCH64_SYSCALL_H
#define DLCALL_ARCH_AARCH64_SYSCALL_H

static inline long dlcall_arch_syscall4(long num, long a1, long a2, long a3,
                                        long a4)
{
    register long x8 __asm__("x8") = num;
    register long x0 __asm__("x0") = a1;
    register long x1 __asm__("x1") = a2;
    register long x2 __asm__("x2") = a3;
    register long x3 __asm__("x3") = a4;

    /* "memory": the plugin writes results through the out pointers. */
    __asm__ __volatile__("svc #0"
                         : "+r"(x0)
                         : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
                         : "memory");
    return x0;
}

/*
 * The fast path's magic instruction, `hint #0x7b` (DLCALL_FAST_MAGIC_AARCH64).
 * The HINT space executes unallocated encodings as NOP (Arm ARM, "Hint
 * instructions"), QEMU decodes every HINT it does not implement as a NOP,
 * and no extension claims #0x7b (the allocated ones are below #0x30: YIELD,
 * WFE, PAC, BTI, CHKFEAT, ...). So without the plugin it does nothing.
 * The "memory" clobber orders the block's stores before it and the status
 * load after it; @block (a static TLS object, so global memory to the
 * compiler) is no operand: materialising its address would cost an
 * instruction QEMU translates for nothing.
 */
static inline void dlcall_arch_fast_magic(void *block)
{
    (void)block;
    __asm__ __volatile__(".inst 0xd5032f7f" : : : "memory");
}

#endif /* DLCALL_ARCH_AARCH64_SYSCALL_H */
