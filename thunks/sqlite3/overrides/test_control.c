/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sqlite3_test_control: the arguments of each operation (sqlite3.c's
 * sqlite3_test_control switch). Those taking guest functions cannot work
 * and say so.
 */
#include <stdarg.h>

#include "ops_guest.h"

static int dlcall_sqlite_test_control_nargs(int op)
{
    switch (op) {
    case SQLITE_TESTCTRL_PRNG_SAVE: case SQLITE_TESTCTRL_PRNG_RESTORE: case SQLITE_TESTCTRL_PRNG_RESET:
    case SQLITE_TESTCTRL_BYTEORDER: case SQLITE_TESTCTRL_ISINIT: case SQLITE_TESTCTRL_PARSER_COVERAGE:
        return 0;
    case SQLITE_TESTCTRL_PENDING_BYTE: case SQLITE_TESTCTRL_ASSERT: case SQLITE_TESTCTRL_ALWAYS:
    case SQLITE_TESTCTRL_INTERNAL_FUNCTIONS: case SQLITE_TESTCTRL_LOCALTIME_FAULT:
    case SQLITE_TESTCTRL_ONCE_RESET_THRESHOLD: case SQLITE_TESTCTRL_NEVER_CORRUPT:
    case SQLITE_TESTCTRL_RESULT_INTREAL: case SQLITE_TESTCTRL_EXTRA_SCHEMA_CHECKS:
        return 1;
    case SQLITE_TESTCTRL_OPTIMIZATIONS: case SQLITE_TESTCTRL_SORTER_MMAP: case SQLITE_TESTCTRL_PRNG_SEED:
    case SQLITE_TESTCTRL_SEEK_COUNT: case SQLITE_TESTCTRL_TRACEFLAGS: case SQLITE_TESTCTRL_TUNE:
    case SQLITE_TESTCTRL_LOGEST:
        return 2;
    case SQLITE_TESTCTRL_ISKEYWORD: case SQLITE_TESTCTRL_VDBE_COVERAGE:
        return 2;
    case SQLITE_TESTCTRL_IMPOSTER:
        return 4;
    default:
        return -1;
    }
}

int (sqlite3_test_control)(int op, ...)
{
    struct dlcall_sqlite_ops a = { .fn = DLCALL_SQLITE_TEST_CONTROL, .op = op };
    int n = dlcall_sqlite_test_control_nargs(op);
    va_list ap;

    if (op == SQLITE_TESTCTRL_FAULT_INSTALL || op == SQLITE_TESTCTRL_BENIGN_MALLOC_HOOKS ||
        op == SQLITE_TESTCTRL_BITVEC_TEST) {
        dlcall_sqlite_op_unavailable("sqlite3_test_control", op, "it takes guest functions");
    }
    va_start(ap, op);
    dlcall_sqlite_op_args(&a, n < 0 ? 0 : n, &ap);
    va_end(ap);
    return dlcall_sqlite_ops_call(&a, 1);
}
