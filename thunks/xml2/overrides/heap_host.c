/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's memory, on the host, in pages the guest mapped (spec guestHeap).
 *
 * Programs keep what libxml2 allocates: trees they walk by field, strings
 * they xmlFree, and buffers they write(2) themselves (xmllint's --c14n and
 * --memory output from xmlDocDumpMemory). Host malloc'd pages are unknown to
 * QEMU: plain guest loads reach them, but a guest syscall on them fails with
 * EFAULT and aarch64 glibc's SVE string functions fault. So libxml2
 * allocates from the guest-mapped heap of the host runtime (dlcall_host.h),
 * installed with xmlGcMemSetup (spec guestHeap) before the program can call
 * libxml2.
 */
#include <libxml/xmlmemory.h>
#include <libxml/globals.h>
#include <libxml/chvalid.h>

static char *dlcall_xheap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = dlcall_rt_heap_alloc(n); /* NULL: libxml2 reports XML_ERR_NO_MEMORY */

    if (r != NULL) {
        memcpy(r, s, n);
    }
    return r;
}

/* The character-class tables chvalid.h exports as data, for the guest's copies: 256 bytes of
 * xmlIsPubidChar_tab, then the six range groups (their range arrays stay the host's: plain loads). */
void dlcall_xml2_tables(void *args, void *ret)
{
    const xmlChRangeGroup *groups[] = { &xmlIsBaseCharGroup, &xmlIsCharGroup, &xmlIsCombiningGroup,
                                        &xmlIsDigitGroup, &xmlIsExtenderGroup, &xmlIsIdeographicGroup };
    uint8_t *out = ret;

    (void)args;
    memcpy(out, xmlIsPubidChar_tab, 256);
    for (int i = 0; i < 6; i++) {
        memcpy(out + 256 + i * sizeof(xmlChRangeGroup), groups[i], sizeof(xmlChRangeGroup));
    }
}
