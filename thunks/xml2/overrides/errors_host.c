/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host half of errors_guest.c: the guest's messages, and its error setters with host functions. */
#include <stdarg.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/parserInternals.h>

/* The guest's xmlGenericError(ctx, ...), formatted on the guest. */
void dlcall_xml2_print_error(void *args, void *ret)
{
    const uint64_t *a = args;

    (void)ret;
    xmlGenericError((void *)(uintptr_t)a[0], "%s", (const char *)(uintptr_t)a[1]);
}

/* A guest error function taking '...': the message is formatted here, the guest gets ("%s", text). */
static void dlcall_xml2_error_entry(void *ctx, const char *msg, ...)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    char small[1024], *text = small;
    va_list ap;
    int n;

    va_start(ap, msg);
    n = vsnprintf(small, sizeof(small), msg, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(small) && (text = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, msg);
        vsnprintf(text, (size_t)n + 1, msg, ap);
        va_end(ap);
    }
    if (text == NULL) {
        text = small;
    }
    uint64_t argv[2] = { (uint64_t)(uintptr_t)ctx, (uint64_t)(uintptr_t)text };

    dlcall_rt_callback(t, argv, 2);
    if (text != small) {
        free(text);
    }
}

/* 0: NULL, 1: the host's generic error function, else a guest function (a trampoline to it). */
static xmlGenericErrorFunc dlcall_xml2_error_fn(uint64_t v, uint64_t invoker)
{
    return v == 0 ? NULL : v == 1 ? xmlGenericError
        : (xmlGenericErrorFunc)dlcall_rt_trampoline(v, invoker, (void *)dlcall_xml2_error_entry, "xml2: error function");
}

/* a: which setter, its object, error and warning function, context, the guest invoker. */
void dlcall_xml2_set_errors(void *args, void *ret)
{
    const uint64_t *a = args;
    void *obj = (void *)(uintptr_t)a[1], *ctx = (void *)(uintptr_t)a[4];
    xmlGenericErrorFunc err = dlcall_xml2_error_fn(a[2], a[5]), warn = dlcall_xml2_error_fn(a[3], a[5]);

    (void)ret;
    switch (a[0]) {
    case 0: xmlSchemaSetParserErrors(obj, err, warn, ctx); break;
    case 1: xmlSchemaSetValidErrors(obj, err, warn, ctx); break;
    case 2: xmlRelaxNGSetParserErrors(obj, err, warn, ctx); break;
    case 3: xmlRelaxNGSetValidErrors(obj, err, warn, ctx); break;
    /* The host gets the guest's handler (or its own function for the guest's forwarder). */
    case 4: xmlSetGenericErrorFunc(ctx, err); break;
    case 5: xmlThrDefSetGenericErrorFunc(ctx, err); break;
    }
}

/* The current entity loader: a guest function when it is one of dlcall's trampolines. */
void dlcall_xml2_get_loader(void *args, void *ret)
{
    xmlExternalEntityLoader f = xmlGetExternalEntityLoader();
    uint64_t *r = ret, g = dlcall_rt_guest_fn((const void *)f);

    (void)args;
    r[0] = g;
    r[1] = g != (uint64_t)(uintptr_t)f;
}

/* a: the host loader, URL, ID, parser context. */
void dlcall_xml2_call_loader(void *args, void *ret)
{
    const uint64_t *a = args;
    xmlExternalEntityLoader f = (xmlExternalEntityLoader)(uintptr_t)a[0];

    *(xmlParserInputPtr *)ret = f((const char *)(uintptr_t)a[1], (const char *)(uintptr_t)a[2],
                                  (xmlParserCtxtPtr)(uintptr_t)a[3]);
}

/* The current structured error handler of this thread: a guest function when it is a trampoline. */
void dlcall_xml2_get_serror(void *args, void *ret)
{
    xmlStructuredErrorFunc f = xmlStructuredError;
    uint64_t *r = ret, g = dlcall_rt_guest_fn((const void *)f);

    (void)args;
    r[0] = g;
    r[1] = g != (uint64_t)(uintptr_t)f;
}

/* a: the host handler, its user data, the error. */
void dlcall_xml2_call_serror(void *args, void *ret)
{
    const uint64_t *a = args;

    (void)ret;
    ((xmlStructuredErrorFunc)(uintptr_t)a[0])((void *)(uintptr_t)a[1], (xmlErrorPtr)(uintptr_t)a[2]);
}
