/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_log: formatted and logged on the host, which may call the guest's log callback. */
#include "fmt_guest.h"

void (sqlite3_log)(int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_LOG, 0, NULL, code, fmt, ap);
    va_end(ap);
}
