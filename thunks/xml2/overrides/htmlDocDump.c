/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int htmlDocDump(FILE *f, xmlDocPtr cur)
{
    return (int)dlcall_xml2_dump("dlcall_xml2_dump_htmlDocDump", f, DLCALL_XML2_PTR(cur), 0, 0);
}
