/* SPDX-License-Identifier: GPL-2.0-or-later */
/* As xmlSetGenericErrorFunc.c, for the default of threads created later. */
void xmlThrDefSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)
{
    dlcall_xml2_set_errors(DLCALL_XML2_THRDEF_GENERIC, "xmlThrDefSetGenericErrorFunc", NULL, (void *)handler, NULL, ctx);
}
