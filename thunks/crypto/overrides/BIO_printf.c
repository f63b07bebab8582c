/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_printf: variadic, so formatted on the guest (see BIO_vprintf.c). */
int BIO_printf(BIO *bio, const char *format, ...)
{
    va_list args;
    int ret;

    va_start(args, format);
    ret = BIO_vprintf(bio, format, args);
    va_end(args);
    return ret;
}
