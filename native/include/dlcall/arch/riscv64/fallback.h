/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tail jump through a fallback slot on riscv64. t1 is the scratch register
 * the psABI gives PLT stubs (caller-saved, not an argument register); lla
 * is PC-relative, right for the stub's own hidden table.
 * Included by <dlcall/fallback.h>.
 */
#ifndef DLCALL_ARCH_RISCV64_FALLBACK_H
#define DLCALL_ARCH_RISCV64_FALLBACK_H

#define DLCALL_ARCH_FALLBACK_ENTRY ""

#define DLCALL_ARCH_FALLBACK_JUMP(slot) \
    "    lla t1, " slot "\n"            \
    "    ld t1, 0(t1)\n"                \
    "    jr t1\n"

/* Stores 1 into the int at @flag; t1 and t2 are temporaries, not argument registers. */
#define DLCALL_ARCH_FALLBACK_MARK(flag) \
    "    lla t1, " flag "\n"           \
    "    li t2, 1\n"                   \
    "    sw t2, 0(t1)\n"

/* 1 when the dynamic rounding mode (frm) is round-to-nearest-even (0). */
static inline int dlcall_arch_round_to_nearest(void)
{
    unsigned long frm;

    __asm__ __volatile__("frrm %0" : "=r"(frm));
    return frm == 0;
}

#endif
