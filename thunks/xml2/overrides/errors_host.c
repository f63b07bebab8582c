/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host half of errors_guest.c: its error setters with host functions. */
#include <stdarg.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>

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

/* The guest's setters (errors_guest.c, spec guestCalls): the error and warning functions as
 * dlcall_xml2_error_fn reads them, the guest invoker of their trampolines. */
void dlcall_xml2_set_errors(int which, void *obj, uint64_t err_fn, uint64_t warn_fn, void *ctx, uint64_t invoker)
{
    xmlGenericErrorFunc err = dlcall_xml2_error_fn(err_fn, invoker), warn = dlcall_xml2_error_fn(warn_fn, invoker);

    switch (which) {
    case 0: xmlSchemaSetParserErrors(obj, err, warn, ctx); break;
    case 1: xmlSchemaSetValidErrors(obj, err, warn, ctx); break;
    case 2: xmlRelaxNGSetParserErrors(obj, err, warn, ctx); break;
    case 3: xmlRelaxNGSetValidErrors(obj, err, warn, ctx); break;
    /* The host gets the guest's handler (or its own function for the guest's forwarder). */
    case 4: xmlSetGenericErrorFunc(ctx, err); break;
    case 5: xmlThrDefSetGenericErrorFunc(ctx, err); break;
    }
}
