/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ASN1_item_free: a guest-defined item goes to the host as its host version (guest_asn1_item.h). */
#include "guest_asn1_item.h"

void ASN1_item_free(ASN1_VALUE *val, const ASN1_ITEM *it)
{
    struct dlcall_host_item copy;

    ASN1_item_ex_free(&val, dlcall_host_item(it, &copy));
}
