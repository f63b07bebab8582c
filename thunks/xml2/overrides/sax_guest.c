/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The stub's own SAX2 functions, handed to the host at load (sax_host.c). */
#include "sax_names.h"

static void dlcall_xml2_sax_register(void)
{
#define DLCALL_XML2_GUEST_FN(f) (uint64_t)(uintptr_t)f,
    uint64_t guest[] = { DLCALL_XML2_SAX_FUNCTIONS(DLCALL_XML2_GUEST_FN) };
#undef DLCALL_XML2_GUEST_FN

    dlcall_invoke(dlcall__host_fn("dlcall_xml2_sax_equivalents"), guest, NULL);
}
