/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BIO_vsnprintf: guest vsnprintf with OpenSSL's result convention: the
 * length written, or -1 when the text did not fit (always NUL-terminated).
 */
#include "guest_crypto.h"

int BIO_vsnprintf(char *buf, size_t n, const char *format, va_list args)
{
    int len = vsnprintf(buf, n, format, args);

    return len < 0 || (size_t)len >= n ? -1 : len;
}
