/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlcall guest side of "fallback to the real guest library": a stub
 * function that dlcall does not pass through (no declaration, long double,
 * a variadic without an override...) jumps to the same function of the
 * real guest library, loaded privately next to the stub. It runs emulated,
 * as it would without dlcall.
 *
 *     DLCALL_FALLBACK_SLOTS(N);            the table of targets
 *     DLCALL_FALLBACK_JUMP(sinf128, 7);    sinf128 jumps to slot 7
 *
 * The jump is a tail call written in assembly, so it forwards any
 * signature unchanged: arguments stay in their registers and on the stack,
 * variadics included, and the callee returns straight to the caller.
 *
 * Slots start empty: opening the real library and looking up every slot
 * costs ~11 ms of emulated start-up (libm's 590), and most programs never
 * call a fallback. The first jump through an empty slot enters the shared
 * resolver (DLCALL_FALLBACK_RESOLVER), which saves the argument registers,
 * calls the stub's C function that fills every slot once, and re-jumps.
 */
#ifndef DLCALL_FALLBACK_H
#define DLCALL_FALLBACK_H

/* Hidden, not static: the assembly names it, and the stub does not export it. */
#define DLCALL_FALLBACK_SLOTS(n) \
    __attribute__((visibility("hidden"))) void *dlcall__fallback[(n)]

#if defined(__aarch64__)
#include "arch/aarch64/fallback.h"
#elif defined(__riscv) && __riscv_xlen == 64
#include "arch/riscv64/fallback.h"
#elif defined(__x86_64__)
#include "arch/x86_64/fallback.h"
#else
#error "dlcall: unsupported guest architecture"
#endif

/* template: .globl name; .type name,%function; name: <jump through slot i>; .size name, .-name */
#define DLCALL_FALLBACK_JUMP(name, i)                                        \
    __asm__(".text\n"                                                        \
            ".globl " #name "\n"                                             \
            ".type " #name ", %function\n"                                   \
            ".p2align 2\n"                                                   \
            #name ":\n"                                                      \
            DLCALL_ARCH_FALLBACK_ENTRY                                       \
            DLCALL_ARCH_FALLBACK_JUMP("dlcall__fallback+8*" #i, #i)          \
            ".size " #name ", .-" #name "\n")

/*
 * The shared resolver every empty slot jumps to: calls @fn, a void (void)
 * function that fills every slot (never with NULL), then jumps through the
 * slot it came for. Hidden: the stub does not export it.
 */
/* template: .hidden dlcall__fallback_resolver; dlcall__fallback_resolver: <save>; bl fn; <restore>; <jump> */
#define DLCALL_FALLBACK_RESOLVER(fn)                                         \
    __asm__(".text\n"                                                        \
            ".globl dlcall__fallback_resolver\n"                             \
            ".hidden dlcall__fallback_resolver\n"                            \
            ".type dlcall__fallback_resolver, %function\n"                   \
            ".p2align 4\n"                                                   \
            "dlcall__fallback_resolver:\n"                                   \
            DLCALL_ARCH_FALLBACK_RESOLVER(#fn)                               \
            ".size dlcall__fallback_resolver, .-dlcall__fallback_resolver\n")

/*
 * The same jump, after setting the int @flag to 1 (the stub's
 * dlcall__rounding_touched: a rounding-mode setter ran).
 */
/* template: .globl name; name: <flag = 1>; <jump through slot i> */
#define DLCALL_FALLBACK_JUMP_MARK(name, i, flag)                             \
    __asm__(".text\n"                                                        \
            ".globl " #name "\n"                                             \
            ".type " #name ", %function\n"                                   \
            ".p2align 2\n"                                                   \
            #name ":\n"                                                      \
            DLCALL_ARCH_FALLBACK_ENTRY                                       \
            DLCALL_ARCH_FALLBACK_MARK(#flag)                                 \
            DLCALL_ARCH_FALLBACK_JUMP("dlcall__fallback+8*" #i, #i)          \
            ".size " #name ", .-" #name "\n")

/*
 * A data object the real library exports (libm's signgam): the stub
 * defines it with the same size so programs link and copy-relocate it as
 * usual; the real library's own references then bind to the program's copy.
 * Assembly, because the library's header declares it with a C type.
 */
/* template: .data; .globl name; .type name, %object; .size name, size; name: .zero size */
#define DLCALL_FALLBACK_DATA(name, size)                                     \
    __asm__(".data\n"                                                        \
            ".globl " #name "\n"                                             \
            ".type " #name ", %object\n"                                     \
            ".size " #name ", " #size "\n"                                   \
            ".p2align 4\n"                                                   \
            #name ":\n"                                                      \
            ".zero " #size "\n"                                              \
            ".text\n")

/* template: .globl alias; .set alias, name */
#define DLCALL_FALLBACK_ALIAS(alias, name)                                   \
    __asm__(".globl " #alias "\n"                                            \
            ".set " #alias ", " #name "\n")

#endif
