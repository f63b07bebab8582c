/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's memory, on the host, in pages the guest mapped (init_guest.c).
 *
 * Programs keep what libxml2 allocates: trees they walk by field, strings
 * they xmlFree, and buffers they write(2) themselves (xmllint's --c14n and
 * --memory output from xmlDocDumpMemory). Host malloc'd pages are unknown to
 * QEMU: plain guest loads reach them, but a guest syscall on them fails with
 * EFAULT and aarch64 glibc's SVE string functions fault. So libxml2
 * allocates from a region the guest mmap'd: a size-class allocator
 * (power-of-two classes, a free list each, bump allocation from the
 * region), installed with xmlMemSetup before the program can call libxml2.
 * (SQLite's heap_host.c does the same through SQLITE_CONFIG_MALLOC.)
 */
#include <pthread.h>
#include <libxml/xmlmemory.h>
#include <libxml/globals.h>
#include <libxml/chvalid.h>

#define DLCALL_XHEAP_MIN_SHIFT 5  /* 32-byte blocks */
#define DLCALL_XHEAP_CLASSES 44
#define DLCALL_XHEAP_HDR 16       /* keeps 16-byte alignment */

static pthread_mutex_t dlcall_xheap_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *dlcall_xheap_base, *dlcall_xheap_next, *dlcall_xheap_end;

/*
 * Not every pointer libxml2 frees came from here: a parser context's sax
 * handler is, during a call, the thunk's host copy of it with trampolines
 * (the generator's callback copies, kept for the process), and
 * xmlFreeParserCtxt frees it. Such a pointer is left alone.
 */
static int dlcall_xheap_owns(const void *q)
{
    return (const uint8_t *)q >= dlcall_xheap_base + DLCALL_XHEAP_HDR && (const uint8_t *)q < dlcall_xheap_next;
}
static void *dlcall_xheap_free[DLCALL_XHEAP_CLASSES];

static int dlcall_xheap_class(size_t n)
{
    int c = 0;

    while (c < DLCALL_XHEAP_CLASSES && ((size_t)1 << (c + DLCALL_XHEAP_MIN_SHIFT)) - DLCALL_XHEAP_HDR < n) {
        c++;
    }
    return c;
}

static size_t dlcall_xheap_usable(const void *q)
{
    int c = (int)*(const uint64_t *)((const uint8_t *)q - DLCALL_XHEAP_HDR);

    return ((size_t)1 << (c + DLCALL_XHEAP_MIN_SHIFT)) - DLCALL_XHEAP_HDR;
}

static void *dlcall_xheap_malloc(size_t n)
{
    int c = dlcall_xheap_class(n > 0 ? n : 1);
    size_t block;
    uint8_t *p;

    if (c >= DLCALL_XHEAP_CLASSES) {
        return NULL;
    }
    block = (size_t)1 << (c + DLCALL_XHEAP_MIN_SHIFT);
    pthread_mutex_lock(&dlcall_xheap_lock);
    p = dlcall_xheap_free[c];
    if (p != NULL) {
        dlcall_xheap_free[c] = *(void **)(p + DLCALL_XHEAP_HDR);
    } else if ((size_t)(dlcall_xheap_end - dlcall_xheap_next) >= block) {
        p = dlcall_xheap_next;
        dlcall_xheap_next += block;
    }
    pthread_mutex_unlock(&dlcall_xheap_lock);
    if (p == NULL) {
        return NULL; /* libxml2 reports XML_ERR_NO_MEMORY */
    }
    *(uint64_t *)p = (uint64_t)c;
    return p + DLCALL_XHEAP_HDR;
}

static void dlcall_xheap_release(void *q)
{
    uint8_t *p;
    int c;

    if (q == NULL || !dlcall_xheap_owns(q)) {
        return;
    }
    p = (uint8_t *)q - DLCALL_XHEAP_HDR;
    c = (int)*(uint64_t *)p;
    pthread_mutex_lock(&dlcall_xheap_lock);
    *(void **)q = dlcall_xheap_free[c];
    dlcall_xheap_free[c] = p;
    pthread_mutex_unlock(&dlcall_xheap_lock);
}

static void *dlcall_xheap_realloc(void *q, size_t n)
{
    void *r;

    if (q == NULL) {
        return dlcall_xheap_malloc(n);
    }
    if (!dlcall_xheap_owns(q)) {
        fprintf(stderr, "dlcall: libxml2.so.2: xmlRealloc of memory the library did not allocate (%p)\n", q);
        abort();
    }
    if (n <= dlcall_xheap_usable(q)) {
        return q;
    }
    r = dlcall_xheap_malloc(n);
    if (r != NULL) {
        memcpy(r, q, dlcall_xheap_usable(q));
        dlcall_xheap_release(q);
    }
    return r;
}

static char *dlcall_xheap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = dlcall_xheap_malloc(n);

    if (r != NULL) {
        memcpy(r, s, n);
    }
    return r;
}

/* Called once by the stub's constructor, before the program can call libxml2. */
void dlcall_xml2_heap(void *args, void *ret)
{
    const uint64_t *a = args; /* base, size */

    dlcall_xheap_base = dlcall_xheap_next = (uint8_t *)(uintptr_t)a[0];
    dlcall_xheap_end = dlcall_xheap_next + a[1];
    *(int *)ret = xmlGcMemSetup(dlcall_xheap_release, dlcall_xheap_malloc, dlcall_xheap_malloc,
                                dlcall_xheap_realloc, dlcall_xheap_strdup);
}

/* The guest's xmlFree, xmlMalloc... (data symbols holding guest functions, globals_guest.c):
 * the library's current functions, i.e. the heap above. */
void dlcall_xml2_free(void *args, void *ret)
{
    (void)ret;
    xmlFree((void *)(uintptr_t)((const uint64_t *)args)[0]);
}

void dlcall_xml2_malloc(void *args, void *ret)
{
    *(void **)ret = xmlMalloc((size_t)((const uint64_t *)args)[0]);
}

void dlcall_xml2_malloc_atomic(void *args, void *ret)
{
    *(void **)ret = xmlMallocAtomic((size_t)((const uint64_t *)args)[0]);
}

void dlcall_xml2_realloc(void *args, void *ret)
{
    const uint64_t *a = args;

    *(void **)ret = xmlRealloc((void *)(uintptr_t)a[0], (size_t)a[1]);
}

void dlcall_xml2_strdup(void *args, void *ret)
{
    *(char **)ret = xmlMemStrdup((const char *)(uintptr_t)((const uint64_t *)args)[0]);
}

/* The character-class tables chvalid.h exports as data, for the guest's copies: 256 bytes of
 * xmlIsPubidChar_tab, then the six range groups (their range arrays stay the host's: plain loads). */
void dlcall_xml2_tables(void *args, void *ret)
{
    const xmlChRangeGroup *groups[] = { &xmlIsBaseCharGroup, &xmlIsCharGroup, &xmlIsCombiningGroup,
                                        &xmlIsDigitGroup, &xmlIsExtenderGroup, &xmlIsIdeographicGroup };
    uint8_t *out = ret;

    (void)args;
    memcpy(out, xmlIsPubidChar_tab, 256);
    for (int i = 0; i < 6; i++) {
        memcpy(out + 256 + i * sizeof(xmlChRangeGroup), groups[i], sizeof(xmlChRangeGroup));
    }
}
