/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
void xmlDebugDumpDTD(FILE *output, xmlDtdPtr dtd)
{
    dlcall_xml2_dump("dlcall_xml2_dump_xmlDebugDumpDTD", output ? output : stdout, DLCALL_XML2_PTR(dtd), 0, 0);
}
