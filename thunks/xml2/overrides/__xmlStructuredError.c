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
    void *f;
    uint64_t g;

    if (current == NULL) {
        current = &fallback;
    }
    f = dlcall_xml2_serror();
    g = dlcall_xml2_guest_fn(f);
    if (f == NULL || g != (uint64_t)(uintptr_t)f) {
        *current = (xmlStructuredErrorFunc)(uintptr_t)g;
    } else {
        dlcall_xml2_host_serror_fn = f;
        *current = dlcall_xml2_host_serror;
    }
    return current;
}
