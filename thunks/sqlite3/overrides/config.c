/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sqlite3_config: each operation's arguments by its documented shape. The
 * ones that install guest methods the library would call from anywhere
 * (allocator, mutexes, page cache) cannot work and say so.
 */
#include <stdarg.h>

#include "ops_guest.h"

/* The log callback: its message is on a host stack, so the guest gets a copy. */
static void dlcall_sqlite_invoke_log(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    char msg[1024];

    dlcall_copy_host_string(msg, (const char *)(uintptr_t)argv[2], sizeof(msg));
    ((void (*)(void *, int, const char *))(uintptr_t)fn)((void *)(uintptr_t)argv[0], (int)argv[1], msg);
    *ret = 0;
}

int (sqlite3_config)(int op, ...)
{
    struct dlcall_sqlite_ops a = { .fn = DLCALL_SQLITE_CONFIG, .op = op };
    va_list ap;

    va_start(ap, op);
    switch (op) {
    case SQLITE_CONFIG_SINGLETHREAD: case SQLITE_CONFIG_MULTITHREAD: case SQLITE_CONFIG_SERIALIZED:
        break;
    case SQLITE_CONFIG_MEMSTATUS: case SQLITE_CONFIG_URI: case SQLITE_CONFIG_COVERING_INDEX_SCAN:
    case SQLITE_CONFIG_WIN32_HEAPSIZE: case SQLITE_CONFIG_PMASZ: case SQLITE_CONFIG_STMTJRNL_SPILL:
    case SQLITE_CONFIG_SMALL_MALLOC: case SQLITE_CONFIG_SORTERREF_SIZE: case SQLITE_CONFIG_PCACHE_HDRSZ:
    case SQLITE_CONFIG_MEMDB_MAXSIZE:
        dlcall_sqlite_op_args(&a, 1, &ap);
        break;
    case SQLITE_CONFIG_LOOKASIDE: case SQLITE_CONFIG_MMAP_SIZE:
        dlcall_sqlite_op_args(&a, 2, &ap);
        break;
    case SQLITE_CONFIG_PAGECACHE: case SQLITE_CONFIG_HEAP:
        dlcall_sqlite_op_args(&a, 3, &ap);
        break;
    case SQLITE_CONFIG_LOG:
        a.cb = (uint64_t)(uintptr_t)va_arg(ap, void *);
        a.gp[0] = (int64_t)(uintptr_t)va_arg(ap, void *);
        a.invoker = (uint64_t)(uintptr_t)dlcall_sqlite_invoke_log;
        break;
    case SQLITE_CONFIG_MALLOC: case SQLITE_CONFIG_GETMALLOC: case SQLITE_CONFIG_MUTEX:
    case SQLITE_CONFIG_GETMUTEX: case SQLITE_CONFIG_PCACHE: case SQLITE_CONFIG_GETPCACHE:
    case SQLITE_CONFIG_PCACHE2: case SQLITE_CONFIG_GETPCACHE2: case SQLITE_CONFIG_SQLLOG:
        dlcall_sqlite_op_unavailable("sqlite3_config", op,
            "guest allocator, mutex or page-cache methods would run inside every host call");
        break;
    default: /* unknown: the library answers SQLITE_ERROR without reading arguments */
        break;
    }
    va_end(ap);
    return dlcall_sqlite_ops_call(&a, 1);
}
