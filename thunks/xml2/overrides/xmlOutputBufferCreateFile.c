/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printed on the host to memory, written to the guest's FILE (dump_guest.c). */
xmlOutputBufferPtr xmlOutputBufferCreateFile(FILE *file, xmlCharEncodingHandlerPtr encoder)
{
    return file == NULL ? NULL : xmlOutputBufferCreateIO(dlcall_xml2_file_write, dlcall_xml2_file_flush, file, encoder);
}
