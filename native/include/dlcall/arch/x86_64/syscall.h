/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dlcall magic syscall on an x86_64 guest: `syscall` with the number
 * in rax, arguments in rdi, rsi, rdx, r10 and the result in rax (Linux
 * syscall ABI). Included by <dlcall/dlcall.h>; not meant to be included
 * on its own.
 */
#ifndef DLCALL_ARCH_X86_64_SYSCALL_H
#define DLCALL_ARCH_X86_64_SYSCALL_H

static inline long dlcall_arch_syscall4(long num, long a1, long a2, long a3,
                                        long a4)
{
    /* The fourth argument goes in r10: rcx is lost to `syscall` itself. */
    register long r10 __asm__("r10") = a4;
    long ret;

    /*
     * The instruction overwrites rcx and r11; "memory" because the plugin
     * writes results through the out pointers.
     */
    __asm__ __volatile__("syscall"
                         : "=a"(ret)
                         : "a"(num), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
                         : "rcx", "r11", "memory");
    return ret;
}

#endif /* DLCALL_ARCH_X86_64_SYSCALL_H */
