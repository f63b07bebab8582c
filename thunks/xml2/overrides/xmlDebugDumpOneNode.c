/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
void xmlDebugDumpOneNode(FILE *output, xmlNodePtr node, int depth)
{
    dlcall_xml2_dump("dlcall_xml2_dump_xmlDebugDumpOneNode", output ? output : stdout, DLCALL_XML2_PTR(node), (uint64_t)depth, 0);
}
