/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_snprintf: sqlite formats on the host (fmt_guest.h). */
#include "fmt_guest.h"

char *(sqlite3_snprintf)(int n, char *buf, const char *fmt, ...)
{
    va_list ap;
    char *r;

    va_start(ap, fmt);
    r = dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_SNPRINTF, 0, buf, n, fmt, ap);
    va_end(ap);
    return r;
}
