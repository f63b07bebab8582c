/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_str_appendf: sqlite formats on the host (fmt_guest.h). */
#include "fmt_guest.h"

void (sqlite3_str_appendf)(sqlite3_str *str, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_APPEND, (uint64_t)(uintptr_t)str, NULL, 0, fmt, ap);
    va_end(ap);
}
