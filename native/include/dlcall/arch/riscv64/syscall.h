/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dlcall magic syscall on a riscv64 guest: `ecall` with the number
 * in a7, arguments in a0..a3 and the result in a0 (Linux syscall ABI).
 * Included by <dlcall/dlcall.h>; not meant to be included on its own.
 */
#ifndef DLCALL_ARCH_RISCV64_SYSCALL_H
#define DLCALL_ARCH_RISCV64_SYSCALL_H

static inline long dlcall_arch_syscall4(long num, long a1, long a2, long a3,
                                        long a4)
{
    register long r_a7 __asm__("a7") = num;
    register long r_a0 __asm__("a0") = a1;
    register long r_a1 __asm__("a1") = a2;
    register long r_a2 __asm__("a2") = a3;
    register long r_a3 __asm__("a3") = a4;

    /* "memory": the plugin writes results through the out pointers. */
    __asm__ __volatile__("ecall"
                         : "+r"(r_a0)
                         : "r"(r_a7), "r"(r_a1), "r"(r_a2), "r"(r_a3)
                         : "memory");
    return r_a0;
}

/*
 * The fast path's magic instruction, `slti x0, x0, 0x6dc`
 * (DLCALL_FAST_MAGIC_RISCV64). A register-immediate instruction with
 * rd = x0 is a HINT: it has no architectural effect, and the unprivileged
 * spec reserves SLTI/SLTIU/SLLI/SRLI/SRAI with rd = x0 for custom use, so
 * no standard extension will give it a meaning (Zihintntl, Zihintpause and
 * Zicbop use ADD, FENCE and ORI). QEMU executes it as a write to x0, which
 * is discarded. @block: as on aarch64, ordered by the "memory" clobber.
 */
static inline void dlcall_arch_fast_magic(void *block)
{
    (void)block;
    __asm__ __volatile__(".4byte 0x6dc02013" : : : "memory");
}

#endif /* DLCALL_ARCH_RISCV64_SYSCALL_H */
