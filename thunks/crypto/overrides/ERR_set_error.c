/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ERR_set_error: variadic, so formatted on the guest (see ERR_vset_error.c). */
void ERR_set_error(int lib, int reason, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    ERR_vset_error(lib, reason, fmt, args);
    va_end(args);
}
