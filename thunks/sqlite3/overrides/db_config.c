/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_db_config: each operation's arguments by its documented shape. */
#include <stdarg.h>

#include "ops_guest.h"

int (sqlite3_db_config)(sqlite3 *db, int op, ...)
{
    struct dlcall_sqlite_ops a = { .fn = DLCALL_SQLITE_DB_CONFIG, .db = (uint64_t)(uintptr_t)db, .op = op };
    va_list ap;

    va_start(ap, op);
    if (op == SQLITE_DBCONFIG_MAINDBNAME) {
        dlcall_sqlite_op_args(&a, 1, &ap);      /* const char * */
    } else if (op == SQLITE_DBCONFIG_LOOKASIDE) {
        dlcall_sqlite_op_args(&a, 3, &ap);      /* void *, int, int */
    } else if (op > SQLITE_DBCONFIG_LOOKASIDE && op <= SQLITE_DBCONFIG_MAX) {
        dlcall_sqlite_op_args(&a, 2, &ap);      /* int, int * */
    }
    va_end(ap);
    return dlcall_sqlite_ops_call(&a, 1);
}
