/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <libxml/xmlschemas.h>

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
