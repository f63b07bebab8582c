/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stack switching and the trampoline shim of the dlcall host runtime
 * (x86_64 SysV). See internal.h for the contracts.
 */

/* Offset of dlcall_cb_target.host_entry in a binding (trampoline.c). */
#define BINDING_HOST_ENTRY 16

    .text

/*
 * void dlcall_switch(void **save_sp, void *to_sp)
 *
 * Only what the ABI makes callee-saved needs saving: the caller of a
 * switch already assumes every other register is clobbered by a call.
 * MXCSR and the x87 control word are callee-saved too ("control bits"),
 * and each context keeps its own, so a host library's rounding mode never
 * leaks into QEMU's thread. Both stacks hold the same image, so the CFI
 * below stays true after the stack pointer changes.
 */
    .globl dlcall_switch
    .hidden dlcall_switch
    .type dlcall_switch, @function
    .p2align 4
dlcall_switch:
    .cfi_startproc
    pushq %rbp
    .cfi_adjust_cfa_offset 8
    pushq %rbx
    .cfi_adjust_cfa_offset 8
    pushq %r12
    .cfi_adjust_cfa_offset 8
    pushq %r13
    .cfi_adjust_cfa_offset 8
    pushq %r14
    .cfi_adjust_cfa_offset 8
    pushq %r15
    .cfi_adjust_cfa_offset 8
    subq $8, %rsp
    .cfi_adjust_cfa_offset 8
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    .cfi_adjust_cfa_offset -8
    popq %r15
    .cfi_adjust_cfa_offset -8
    popq %r14
    .cfi_adjust_cfa_offset -8
    popq %r13
    .cfi_adjust_cfa_offset -8
    popq %r12
    .cfi_adjust_cfa_offset -8
    popq %rbx
    .cfi_adjust_cfa_offset -8
    popq %rbp
    .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
    .size dlcall_switch, . - dlcall_switch

/*
 * A fresh coroutine "returns" here from its first dlcall_switch, with
 * the coroutine in rbx and its main function in r12 (coroutine.c builds
 * that image) and rsp 16-byte aligned. rip is undefined so that
 * unwinders and debuggers stop here instead of walking off the stack.
 */
    .globl dlcall_co_start
    .hidden dlcall_co_start
    .type dlcall_co_start, @function
    .p2align 4
dlcall_co_start:
    .cfi_startproc
    .cfi_undefined rip
    movq %rbx, %rdi
    callq *%r12
    ud2
    .cfi_endproc
    .size dlcall_co_start, . - dlcall_co_start

/*
 * Every trampoline stub is `movabs $binding, %r11; jmp *32(%r11)`, which
 * lands here. r11 is the one register the SysV ABI leaves free at a call
 * (no argument, not the static chain r10, not al which counts the vector
 * registers of a variadic call), so the stub may use it. Here the binding
 * goes into the thread's TLS slot, with rax borrowed through the stack
 * (the callee owns everything below the return address) for the GOT load
 * that initial-exec TLS needs in a shared library. Flags, argument
 * registers and the stack reach the host entry untouched.
 */
    .globl dlcall_tramp_common
    .hidden dlcall_tramp_common
    .type dlcall_tramp_common, @function
    .p2align 4
dlcall_tramp_common:
    .cfi_startproc
    pushq %rax
    .cfi_adjust_cfa_offset 8
    movq dlcall__tls_target@gottpoff(%rip), %rax
    movq %r11, %fs:(%rax)
    popq %rax
    .cfi_adjust_cfa_offset -8
    jmp *BINDING_HOST_ENTRY(%r11)
    .cfi_endproc
    .size dlcall_tramp_common, . - dlcall_tramp_common

    .section .note.GNU-stack, "", @progbits
