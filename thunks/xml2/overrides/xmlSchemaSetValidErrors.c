/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's generic error function stands for the guest's xmlGenericError; other guest
 * functions get a trampoline formatting on the host (errors_guest.c). */
void xmlSchemaSetValidErrors(xmlSchemaValidCtxtPtr ctxt, xmlSchemaValidityErrorFunc err, xmlSchemaValidityWarningFunc warn, void *ctx)
{
    dlcall_xml2_set_errors(DLCALL_XML2_SCHEMA_VALID, "xmlSchemaSetValidErrors", ctxt, (void *)err, (void *)warn, ctx);
}
