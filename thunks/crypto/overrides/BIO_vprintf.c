/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_vprintf: formatted on the guest (a va_list cannot cross), written with BIO_write. */
#include "guest_crypto.h"

int BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    int len;
    char *text = dlcall_vformat(format, args, &len);
    int ret;

    if (text == NULL) {
        return -1;
    }
    ret = len == 0 ? 0 : BIO_write(bio, text, len);
    free(text);
    return ret;
}
