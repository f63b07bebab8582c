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

#endif /* DLCALL_ARCH_RISCV64_SYSCALL_H */
