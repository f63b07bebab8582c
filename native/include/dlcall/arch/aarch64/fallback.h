/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tail jump through a fallback slot on aarch64. x16 (IP0) is the
 * intra-procedure-call scratch register the AAPCS64 gives veneers and PLT
 * stubs: free at a call boundary. `bti c` (hint #34) is a NOP on CPUs
 * without BTI and the landing pad on those with it, since callers reach the
 * stub through the PLT's indirect branch.
 * Included by <dlcall/fallback.h>.
 */
#ifndef DLCALL_ARCH_AARCH64_FALLBACK_H
#define DLCALL_ARCH_AARCH64_FALLBACK_H

#define DLCALL_ARCH_FALLBACK_ENTRY "    hint #34\n"

#define DLCALL_ARCH_FALLBACK_JUMP(slot)          \
    "    adrp x16, " slot "\n"                   \
    "    ldr x16, [x16, #:lo12:" slot "]\n"      \
    "    br x16\n"

/* Stores 1 into the int at @flag; x16 and x17 (IP0, IP1) are free at a call boundary. */
#define DLCALL_ARCH_FALLBACK_MARK(flag)          \
    "    adrp x16, " flag "\n"                   \
    "    mov w17, #1\n"                          \
    "    str w17, [x16, #:lo12:" flag "]\n"

/* 1 when FPCR.RMode is round-to-nearest (0): the rounding guard's test. */
static inline int dlcall_arch_round_to_nearest(void)
{
    unsigned long fpcr;

    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    return ((fpcr >> 22) & 3) == 0;
}

#endif
