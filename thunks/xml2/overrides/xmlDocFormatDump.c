/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int xmlDocFormatDump(FILE *f, xmlDocPtr cur, int format)
{
    return (int)dlcall_xml2_dump("dlcall_xml2_dump_xmlDocFormatDump", f, DLCALL_XML2_PTR(cur), (uint64_t)format, 0);
}
