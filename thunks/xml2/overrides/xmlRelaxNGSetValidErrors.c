/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's generic error function stands for the guest's xmlGenericError; other guest
 * functions get a trampoline formatting on the host (errors_guest.c). */
void xmlRelaxNGSetValidErrors(xmlRelaxNGValidCtxtPtr ctxt, xmlRelaxNGValidityErrorFunc err, xmlRelaxNGValidityWarningFunc warn, void *ctx)
{
    dlcall_xml2_set_errors(DLCALL_XML2_RELAXNG_VALID, "xmlRelaxNGSetValidErrors", ctxt, (void *)err, (void *)warn, ctx);
}
