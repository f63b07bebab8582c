/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest half of the sqlite*_config and test_control overrides (ops_args.h). */
#ifndef DLCALL_SQLITE_OPS_GUEST_H
#define DLCALL_SQLITE_OPS_GUEST_H

#include "ops_args.h"

/* An operation dlcall cannot carry: the same clear death as an unavailable function. */
static void dlcall_sqlite_op_unavailable(const char *fn, int op, const char *why)
{
    fprintf(stderr, "dlcall: libsqlite3.so.0: %s(%d) is not available through dlcall (%s)\n",
            fn, op, why);
    abort();
}

/* @n integer or pointer arguments of the operation. */
static void dlcall_sqlite_op_args(struct dlcall_sqlite_ops *a, int n, va_list *ap)
{
    for (int i = 0; i < n; i++) {
        a->gp[i] = (int64_t)va_arg(*ap, long long);
    }
}

/*
 * A misused operation (sqlite3_config after sqlite3_initialize, say) makes
 * the library call the guest's log callback: such calls need the coroutine
 * path.
 */
static int dlcall_sqlite_ops_call(struct dlcall_sqlite_ops *a, int may_call_back)
{
    static dlcall_fn fn;
    int ret = 0;

    if (fn == NULL) {
        fn = dlcall__host_fn("dlcall_sqlite3_ops");
    }
    if (may_call_back) {
        struct dlcall_frame frame = {
            .thunk = (uint64_t)(uintptr_t)fn,
            .args = (uint64_t)(uintptr_t)a,
            .ret = (uint64_t)(uintptr_t)&ret,
        };

        dlcall_call_host(&dlcall__rt, &frame);
    } else {
        dlcall_invoke_fast(fn, a, &ret);
    }
    return ret;
}

#endif /* DLCALL_SQLITE_OPS_GUEST_H */
