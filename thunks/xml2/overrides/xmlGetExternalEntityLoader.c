/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The current loader is usually the host library's own function, which guest
 * code cannot call (xmllint's loader calls the one it found here): the guest
 * gets dlcall_xml2_host_loader for it. A guest loader comes back as itself.
 */
xmlExternalEntityLoader xmlGetExternalEntityLoader(void)
{
    void *f = dlcall_xml2_loader();
    uint64_t g = dlcall_xml2_guest_fn(f);

    if (f == NULL || g != (uint64_t)(uintptr_t)f) {
        return (xmlExternalEntityLoader)(uintptr_t)g;
    }
    dlcall_xml2_host_loader_fn = f;
    return dlcall_xml2_host_loader;
}
