/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
int xmlBufferDump(FILE *file, xmlBufferPtr buf)
{
    return (int)dlcall_xml2_dump("dlcall_xml2_dump_xmlBufferDump", file ? file : stdout, DLCALL_XML2_PTR(buf), 0, 0);
}
