/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int xmlDebugCheckDocument(FILE *output, xmlDocPtr doc)
{
    return (int)dlcall_xml2_dump("dlcall_xml2_dump_xmlDebugCheckDocument", output ? output : stdout, DLCALL_XML2_PTR(doc), 0, 0);
}
