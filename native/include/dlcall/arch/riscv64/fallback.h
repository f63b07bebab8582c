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

/*
 * An empty slot (the real library not opened yet) goes to the shared
 * resolver with the slot's index in t2; the filled slot costs one beqz.
 */
#define DLCALL_ARCH_FALLBACK_JUMP(slot, index) \
    "    lla t1, " slot "\n"                   \
    "    ld t1, 0(t1)\n"                       \
    "    beqz t1, 1f\n"                        \
    "    jr t1\n"                              \
    "1:  li t2, " index "\n"                   \
    "    tail dlcall__fallback_resolver\n"

/*
 * The shared resolver: saves every argument register (a0-a7, fa0-fa7; the
 * stack arguments stay where they are) and ra, calls @fn (which fills the
 * slots), restores them and jumps through slot t2. sp stays 16-aligned.
 */
#define DLCALL_ARCH_FALLBACK_RESOLVER(fn)      \
    "    addi sp, sp, -160\n"                  \
    "    sd ra, 0(sp)\n"                       \
    "    sd t2, 8(sp)\n"                       \
    "    sd a0, 16(sp)\n"                      \
    "    sd a1, 24(sp)\n"                      \
    "    sd a2, 32(sp)\n"                      \
    "    sd a3, 40(sp)\n"                      \
    "    sd a4, 48(sp)\n"                      \
    "    sd a5, 56(sp)\n"                      \
    "    sd a6, 64(sp)\n"                      \
    "    sd a7, 72(sp)\n"                      \
    "    fsd fa0, 80(sp)\n"                    \
    "    fsd fa1, 88(sp)\n"                    \
    "    fsd fa2, 96(sp)\n"                    \
    "    fsd fa3, 104(sp)\n"                   \
    "    fsd fa4, 112(sp)\n"                   \
    "    fsd fa5, 120(sp)\n"                   \
    "    fsd fa6, 128(sp)\n"                   \
    "    fsd fa7, 136(sp)\n"                   \
    "    call " fn "\n"                        \
    "    ld ra, 0(sp)\n"                       \
    "    ld t2, 8(sp)\n"                       \
    "    ld a0, 16(sp)\n"                      \
    "    ld a1, 24(sp)\n"                      \
    "    ld a2, 32(sp)\n"                      \
    "    ld a3, 40(sp)\n"                      \
    "    ld a4, 48(sp)\n"                      \
    "    ld a5, 56(sp)\n"                      \
    "    ld a6, 64(sp)\n"                      \
    "    ld a7, 72(sp)\n"                      \
    "    fld fa0, 80(sp)\n"                    \
    "    fld fa1, 88(sp)\n"                    \
    "    fld fa2, 96(sp)\n"                    \
    "    fld fa3, 104(sp)\n"                   \
    "    fld fa4, 112(sp)\n"                   \
    "    fld fa5, 120(sp)\n"                   \
    "    fld fa6, 128(sp)\n"                   \
    "    fld fa7, 136(sp)\n"                   \
    "    addi sp, sp, 160\n"                   \
    "    lla t1, dlcall__fallback\n"           \
    "    slli t2, t2, 3\n"                     \
    "    add t1, t1, t2\n"                     \
    "    ld t1, 0(t1)\n"                       \
    "    jr t1\n"

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
