/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest half of SQLite's logging (spec vaListTwins and opCodeVariadics). */
#include "dlcall_stub.h"

/* sqlite3_log's va_list twin, which SQLite lacks: formatted by the real guest library into a
 * buffer of sqlite3_log's own size (SQLITE_PRINT_BUF_SIZE * 3), logged by the host. */
void dlcall_sqlite3_vlog(int code, const char *fmt, va_list ap)
{
    char msg[70 * 3];

    sqlite3_vsnprintf(sizeof(msg), msg, fmt, ap);
    dlcall_sqlite3_log_text(code, msg); /* spec guestCalls */
}

/* SQLITE_CONFIG_LOG's callback: its message is on a host stack, so the guest gets a copy. */
void dlcall_sqlite_log_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    char msg[1024];

    dlcall_copy_host_string(msg, (const char *)(uintptr_t)argv[2], sizeof(msg));
    ((void (*)(void *, int, const char *))(uintptr_t)fn)((void *)(uintptr_t)argv[0], (int)argv[1], msg);
    *ret = 0;
}
