/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's exported data (spec dataSymbols), defined by the stub.
 *
 * xmlFree, xmlMalloc, xmlMallocAtomic, xmlRealloc and xmlMemStrdup are
 * function pointers programs call (xmllint's xmlFree(result)): here they
 * hold guest functions running the host library's current allocator, which
 * is heap_host.c's. The character tables are the host's values, copied at
 * load; the strings and the XPath constants are libxml2's fixed values.
 * Everything else libxml2 exports as data is, in its headers, a macro
 * calling a __xml* accessor (LIBXML_THREAD_ENABLED): programs never bind
 * to those symbols, and the accessors are forwarded (or overridden:
 * __xmlGenericError, errors_guest.c and spec guestAnswers).
 */
#include <math.h>

static void dlcall_xml2_guest_free(void *p)
{
    uint64_t a[1] = { (uint64_t)(uintptr_t)p };

    dlcall_invoke_fast(dlcall_xml2_free_fn, a, NULL);
}

static void *dlcall_xml2_guest_malloc(size_t n)
{
    uint64_t a[1] = { n };
    void *r = NULL;

    dlcall_invoke_fast(dlcall_xml2_malloc_fn, a, &r);
    return r;
}

static void *dlcall_xml2_guest_malloc_atomic(size_t n)
{
    uint64_t a[1] = { n };
    void *r = NULL;

    dlcall_invoke_fast(dlcall_xml2_malloc_atomic_fn, a, &r);
    return r;
}

static void *dlcall_xml2_guest_realloc(void *p, size_t n)
{
    uint64_t a[2] = { (uint64_t)(uintptr_t)p, n };
    void *r = NULL;

    dlcall_invoke_fast(dlcall_xml2_realloc_fn, a, &r);
    return r;
}

static char *dlcall_xml2_guest_strdup(const char *s)
{
    uint64_t a[1] = { (uint64_t)(uintptr_t)s };
    char *r = NULL;

    dlcall_invoke_fast(dlcall_xml2_strdup_fn, a, &r);
    return r;
}

xmlFreeFunc xmlFree = dlcall_xml2_guest_free;
xmlMallocFunc xmlMalloc = dlcall_xml2_guest_malloc;
xmlMallocFunc xmlMallocAtomic = dlcall_xml2_guest_malloc_atomic;
xmlReallocFunc xmlRealloc = dlcall_xml2_guest_realloc;
xmlStrdupFunc xmlMemStrdup = dlcall_xml2_guest_strdup;

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
