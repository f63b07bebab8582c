/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host half of errors_guest.c: the guest's messages, and its error setters with host functions. */
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/parserInternals.h>

/* The guest's xmlGenericError(ctx, ...), formatted on the guest. */
void dlcall_xml2_print_error(void *args, void *ret)
{
    const uint64_t *a = args;

    (void)ret;
    xmlGenericError((void *)(uintptr_t)a[0], "%s", (const char *)(uintptr_t)a[1]);
}

/* a: which setter, its object, error and warning function (0 NULL, 1 the host's generic one), context. */
void dlcall_xml2_set_errors(void *args, void *ret)
{
    const uint64_t *a = args;
    void *obj = (void *)(uintptr_t)a[1], *ctx = (void *)(uintptr_t)a[4];
    xmlGenericErrorFunc err = a[2] ? xmlGenericError : NULL, warn = a[3] ? xmlGenericError : NULL;

    (void)ret;
    switch (a[0]) {
    case 0: xmlSchemaSetParserErrors(obj, err, warn, ctx); break;
    case 1: xmlSchemaSetValidErrors(obj, err, warn, ctx); break;
    case 2: xmlRelaxNGSetParserErrors(obj, err, warn, ctx); break;
    case 3: xmlRelaxNGSetValidErrors(obj, err, warn, ctx); break;
    /* The guest's xmlGenericError stays its forwarder; the host keeps its function, with the new context. */
    case 4: xmlSetGenericErrorFunc(ctx, err); break;
    case 5: xmlThrDefSetGenericErrorFunc(ctx, err); break;
    }
}

/* The current entity loader: a guest function when it is one of dlcall's trampolines. */
void dlcall_xml2_get_loader(void *args, void *ret)
{
    xmlExternalEntityLoader f = xmlGetExternalEntityLoader();
    uint64_t *r = ret, g = dlcall_rt_guest_fn((const void *)f);

    (void)args;
    r[0] = g;
    r[1] = g != (uint64_t)(uintptr_t)f;
}

/* a: the host loader, URL, ID, parser context. */
void dlcall_xml2_call_loader(void *args, void *ret)
{
    const uint64_t *a = args;
    xmlExternalEntityLoader f = (xmlExternalEntityLoader)(uintptr_t)a[0];

    *(xmlParserInputPtr *)ret = f((const char *)(uintptr_t)a[1], (const char *)(uintptr_t)a[2],
                                  (xmlParserCtxtPtr)(uintptr_t)a[3]);
}
