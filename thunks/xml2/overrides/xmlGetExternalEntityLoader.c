/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The current loader is usually the host library's own function, which guest
 * code cannot call (xmllint's loader calls the one it found here): the guest
 * gets dlcall_xml2_host_loader for it. A guest loader comes back as itself.
 */
xmlExternalEntityLoader xmlGetExternalEntityLoader(void)
{
    uint64_t r[2] = { 0, 0 }; /* function, 1 when it is a guest function */

    dlcall_invoke(dlcall__host_fn("dlcall_xml2_get_loader"), NULL, r);
    if (r[1] || r[0] == 0) {
        return (xmlExternalEntityLoader)(uintptr_t)r[0];
    }
    dlcall_xml2_host_loader_fn = r[0];
    return dlcall_xml2_host_loader;
}
