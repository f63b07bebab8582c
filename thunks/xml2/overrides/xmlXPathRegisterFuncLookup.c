/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libxslt's function lookup returns guest XPath functions: see xpath_guest.c. */
void xmlXPathRegisterFuncLookup(xmlXPathContextPtr ctxt, xmlXPathFuncLookupFunc f, void *funcCtxt)
{
    uint64_t a[5] = { (uint64_t)(uintptr_t)ctxt, (uint64_t)(uintptr_t)f, (uint64_t)(uintptr_t)funcCtxt,
                      (uint64_t)(uintptr_t)dlcall_xml2_lookup_invoke, (uint64_t)(uintptr_t)dlcall_xml2_xpath_fn_invoke };

    dlcall_xml2_host_call(dlcall__host_fn("dlcall_xml2_register_lookup"), a, NULL);
}
