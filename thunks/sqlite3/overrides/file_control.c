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
int (sqlite3_file_control)(sqlite3 *db, const char *zDbName, int op, void *arg)
{
    static dlcall_fn fn;
    struct { sqlite3 *db; const char *name; int op; void *arg; } a = { db, zDbName, op, arg };
    struct dlcall_frame frame = { .args = (uint64_t)(uintptr_t)&a };
    int r = SQLITE_ERROR;

    if (op == SQLITE_FCNTL_FILE_POINTER || op == SQLITE_FCNTL_JOURNAL_POINTER) {
        return SQLITE_NOTFOUND;
    }
    if (fn == NULL) {
        fn = dlcall__host_fn("dlcall_sqlite3_file_control");
    }
    frame.thunk = (uint64_t)(uintptr_t)fn;
    frame.ret = (uint64_t)(uintptr_t)&r;
    /* A file control reaches the VFS, which may be one the program registered. */
    dlcall_call_host(&dlcall__rt, &frame);
    if (op == SQLITE_FCNTL_VFS_POINTER && r == SQLITE_OK && arg != NULL) {
        *(sqlite3_vfs **)arg = dlcall__proxy_sqlite3_vfs(*(sqlite3_vfs **)arg);
    }
    return r;
}
