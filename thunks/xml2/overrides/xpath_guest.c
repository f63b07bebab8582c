/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xmlXPathRegisterFuncLookup: the lookup function (libxslt's) is a callback
 * returning a function pointer, a guest XPath function the host library then
 * calls. The host wraps the lookup in a trampoline whose entry wraps the
 * function it returns in another (xpath_host.c); these are their guest invokers.
 */
static void dlcall_xml2_lookup_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    *ret = (uint64_t)(uintptr_t)((xmlXPathFuncLookupFunc)(uintptr_t)fn)(
        (void *)(uintptr_t)argv[0], (const xmlChar *)(uintptr_t)argv[1], (const xmlChar *)(uintptr_t)argv[2]);
}

static void dlcall_xml2_xpath_fn_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    ((xmlXPathFunction)(uintptr_t)fn)((xmlXPathParserContextPtr)(uintptr_t)argv[0], (int)argv[1]);
    *ret = 0;
}
