/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of the sqlite*_config and test_control overrides: the guest
 * read the operation's arguments; integers and pointers travel as 64-bit
 * slots, which the variadic callee reads back as int or pointer (x86_64
 * SysV passes both in the same registers).
 */
#include "ops_args.h"

/* SQLITE_CONFIG_LOG's callback type, called by sqlite3_log from any call. */
static void dlcall_sqlite_log_entry(void *arg, int code, const char *msg)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[3] = { (uint64_t)(uintptr_t)arg, (uint64_t)(int64_t)code, (uint64_t)(uintptr_t)msg };

    dlcall_rt_callback(t, argv, 3);
}

void dlcall_sqlite3_ops(void *args, void *ret)
{
    const struct dlcall_sqlite_ops *a = args;
    sqlite3 *db = (sqlite3 *)(uintptr_t)a->db;
    const int64_t *g = a->gp;
    int op = (int)a->op;
    int r = SQLITE_ERROR;

    switch (a->fn) {
    case DLCALL_SQLITE_CONFIG:
        if (op == SQLITE_CONFIG_LOG) {
            void *cb = dlcall_rt_trampoline(a->cb, a->invoker, (void *)dlcall_sqlite_log_entry,
                                            "sqlite3: SQLITE_CONFIG_LOG");

            r = sqlite3_config(op, cb, (void *)(uintptr_t)g[0]);
        } else {
            r = sqlite3_config(op, g[0], g[1], g[2]);
        }
        break;
    case DLCALL_SQLITE_DB_CONFIG:
        r = sqlite3_db_config(db, op, g[0], g[1], g[2]);
        break;
    case DLCALL_SQLITE_VTAB_CONFIG:
        r = sqlite3_vtab_config(db, op, g[0]);
        break;
    case DLCALL_SQLITE_TEST_CONTROL:
        r = sqlite3_test_control(op, g[0], g[1], g[2], g[3]);
        break;
    }
    *(int *)ret = r;
}

/* sqlite3_file_control for its guest override (file_control.c). */
void dlcall_sqlite3_file_control(void *args, void *ret)
{
    const struct { sqlite3 *db; const char *name; int op; void *arg; } *a = args;

    *(int *)ret = sqlite3_file_control(a->db, a->name, a->op, a->arg);
}
