/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ERR_vset_error: the host sets library and reason (ERR_set_error with no
 * format), the guest formats the data, which the host then owns as
 * ERR_TXT_MALLOCED text: what the real function stores.
 */
#include "guest_crypto.h"

void ERR_vset_error(int lib, int reason, const char *fmt, va_list args)
{
    int len;
    char *text;

    dlcall_fixed_ERR_set_error(lib, reason, NULL);
    if (fmt == NULL || (text = dlcall_vformat(fmt, args, &len)) == NULL) {
        return;
    }
    /* CRYPTO_strdup copies into host memory the host may free. */
    ERR_set_error_data(CRYPTO_strdup(text, OPENSSL_FILE, OPENSSL_LINE),
                       ERR_TXT_MALLOCED | ERR_TXT_STRING);
    free(text);
}
