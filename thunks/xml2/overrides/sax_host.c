/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser contexts the guest gets hold SAX handlers it reads by field: lxml's
 * iterparse and parser targets save ctxt->sax->startElementNs... and call them
 * from their own handlers. The host's SAX2 functions cannot run in the guest,
 * so the guest sees the stub's functions of the same names (a context's
 * constructor rewrites its handler, spec hostCalls), and whenever the host gets
 * a handler back (a callback copy, a callback argument) those are the host's
 * functions again (dlcall_xml2_host_equivalent, called by dlcall__wrap): no
 * round trip through the guest for the library's own handlers.
 */
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include "sax_names.h"

#define DLCALL_XML2_HOST_FN(f) (void *)f,
static void *const dlcall_xml2_sax_host[] = { DLCALL_XML2_SAX_FUNCTIONS(DLCALL_XML2_HOST_FN) };
#undef DLCALL_XML2_HOST_FN
#define DLCALL_XML2_SAX_COUNT (sizeof(dlcall_xml2_sax_host) / sizeof(dlcall_xml2_sax_host[0]))
static void *dlcall_xml2_sax_guest[DLCALL_XML2_SAX_COUNT];

/* args: the stub's functions, in sax_names.h's order (the stub's start). */
void dlcall_xml2_sax_equivalents(void *args, void *ret)
{
    const uint64_t *a = args;

    (void)ret;
    for (size_t i = 0; i < DLCALL_XML2_SAX_COUNT; i++) {
        dlcall_xml2_sax_guest[i] = (void *)(uintptr_t)a[i];
    }
}

void *dlcall_xml2_host_equivalent(void *fn)
{
    for (size_t i = 0; i < DLCALL_XML2_SAX_COUNT; i++) {
        if (dlcall_xml2_sax_guest[i] == fn) {
            return dlcall_xml2_sax_host[i];
        }
    }
    return NULL;
}

static void *dlcall_xml2_guest_equivalent(void *fn)
{
    for (size_t i = 0; i < DLCALL_XML2_SAX_COUNT; i++) {
        if (dlcall_xml2_sax_host[i] == fn && dlcall_xml2_sax_guest[i] != NULL) {
            return dlcall_xml2_sax_guest[i];
        }
    }
    return fn;
}

static xmlParserCtxtPtr dlcall_xml2_guest_view(xmlParserCtxtPtr ctxt)
{
    if (ctxt != NULL && ctxt->sax != NULL) {
        xmlSAXHandlerPtr s = ctxt->sax;
#define DLCALL_XML2_FIELD(f) s->f = (__typeof__(s->f))dlcall_xml2_guest_equivalent((void *)s->f);
        DLCALL_XML2_SAX_FIELDS(DLCALL_XML2_FIELD)
#undef DLCALL_XML2_FIELD
    }
    return ctxt;
}

/* The constructors of the contexts programs get (spec hostCalls). */
xmlParserCtxtPtr dlcall_xml2_new_parser_ctxt(void)
{
    return dlcall_xml2_guest_view(xmlNewParserCtxt());
}

xmlParserCtxtPtr dlcall_xml2_create_push_parser_ctxt(xmlSAXHandlerPtr sax, void *user_data, const char *chunk, int size,
                                                     const char *filename)
{
    return dlcall_xml2_guest_view(xmlCreatePushParserCtxt(sax, user_data, chunk, size, filename));
}

htmlParserCtxtPtr dlcall_xml2_html_create_push_parser_ctxt(htmlSAXHandlerPtr sax, void *user_data, const char *chunk,
                                                           int size, const char *filename, xmlCharEncoding enc)
{
    return dlcall_xml2_guest_view(htmlCreatePushParserCtxt(sax, user_data, chunk, size, filename, enc));
}

htmlParserCtxtPtr dlcall_xml2_html_create_memory_parser_ctxt(const char *buffer, int size)
{
    return dlcall_xml2_guest_view(htmlCreateMemoryParserCtxt(buffer, size));
}

xmlParserCtxtPtr dlcall_xml2_create_memory_parser_ctxt(const char *buffer, int size)
{
    return dlcall_xml2_guest_view(xmlCreateMemoryParserCtxt(buffer, size));
}

htmlParserCtxtPtr dlcall_xml2_html_new_parser_ctxt(void)
{
    return dlcall_xml2_guest_view(htmlNewParserCtxt());
}
