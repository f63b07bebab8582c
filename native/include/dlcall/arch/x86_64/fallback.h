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

/*
 * An empty slot (the real library not opened yet) goes to the shared
 * resolver with the slot's index in r11 (scratch, no argument).
 */
#define DLCALL_ARCH_FALLBACK_JUMP(slot, index) \
    "    cmpq $0, " slot "(%rip)\n"            \
    "    je 1f\n"                              \
    "    jmp *" slot "(%rip)\n"                \
    "1:  movl $" index ", %r11d\n"             \
    "    jmp dlcall__fallback_resolver\n"

/*
 * The shared resolver: saves every argument register (rdi, rsi, rdx, rcx,
 * r8, r9, rax for variadics, xmm0-7; the stack arguments stay where they
 * are), calls @fn (which fills the slots), restores them and jumps through
 * slot r11. After the push of rbp the stack is 16-aligned; 192 keeps it.
 */
#define DLCALL_ARCH_FALLBACK_RESOLVER(fn)      \
    "    pushq %rbp\n"                         \
    "    movq %rsp, %rbp\n"                    \
    "    subq $192, %rsp\n"                    \
    "    movq %rdi, 0(%rsp)\n"                 \
    "    movq %rsi, 8(%rsp)\n"                 \
    "    movq %rdx, 16(%rsp)\n"                \
    "    movq %rcx, 24(%rsp)\n"                \
    "    movq %r8, 32(%rsp)\n"                 \
    "    movq %r9, 40(%rsp)\n"                 \
    "    movq %rax, 48(%rsp)\n"                \
    "    movq %r11, 56(%rsp)\n"                \
    "    movdqu %xmm0, 64(%rsp)\n"             \
    "    movdqu %xmm1, 80(%rsp)\n"             \
    "    movdqu %xmm2, 96(%rsp)\n"             \
    "    movdqu %xmm3, 112(%rsp)\n"            \
    "    movdqu %xmm4, 128(%rsp)\n"            \
    "    movdqu %xmm5, 144(%rsp)\n"            \
    "    movdqu %xmm6, 160(%rsp)\n"            \
    "    movdqu %xmm7, 176(%rsp)\n"            \
    "    call " fn "\n"                        \
    "    movq 0(%rsp), %rdi\n"                 \
    "    movq 8(%rsp), %rsi\n"                 \
    "    movq 16(%rsp), %rdx\n"                \
    "    movq 24(%rsp), %rcx\n"                \
    "    movq 32(%rsp), %r8\n"                 \
    "    movq 40(%rsp), %r9\n"                 \
    "    movq 48(%rsp), %rax\n"                \
    "    movq 56(%rsp), %r11\n"                \
    "    movdqu 64(%rsp), %xmm0\n"             \
    "    movdqu 80(%rsp), %xmm1\n"             \
    "    movdqu 96(%rsp), %xmm2\n"             \
    "    movdqu 112(%rsp), %xmm3\n"            \
    "    movdqu 128(%rsp), %xmm4\n"            \
    "    movdqu 144(%rsp), %xmm5\n"            \
    "    movdqu 160(%rsp), %xmm6\n"            \
    "    movdqu 176(%rsp), %xmm7\n"            \
    "    leave\n"                              \
    "    leaq dlcall__fallback(%rip), %r10\n"  \
    "    jmp *(%r10,%r11,8)\n"

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
