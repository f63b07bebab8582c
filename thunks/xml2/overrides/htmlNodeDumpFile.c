/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
void htmlNodeDumpFile(FILE *out, xmlDocPtr doc, xmlNodePtr cur)
{
    dlcall_xml2_dump("dlcall_xml2_dump_htmlNodeDumpFile", out, DLCALL_XML2_PTR(doc), DLCALL_XML2_PTR(cur), 0);
}
