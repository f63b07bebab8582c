/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ASN1_item_i2d: a guest-defined item goes to the host as its host version
 * (guest_asn1_item.h). ASN1_item_ex_i2d does the encoding; the allocation
 * for *out == NULL is ASN1_item_i2d's own (OpenSSL's asn1_item_flags_i2d).
 */
#include "guest_asn1_item.h"

int ASN1_item_i2d(const ASN1_VALUE *val, unsigned char **out, const ASN1_ITEM *it)
{
    struct dlcall_host_item copy;
    const ASN1_ITEM *host = dlcall_host_item(it, &copy);
    unsigned char *buf, *p;
    int len;

    if (out == NULL || *out != NULL) {
        return ASN1_item_ex_i2d(&val, out, host, -1, 0);
    }
    len = ASN1_item_ex_i2d(&val, NULL, host, -1, 0);
    if (len <= 0) {
        return len;
    }
    buf = OPENSSL_malloc(len);
    if (buf == NULL) {
        return -1;
    }
    p = buf;
    ASN1_item_ex_i2d(&val, &p, host, -1, 0);
    *out = buf;
    return len;
}
