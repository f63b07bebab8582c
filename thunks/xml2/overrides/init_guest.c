/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stub's start (spec guestInit): reserves the address space libxml2's
 * memory comes from (heap_host.c: QEMU must know those pages as the guest's),
 * and finds the host helpers behind the data symbols of globals_guest.c.
 * MAP_NORESERVE: only touched pages cost. DLCALL_XML2_HEAP_MIB sizes it
 * (default 16 GiB of address space).
 */
#include <sys/mman.h>

/* heap_host.c's helpers: xmlFree, xmlMalloc, xmlMallocAtomic, xmlRealloc, xmlMemStrdup, the tables. */
static dlcall_fn dlcall_xml2_free_fn, dlcall_xml2_malloc_fn, dlcall_xml2_malloc_atomic_fn;
static dlcall_fn dlcall_xml2_realloc_fn, dlcall_xml2_strdup_fn;

static void dlcall_xml2_fill_tables(void);
static void dlcall_xml2_sax_register(void);

static void dlcall_guest_init(void)
{
    const char *env = getenv("DLCALL_XML2_HEAP_MIB");
    uint64_t mib = env != NULL && env[0] != '\0' ? strtoull(env, NULL, 0) : 16384;
    uint64_t a[2] = { 0, mib << 20 };
    void *base = mmap(NULL, a[1], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    int rc = -1;

    if (base == MAP_FAILED) {
        fprintf(stderr, "dlcall: libxml2.so.2: cannot reserve %llu MiB for libxml2's memory: %s\n"
                "dlcall: set DLCALL_XML2_HEAP_MIB lower\n", (unsigned long long)mib, strerror(errno));
        exit(127);
    }
    a[0] = (uint64_t)(uintptr_t)base;
    dlcall_invoke(dlcall__host_fn("dlcall_xml2_heap"), a, &rc);
    if (rc != 0) {
        fprintf(stderr, "dlcall: libxml2.so.2: the host libxml2 refused its allocator (%d)\n", rc);
        exit(127);
    }
    dlcall_xml2_free_fn = dlcall__host_fn("dlcall_xml2_free");
    dlcall_xml2_malloc_fn = dlcall__host_fn("dlcall_xml2_malloc");
    dlcall_xml2_malloc_atomic_fn = dlcall__host_fn("dlcall_xml2_malloc_atomic");
    dlcall_xml2_realloc_fn = dlcall__host_fn("dlcall_xml2_realloc");
    dlcall_xml2_strdup_fn = dlcall__host_fn("dlcall_xml2_strdup");
    dlcall_xml2_fill_tables();
    dlcall_xml2_sax_register();
}
