/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest half of SQLite's logging (spec vaListTwins and opCodeVariadics). */
#include "fmt_guest.h"

/* sqlite3_log's va_list twin, which SQLite lacks: formatted and logged on the host. */
static void dlcall_sqlite3_vlog(int code, const char *fmt, va_list ap)
{
    dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_LOG, 0, NULL, code, fmt, ap);
}

/* SQLITE_CONFIG_LOG's callback: its message is on a host stack, so the guest gets a copy. */
static void dlcall_sqlite_log_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    char msg[1024];

    dlcall_copy_host_string(msg, (const char *)(uintptr_t)argv[2], sizeof(msg));
    ((void (*)(void *, int, const char *))(uintptr_t)fn)((void *)(uintptr_t)argv[0], (int)argv[1], msg);
    *ret = 0;
}
