/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stub's start (spec guestInit, after the spec's guestHeap): finds the
 * host helpers behind the data symbols of globals_guest.c.
 */

/* heap_host.c's helpers: xmlFree, xmlMalloc, xmlMallocAtomic, xmlRealloc, xmlMemStrdup, the tables. */
static dlcall_fn dlcall_xml2_free_fn, dlcall_xml2_malloc_fn, dlcall_xml2_malloc_atomic_fn;
static dlcall_fn dlcall_xml2_realloc_fn, dlcall_xml2_strdup_fn;

static void dlcall_xml2_fill_tables(void);
static void dlcall_xml2_sax_register(void);

static void dlcall_guest_init(void)
{
    dlcall_xml2_free_fn = dlcall__host_fn("dlcall_xml2_free");
    dlcall_xml2_malloc_fn = dlcall__host_fn("dlcall_xml2_malloc");
    dlcall_xml2_malloc_atomic_fn = dlcall__host_fn("dlcall_xml2_malloc_atomic");
    dlcall_xml2_realloc_fn = dlcall__host_fn("dlcall_xml2_realloc");
    dlcall_xml2_strdup_fn = dlcall__host_fn("dlcall_xml2_strdup");
    dlcall_xml2_fill_tables();
    dlcall_xml2_sax_register();
}
