/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
void xmlDebugDumpString(FILE *output, const xmlChar *str)
{
    dlcall_xml2_dump("dlcall_xml2_dump_xmlDebugDumpString", output ? output : stdout, DLCALL_XML2_PTR(str), 0, 0);
}
