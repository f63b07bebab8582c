/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tail jump through a fallback slot on x86_64: a RIP-relative indirect
 * jmp touches no register, so %al (the vector-register count of a variadic
 * call) and every argument register reach the target unchanged.
 * Included by <dlcall/fallback.h>.
 */
#ifndef DLCALL_ARCH_X86_64_FALLBACK_H
#define DLCALL_ARCH_X86_64_FALLBACK_H

#define DLCALL_ARCH_FALLBACK_ENTRY ""

#define DLCALL_ARCH_FALLBACK_JUMP(slot) \
    "    jmp *" slot "(%rip)\n"

/* Stores 1 into the int at @flag, touching no register. */
#define DLCALL_ARCH_FALLBACK_MARK(flag) \
    "    movl $1, " flag "(%rip)\n"

/* 1 when MXCSR.RC (the SSE rounding control doubles and floats use) is round-to-nearest (0). */
static inline int dlcall_arch_round_to_nearest(void)
{
    unsigned int csr;

    __asm__ __volatile__("stmxcsr %0" : "=m"(csr));
    return ((csr >> 13) & 3) == 0;
}

#endif
