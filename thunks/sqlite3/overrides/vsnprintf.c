/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_vsnprintf: sqlite formats on the host (fmt_guest.h). */
#include "fmt_guest.h"

char *(sqlite3_vsnprintf)(int n, char *buf, const char *fmt, va_list ap)
{
    return dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_SNPRINTF, 0, buf, n, fmt, ap);
}
