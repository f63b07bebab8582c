/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_snprintf: variadic, so formatted on the guest (see BIO_vsnprintf.c). */
int BIO_snprintf(char *buf, size_t n, const char *format, ...)
{
    va_list args;
    int ret;

    va_start(args, format);
    ret = BIO_vsnprintf(buf, n, format, args);
    va_end(args);
    return ret;
}
