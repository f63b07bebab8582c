/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Declarations shared by the host runtime's C files and switch_x86_64.S.
 * Nothing here is exported (the library is built -fvisibility=hidden).
 */
#ifndef DLCALL_HOST_INTERNAL_H
#define DLCALL_HOST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "dlcall_host.h"

/*
 * Initial-exec TLS: the trampoline shim stores into it with one %fs store,
 * without a call that would clobber argument registers. Set by every
 * trampoline call on the calling thread.
 */
extern __thread const struct dlcall_cb_target *dlcall__tls_target
    __attribute__((tls_model("initial-exec")));

/*
 * switch_x86_64.S. dlcall_switch saves rbp, rbx, r12-r15, MXCSR and the
 * x87 control word on the current stack, stores the stack pointer in
 * *@save_sp, loads @to_sp and restores the same from there, returning
 * into the context that was saved at @to_sp.
 */
void dlcall_switch(void **save_sp, void *to_sp);

/*
 * First "return address" of a fresh coroutine: calls r12(rbx), which must
 * never return.
 */
void dlcall_co_start(void);

/* Common tail of every trampoline stub (binding in r11). */
void dlcall_tramp_common(void);

/* What dlcall_switch keeps below the saved stack pointer, lowest first. */
struct dlcall_switch_image {
    uint32_t mxcsr;
    uint16_t x87_cw;
    uint16_t pad;
    uint64_t r15, r14, r13, r12, rbx, rbp;
    uint64_t rip;
};

/* Prints "dlcall: <message>" on stderr and dies by SIGABRT. */
void dlcall_host_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* Forgets this thread's raise points in [lo, hi): the stack of a host
 * call a guest longjmp abandoned (raise.c). */
void dlcall_raise_forget(const void *lo, const void *hi);

#endif /* DLCALL_HOST_INTERNAL_H */
