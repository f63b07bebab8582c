/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_vtab_config: each operation's arguments by its documented shape. */
#include <stdarg.h>

#include "ops_guest.h"

int (sqlite3_vtab_config)(sqlite3 *db, int op, ...)
{
    struct dlcall_sqlite_ops a = { .fn = DLCALL_SQLITE_VTAB_CONFIG, .db = (uint64_t)(uintptr_t)db, .op = op };
    va_list ap;

    va_start(ap, op);
    if (op == SQLITE_VTAB_CONSTRAINT_SUPPORT) {
        dlcall_sqlite_op_args(&a, 1, &ap);      /* int */
    }
    va_end(ap);
    return dlcall_sqlite_ops_call(&a, 1);
}
