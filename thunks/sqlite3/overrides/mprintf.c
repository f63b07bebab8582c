/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sqlite3_mprintf: sqlite formats on the host (fmt_guest.h). */
#include "fmt_guest.h"

char *(sqlite3_mprintf)(const char *fmt, ...)
{
    va_list ap;
    char *r;

    va_start(ap, fmt);
    r = dlcall_sqlite_vformat(DLCALL_SQLITE_FMT_MPRINTF, 0, NULL, 0, fmt, ap);
    va_end(ap);
    return r;
}
