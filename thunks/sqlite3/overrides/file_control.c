/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sqlite3_file_control: the operations that hand out host objects.
 * SQLITE_FCNTL_VFS_POINTER gives the program the VFS proxy (its methods call
 * the host's, spec hostObjectRecords). SQLITE_FCNTL_FILE_POINTER and
 * SQLITE_FCNTL_JOURNAL_POINTER would give it a host sqlite3_file whose I/O
 * methods it cannot call (and whose methods the shell's .recover replaces
 * by its own, which the host cannot call): those answer SQLITE_NOTFOUND,
 * the documented "not implemented" result, and .recover goes without its
 * page-reading wrapper. Everything else is forwarded.
 */
#include "dlcall_stub.h"

int (sqlite3_file_control)(sqlite3 *db, const char *zDbName, int op, void *arg)
{
    int r;

    if (op == SQLITE_FCNTL_FILE_POINTER || op == SQLITE_FCNTL_JOURNAL_POINTER) {
        return SQLITE_NOTFOUND;
    }
    r = dlcall_sqlite3_file_control(db, zDbName, op, arg); /* spec guestCalls */
    if (op == SQLITE_FCNTL_VFS_POINTER && r == SQLITE_OK && arg != NULL) {
        *(sqlite3_vfs **)arg = dlcall__proxy_sqlite3_vfs(*(sqlite3_vfs **)arg);
    }
    return r;
}
