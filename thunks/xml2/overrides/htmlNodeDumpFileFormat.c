/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int htmlNodeDumpFileFormat(FILE *out, xmlDocPtr doc, xmlNodePtr cur, const char *encoding, int format)
{
    return (int)dlcall_xml2_dump(format ? "dlcall_xml2_dump_htmlNodeDumpFileFormat" : "dlcall_xml2_dump_htmlNodeDumpFileFormatNo", out, DLCALL_XML2_PTR(doc), DLCALL_XML2_PTR(cur), DLCALL_XML2_PTR(encoding));
}
