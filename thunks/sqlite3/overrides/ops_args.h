/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sqlite3_config, sqlite3_db_config, sqlite3_vtab_config and
 * sqlite3_test_control carried to the host: the guest reads the variadic
 * arguments an operation takes (by its documented shape) and the host
 * passes them on. Included by the guest stub and the host thunks.
 */
#ifndef DLCALL_SQLITE_OPS_ARGS_H
#define DLCALL_SQLITE_OPS_ARGS_H

#include <stdint.h>

enum dlcall_sqlite_ops_fn {
    DLCALL_SQLITE_CONFIG = 0,
    DLCALL_SQLITE_DB_CONFIG = 1,
    DLCALL_SQLITE_VTAB_CONFIG = 2,
    DLCALL_SQLITE_TEST_CONTROL = 3,
};

struct dlcall_sqlite_ops {
    uint64_t fn;      /* enum dlcall_sqlite_ops_fn */
    uint64_t db;      /* sqlite3 * (db_config, vtab_config) */
    int64_t op;
    int64_t gp[4];    /* the operation's arguments: integers and pointers */
    uint64_t cb;      /* SQLITE_CONFIG_LOG: the guest's callback */
    uint64_t invoker; /* and the guest function that runs it */
};

#endif /* DLCALL_SQLITE_OPS_ARGS_H */
