/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The guest's FILE stays the guest's: its writes are guest code, libxml2's xmlFileWrite and xmlFileFlush. */
static int dlcall_xml2_file_write(void *context, const char *buffer, int len)
{
    if (context == NULL || buffer == NULL) {
        return -1;
    }
    return fwrite(buffer, 1, (size_t)len, (FILE *)context) == (size_t)len ? len : -1;
}

static int dlcall_xml2_file_flush(void *context)
{
    return context == NULL ? -1 : fflush((FILE *)context) == 0 ? 0 : -1;
}

xmlOutputBufferPtr xmlOutputBufferCreateFile(FILE *file, xmlCharEncodingHandlerPtr encoder)
{
    return file == NULL ? NULL : xmlOutputBufferCreateIO(dlcall_xml2_file_write, dlcall_xml2_file_flush, file, encoder);
}
