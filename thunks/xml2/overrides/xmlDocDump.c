/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int xmlDocDump(FILE *f, xmlDocPtr cur)
{
    return (int)dlcall_xml2_dump("dlcall_xml2_dump_xmlDocFormatDump", f, DLCALL_XML2_PTR(cur), 0, 0);
}
