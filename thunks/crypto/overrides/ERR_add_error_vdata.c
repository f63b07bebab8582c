/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ERR_add_error_vdata: the num strings (NULL as "<NULL>", like OpenSSL)
 * joined on the guest and appended to the error's data on the host.
 */
#include "guest_crypto.h"

void ERR_add_error_vdata(int num, va_list args)
{
    size_t len = 0;
    char *joined = malloc(1);

    if (joined == NULL) {
        return;
    }
    joined[0] = '\0';
    for (int i = 0; i < num; i++) {
        const char *a = va_arg(args, const char *);
        size_t n;
        char *grown;

        if (a == NULL) {
            a = "<NULL>";
        }
        n = dlcall_plain_strlen(a);
        grown = realloc(joined, len + n + 1);
        if (grown == NULL) {
            break;
        }
        joined = grown;
        dlcall_plain_copy(joined + len, a, n + 1);
        len += n;
    }
    ERR_add_error_txt(NULL, joined);
    free(joined);
}
