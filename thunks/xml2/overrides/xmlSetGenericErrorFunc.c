/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NULL restores libxml2's default on both sides; the guest's forwarder keeps the host's function;
 * a guest handler is the guest's xmlGenericError and, through a trampoline, the host's. */
void xmlSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)
{
    dlcall_xml2_set_errors(DLCALL_XML2_GENERIC, "xmlSetGenericErrorFunc", NULL, (void *)handler, NULL, ctx);
    dlcall_xml2_generic_error_var = handler != NULL ? handler : dlcall_xml2_generic_error;
}
