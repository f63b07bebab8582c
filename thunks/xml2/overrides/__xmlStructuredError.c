/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xmlStructuredError, as the guest reads it (lxml saves it and hands it back to
 * xmlSetStructuredErrorFunc): the host's current handler for this thread, seen
 * from the guest. A guest handler (behind its trampoline) comes back as itself,
 * NULL as NULL; a host function as dlcall_xml2_host_serror, which calls it.
 * The guest sets handlers with xmlSetStructuredErrorFunc: a store through the
 * pointer changes only the guest's copy. The copy is a per-thread block of the
 * guest runtime (a stub defines no TLS: native/include/dlcall/thread.h); should
 * that allocation fail, one process-wide copy stands in.
 */
xmlStructuredErrorFunc *__xmlStructuredError(void)
{
    static xmlStructuredErrorFunc fallback;
    xmlStructuredErrorFunc *current =
        (xmlStructuredErrorFunc *)dlcall__thread_buffer(DLCALL__BUFFER_ACCESSOR, DLCALL_ACCESSOR_MAX);
    uint64_t r[2] = { 0, 0 }; /* function, 1 when it is a guest function */

    if (current == NULL) {
        current = &fallback;
    }
    dlcall_invoke(dlcall__host_fn("dlcall_xml2_get_serror"), NULL, r);
    if (r[1] || r[0] == 0) {
        *current = (xmlStructuredErrorFunc)(uintptr_t)r[0];
    } else {
        dlcall_xml2_host_serror_fn = r[0];
        *current = dlcall_xml2_host_serror;
    }
    return current;
}
