/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ASN1_item_d2i: a guest-defined item goes to the host as its host version (guest_asn1_item.h). */
#include "guest_asn1_item.h"

ASN1_VALUE *ASN1_item_d2i(ASN1_VALUE **val, const unsigned char **in, long len, const ASN1_ITEM *it)
{
    struct dlcall_host_item copy;

    return ASN1_item_d2i_ex(val, in, len, dlcall_host_item(it, &copy), NULL, NULL);
}
