/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's variadic error functions (xmlGenericErrorFunc and the schema,
 * RelaxNG and validity handlers of the same shape).
 *
 * A '...' cannot cross, so the guest never calls a host error function and
 * the host never calls a guest one. The guest's xmlGenericError (through
 * __xmlGenericError(), spec guestAnswers) is dlcall_xml2_generic_error: it
 * formats with guest vsnprintf and hands the text to the host's current
 * generic error function, which prints it where the host library prints its
 * own errors. Passed back to the library (xmllint's
 * xmlSchemaSetValidErrors(ctxt, xmlGenericError, xmlGenericError, NULL)),
 * it stands for that host function. Any other guest function with a '...'
 * (lxml's) gets a trampoline whose host entry formats the message on the
 * host and calls the guest function with ("%s", text) (errors_host.c).
 */
/* The guest invoker of errors_host.c's variadic entry: the text is on a host stack. */
static void dlcall_xml2_error_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    size_t n = 0;
    const volatile char *host = (const char *)(uintptr_t)argv[1];
    char *copy;

    while (host[n] != '\0') {
        n++;
    }
    copy = malloc(n + 1);
    if (copy != NULL) {
        dlcall_copy_host_string(copy, (const char *)host, n + 1);
        ((xmlGenericErrorFunc)(uintptr_t)fn)((void *)(uintptr_t)argv[0], "%s", copy);
        free(copy);
    }
    *ret = 0;
}

static void dlcall_xml2_generic_error(void *ctx, const char *msg, ...)
{
    char small[1024];
    char *text = small;
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
    dlcall_xml2_print_error(ctx, text); /* spec guestCalls */
    if (text != small) {
        free(text);
    }
}

/* What the guest reads and writes as xmlGenericError (one per process: the guest's threads share it). */
static xmlGenericErrorFunc dlcall_xml2_generic_error_var = dlcall_xml2_generic_error;

/* 0 for NULL, 1 for the host's generic error function, else the guest function. */
static uint64_t dlcall_xml2_error_fn(void *fn)
{
    return fn == NULL ? 0 : fn == (void *)dlcall_xml2_generic_error ? 1 : (uint64_t)(uintptr_t)fn;
}

/* The setters below, on the host (errors_host.c), by number. */
enum { DLCALL_XML2_SCHEMA_PARSER, DLCALL_XML2_SCHEMA_VALID, DLCALL_XML2_RELAXNG_PARSER, DLCALL_XML2_RELAXNG_VALID,
       DLCALL_XML2_GENERIC, DLCALL_XML2_THRDEF_GENERIC };

static void dlcall_xml2_set_errors(int which, const char *fname, void *obj, void *err, void *warn, void *ctx)
{
    (void)fname;
    dlcall_xml2_errors_to_host(which, obj, dlcall_xml2_error_fn(err), dlcall_xml2_error_fn(warn), ctx,
                               (uint64_t)(uintptr_t)dlcall_xml2_error_invoke);
}

/*
 * The host library's entity loader, as the guest sees it (xmlGetExternalEntityLoader.c):
 * the last host function handed out. Passed back to xmlSetExternalEntityLoader it is a guest
 * callback like any other, which calls the host function again (spec guestCalls).
 */
static void *dlcall_xml2_host_loader_fn;

static xmlParserInputPtr dlcall_xml2_host_loader(const char *URL, const char *ID, xmlParserCtxtPtr ctxt)
{
    return dlcall_xml2_call_loader(dlcall_xml2_host_loader_fn, URL, ID, ctxt);
}

/* The host's structured error handler, as the guest sees it (__xmlStructuredError.c). */
static void *dlcall_xml2_host_serror_fn;

static void dlcall_xml2_host_serror(void *userData, xmlErrorPtr error)
{
    dlcall_xml2_call_serror(dlcall_xml2_host_serror_fn, userData, error);
}
