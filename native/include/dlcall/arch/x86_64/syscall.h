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

/*
 * The fast path's magic instruction, the 8-byte multi-byte NOP
 * `nopl 0x31636c64(%rax,%rax,1)` (DLCALL_FAST_MAGIC_X86_64: 0f 1f 84 00
 * "dlc1"). 0F 1F /0 is the architectural NOP on every x86_64 CPU (Intel
 * SDM, "NOP"); its memory operand is never accessed, and QEMU translates
 * it as a NOP. Assemblers pad with a zero displacement, so the "dlc1"
 * displacement does not occur by accident. @block: as on aarch64, ordered
 * by the "memory" clobber (here its address would cost an add and a flags
 * update in translated code).
 */
static inline void dlcall_arch_fast_magic(void *block)
{
    (void)block;
    __asm__ __volatile__(".byte 0x0f, 0x1f, 0x84, 0x00, 0x64, 0x6c, 0x63, 0x31"
                         : : : "memory");
}

#endif /* DLCALL_ARCH_X86_64_SYSCALL_H */
