/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
void xmlDebugDumpDocument(FILE *output, xmlDocPtr doc)
{
    dlcall_xml2_dump("dlcall_xml2_dump_xmlDebugDumpDocument", output ? output : stdout, DLCALL_XML2_PTR(doc), 0, 0);
}
