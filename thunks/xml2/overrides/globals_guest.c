/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's exported data (spec dataSymbols), defined by the stub.
 *
 * xmlFree, xmlMalloc, xmlMallocAtomic, xmlRealloc and xmlMemStrdup are
 * function pointers programs call (xmllint's xmlFree(result)): here they
 * hold guest functions (spec guestCalls) running the host library's current
 * allocator, the spec's guestHeap. The character tables are the host's
 * values, copied at load; the strings and the XPath constants are libxml2's fixed values.
 * Everything else libxml2 exports as data is, in its headers, a macro
 * calling a __xml* accessor (LIBXML_THREAD_ENABLED): programs never bind
 * to those symbols, and the accessors are forwarded (or overridden:
 * __xmlGenericError, errors_guest.c and spec guestAnswers).
 */
#include <math.h>

/* The spec's guestCalls: the host library's current allocator. */
xmlFreeFunc xmlFree = dlcall_xml2_free;
xmlMallocFunc xmlMalloc = dlcall_xml2_malloc;
xmlMallocFunc xmlMallocAtomic = dlcall_xml2_malloc_atomic;
xmlReallocFunc xmlRealloc = dlcall_xml2_realloc;
xmlStrdupFunc xmlMemStrdup = dlcall_xml2_strdup;

const xmlChar xmlStringText[] = "text";
const xmlChar xmlStringTextNoenc[] = "textnoenc";
const xmlChar xmlStringComment[] = "comment";

double xmlXPathNAN = NAN;
double xmlXPathPINF = INFINITY;
double xmlXPathNINF = -INFINITY;

/* const in the headers, filled at load: in a writable section, never in relro. */
#define DLCALL_XML2_FILLED __attribute__((section(".data.dlcall_xml2")))
const unsigned char xmlIsPubidChar_tab[256] DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsBaseCharGroup DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsCharGroup DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsCombiningGroup DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsDigitGroup DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsExtenderGroup DLCALL_XML2_FILLED = { 0 };
const xmlChRangeGroup xmlIsIdeographicGroup DLCALL_XML2_FILLED = { 0 };

static void dlcall_xml2_fill_tables(void)
{
    xmlChRangeGroup *groups[] = { (xmlChRangeGroup *)&xmlIsBaseCharGroup, (xmlChRangeGroup *)&xmlIsCharGroup,
                                  (xmlChRangeGroup *)&xmlIsCombiningGroup, (xmlChRangeGroup *)&xmlIsDigitGroup,
                                  (xmlChRangeGroup *)&xmlIsExtenderGroup, (xmlChRangeGroup *)&xmlIsIdeographicGroup };
    uint8_t buf[256 + 6 * sizeof(xmlChRangeGroup)];

    dlcall_invoke(dlcall__host_fn("dlcall_xml2_tables"), NULL, buf);
    memcpy((void *)xmlIsPubidChar_tab, buf, 256);
    for (int i = 0; i < 6; i++) {
        memcpy(groups[i], buf + 256 + i * sizeof(xmlChRangeGroup), sizeof(xmlChRangeGroup));
    }
}
