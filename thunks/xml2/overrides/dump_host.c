/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of dump_guest.c: a function that prints to a FILE * prints to a
 * host memory stream instead; the guest writes the text to its own FILE.
 */
#include <libxml/tree.h>
#include <libxml/HTMLtree.h>
#include <libxml/debugXML.h>

struct dlcall_xml2_dump {
    uint64_t a[3];
    char *text;
    size_t len;
    int64_t ret;
};

#define DLCALL_XML2_DUMP(name, call)                             \
    void dlcall_xml2_dump_##name(void *args, void *ret)          \
    {                                                            \
        struct dlcall_xml2_dump *d = args;                       \
        const uint64_t *a = d->a;                                \
        FILE *f = open_memstream(&d->text, &d->len);             \
                                                                 \
        (void)ret; (void)a;                                      \
        if (f == NULL) {                                         \
            d->text = NULL; d->len = 0; d->ret = -1;             \
            return;                                              \
        }                                                        \
        d->ret = (int64_t)(call);                                \
        fclose(f);                                               \
    }

#define P(i, T) ((T)(uintptr_t)a[i])
DLCALL_XML2_DUMP(xmlDocFormatDump, xmlDocFormatDump(f, P(0, xmlDocPtr), (int)a[1]))
DLCALL_XML2_DUMP(htmlDocDump, htmlDocDump(f, P(0, xmlDocPtr)))
DLCALL_XML2_DUMP(xmlElemDump, (xmlElemDump(f, P(0, xmlDocPtr), P(1, xmlNodePtr)), 0))
DLCALL_XML2_DUMP(htmlNodeDumpFileFormat, htmlNodeDumpFileFormat(f, P(0, xmlDocPtr), P(1, xmlNodePtr), P(2, const char *), 1))
DLCALL_XML2_DUMP(htmlNodeDumpFileFormatNo, htmlNodeDumpFileFormat(f, P(0, xmlDocPtr), P(1, xmlNodePtr), P(2, const char *), 0))
DLCALL_XML2_DUMP(htmlNodeDumpFile, (htmlNodeDumpFile(f, P(0, xmlDocPtr), P(1, xmlNodePtr)), 0))
DLCALL_XML2_DUMP(xmlDebugDumpDocument, (xmlDebugDumpDocument(f, P(0, xmlDocPtr)), 0))
DLCALL_XML2_DUMP(xmlDebugDumpDocumentHead, (xmlDebugDumpDocumentHead(f, P(0, xmlDocPtr)), 0))
DLCALL_XML2_DUMP(xmlDebugDumpEntities, (xmlDebugDumpEntities(f, P(0, xmlDocPtr)), 0))
DLCALL_XML2_DUMP(xmlDebugDumpDTD, (xmlDebugDumpDTD(f, P(0, xmlDtdPtr)), 0))
DLCALL_XML2_DUMP(xmlDebugDumpNode, (xmlDebugDumpNode(f, P(0, xmlNodePtr), (int)a[1]), 0))
DLCALL_XML2_DUMP(xmlDebugDumpNodeList, (xmlDebugDumpNodeList(f, P(0, xmlNodePtr), (int)a[1]), 0))
DLCALL_XML2_DUMP(xmlDebugDumpOneNode, (xmlDebugDumpOneNode(f, P(0, xmlNodePtr), (int)a[1]), 0))
DLCALL_XML2_DUMP(xmlDebugDumpString, (xmlDebugDumpString(f, P(0, const xmlChar *)), 0))
DLCALL_XML2_DUMP(xmlDebugCheckDocument, xmlDebugCheckDocument(f, P(0, xmlDocPtr)))
DLCALL_XML2_DUMP(xmlBufferDump, xmlBufferDump(f, P(0, xmlBufferPtr)))
#undef P

/* The memory stream's text, once the guest has its copy. */
void dlcall_xml2_dump_free(void *args, void *ret)
{
    (void)ret;
    free((void *)(uintptr_t)((const uint64_t *)args)[0]);
}
