/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sqlite3_str_vappendf: @str is a host object, so the real guest library
 * formats the text (spec runInGuestLibrary, sqlite3_vmprintf) and the host
 * appends it. A failed format leaves @str as it was, as before.
 */
#include "dlcall_stub.h"

void (sqlite3_str_vappendf)(sqlite3_str *str, const char *fmt, va_list ap)
{
    char *text = sqlite3_vmprintf(fmt, ap);

    if (text != NULL) {
        sqlite3_str_appendall(str, text);
        sqlite3_free(text);
    }
}
