/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host half of xpath_guest.c: a guest function lookup and the guest XPath functions it returns. */
#include <dlfcn.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>

static uint64_t dlcall_xml2_xpath_fn_invoker;

static void dlcall_xml2_xpath_fn_entry(xmlXPathParserContextPtr ctxt, int nargs)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[2] = { (uint64_t)(uintptr_t)ctxt, (uint64_t)(int64_t)nargs };

    dlcall_rt_callback(t, argv, 2);
}

static xmlXPathFunction dlcall_xml2_lookup_entry(void *ctxt, const xmlChar *name, const xmlChar *ns_uri)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[3] = { (uint64_t)(uintptr_t)ctxt, (uint64_t)(uintptr_t)name, (uint64_t)(uintptr_t)ns_uri };
    uint64_t g = dlcall_rt_callback(t, argv, 3);
    Dl_info info;

    /* NULL, one of dlcall's trampolines, or host code: the host calls it as it is. */
    if (g == 0 || dlcall_rt_guest_fn((const void *)(uintptr_t)g) != g || dladdr((void *)(uintptr_t)g, &info) != 0) {
        return (xmlXPathFunction)(uintptr_t)g;
    }
    return (xmlXPathFunction)dlcall_rt_trampoline(g, dlcall_xml2_xpath_fn_invoker, (void *)dlcall_xml2_xpath_fn_entry,
                                                  "xml2: xmlXPathFunction (from a function lookup)");
}

/* a: context, guest lookup function, its context, the guest invokers of the lookup and of XPath functions. */
void dlcall_xml2_register_lookup(void *args, void *ret)
{
    const uint64_t *a = args;
    xmlXPathFuncLookupFunc f = NULL;

    (void)ret;
    dlcall_xml2_xpath_fn_invoker = a[4];
    if (a[1] != 0) {
        f = (xmlXPathFuncLookupFunc)dlcall_rt_trampoline(a[1], a[3], (void *)dlcall_xml2_lookup_entry,
                                                         "xml2: xmlXPathRegisterFuncLookup(f)");
    }
    xmlXPathRegisterFuncLookup((xmlXPathContextPtr)(uintptr_t)a[0], f, (void *)(uintptr_t)a[2]);
}

/*
 * xmlSchemaSAXPlug (lxml's XMLParser(schema=...)) keeps the parser's SAX handler,
 * lxml's guest functions among its fields, and calls them from the plug's own
 * handlers: they become trampolines in place (xmlSchemaSAXUnplug puts that
 * struct back as ctxt->sax, trampolines included, which host calls use as they are).
 */
xmlSchemaSAXPlugPtr dlcall_xml2_schema_sax_plug(xmlSchemaValidCtxtPtr ctxt, xmlSAXHandlerPtr *sax, void **user_data)
{
    if (sax != NULL && *sax != NULL) {
        dlcall__wrap_fields__xmlSAXHandler(*sax);
    }
    return xmlSchemaSAXPlug(ctxt, sax, user_data);
}
