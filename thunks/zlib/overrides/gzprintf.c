/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gzprintf: formatted on the guest by gzvprintf (overrides/gzvprintf.c). */
int ZEXPORTVA (gzprintf)(gzFile file, const char *format, ...)
{
    va_list va;
    int ret;

    va_start(va, format);
    ret = (gzvprintf)(file, format, va);
    va_end(va);
    return ret;
}
