/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Raise points: a host library's longjmp-style error stops at the thunk
 * that called it (docs/Longjmp.md).
 *
 * libpng's png_error and libjpeg's error_exit leave the library with a
 * longjmp to a jmp_buf the *guest* filled. The guest's jmp_buf means
 * nothing on the host, and a guest longjmp across host frames would leave
 * a suspended coroutine behind. So a thunk of such a library opens a raise
 * point (a host _setjmp in its own frame) around the real call; the
 * library's error handler, replaced on the host by one calling
 * dlcall_rt_raise(), jumps back there; the thunk reports "raised" to its
 * guest stub, and the stub runs the guest's own error path (its longjmp)
 * in guest code, where it unwinds guest frames only.
 *
 * Raise points form a per-thread LIFO: a guest callback may call the
 * library again (a nested thunk on a nested coroutine), and the raise
 * belongs to the innermost thunk, which is on the stack the library's
 * error handler runs on.
 */
#include "dlcall_host.h"
#include "internal.h"

static __thread struct dlcall_raise_point *tls_raise
    __attribute__((tls_model("initial-exec")));

void dlcall_rt_raise_push(struct dlcall_raise_point *rp)
{
    rp->raised = 0;
    rp->value = 0;
    rp->arg = 0;
    rp->prev = tls_raise;
    tls_raise = rp;
}

void dlcall_rt_raise_pop(struct dlcall_raise_point *rp)
{
    tls_raise = rp->prev;
}

void dlcall_raise_forget(const void *lo, const void *hi)
{
    while (tls_raise != NULL && (const void *)tls_raise >= lo &&
           (const void *)tls_raise < hi) {
        tls_raise = tls_raise->prev;
    }
}

void dlcall_rt_raise(int value, uint64_t arg)
{
    struct dlcall_raise_point *rp = tls_raise;

    if (rp == NULL) {
        dlcall_host_fatal("the host library raised an error (longjmp) "
                          "outside a thunk that can carry it to the guest "
                          "(see the spec's raises)");
    }
    rp->raised = 1;
    rp->value = value;
    rp->arg = arg;
    _longjmp(rp->jb, 1);
}
