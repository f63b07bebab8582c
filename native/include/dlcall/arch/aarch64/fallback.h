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

/*
 * An empty slot (the real library not opened yet) goes to the shared
 * resolver with the slot's index in x17; the filled slot costs one cbz.
 */
#define DLCALL_ARCH_FALLBACK_JUMP(slot, index)   \
    "    adrp x16, " slot "\n"                   \
    "    ldr x16, [x16, #:lo12:" slot "]\n"      \
    "    cbz x16, 1f\n"                          \
    "    br x16\n"                               \
    "1:  mov x17, #" index "\n"                  \
    "    b dlcall__fallback_resolver\n"

/*
 * The shared resolver: saves every argument register (x0-x8, q0-q7; the
 * stack arguments stay where they are), calls @fn (which fills the slots),
 * restores them and jumps through slot x17. The frame keeps sp 16-aligned.
 */
#define DLCALL_ARCH_FALLBACK_RESOLVER(fn)        \
    "    stp x29, x30, [sp, #-224]!\n"           \
    "    mov x29, sp\n"                          \
    "    stp x0, x1, [sp, #16]\n"                \
    "    stp x2, x3, [sp, #32]\n"                \
    "    stp x4, x5, [sp, #48]\n"                \
    "    stp x6, x7, [sp, #64]\n"                \
    "    stp x8, x17, [sp, #80]\n"               \
    "    stp q0, q1, [sp, #96]\n"                \
    "    stp q2, q3, [sp, #128]\n"               \
    "    stp q4, q5, [sp, #160]\n"               \
    "    stp q6, q7, [sp, #192]\n"               \
    "    bl " fn "\n"                            \
    "    ldp q6, q7, [sp, #192]\n"               \
    "    ldp q4, q5, [sp, #160]\n"               \
    "    ldp q2, q3, [sp, #128]\n"               \
    "    ldp q0, q1, [sp, #96]\n"                \
    "    ldp x8, x17, [sp, #80]\n"               \
    "    ldp x6, x7, [sp, #64]\n"                \
    "    ldp x4, x5, [sp, #48]\n"                \
    "    ldp x2, x3, [sp, #32]\n"                \
    "    ldp x0, x1, [sp, #16]\n"                \
    "    ldp x29, x30, [sp], #224\n"             \
    "    adrp x16, dlcall__fallback\n"           \
    "    add x16, x16, #:lo12:dlcall__fallback\n" \
    "    ldr x16, [x16, x17, lsl #3]\n"          \
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
