/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libxml2's variadic error functions (xmlGenericErrorFunc and the schema,
 * RelaxNG and validity handlers of the same shape).
 *
 * A '...' cannot cross, so the guest never calls a host error function and
 * the host never calls a guest one. The guest's xmlGenericError (through
 * __xmlGenericError(), errors_accessor.c) is dlcall_xml2_generic_error: it
 * formats with guest vsnprintf and hands the text to the host's current
 * generic error function, which prints it where the host library prints its
 * own errors. Passed back to the library (xmllint's
 * xmlSchemaSetValidErrors(ctxt, xmlGenericError, xmlGenericError, NULL)),
 * it stands for that host function. Any other guest function with a '...'
 * is refused with a message: the host library would call it during later
 * calls with arguments only its format knows.
 */
static dlcall_fn dlcall_xml2_print_fn;

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
    uint64_t a[2] = { (uint64_t)(uintptr_t)ctx, (uint64_t)(uintptr_t)text };

    if (dlcall_xml2_print_fn == NULL) {
        dlcall_xml2_print_fn = dlcall__host_fn("dlcall_xml2_print_error");
    }
    dlcall_invoke(dlcall_xml2_print_fn, a, NULL);
    if (text != small) {
        free(text);
    }
}

/* What the guest reads and writes as xmlGenericError (one per process: the guest's threads share it). */
static xmlGenericErrorFunc dlcall_xml2_generic_error_var = dlcall_xml2_generic_error;

/* 0 for NULL, 1 for the host's generic error function; a guest function with '...' stops the program. */
static uint64_t dlcall_xml2_error_fn(const char *fname, void *fn)
{
    if (fn == NULL) {
        return 0;
    }
    if (fn == (void *)dlcall_xml2_generic_error) {
        return 1;
    }
    fprintf(stderr, "dlcall: libxml2.so.2: %s: the host library cannot call a guest error function taking '...' "
            "(docs/Libraries.md, libxml2); run the program with libxml2 emulated\n", fname);
    abort();
}

/* The setters below, on the host (errors_host.c), by number. */
enum { DLCALL_XML2_SCHEMA_PARSER, DLCALL_XML2_SCHEMA_VALID, DLCALL_XML2_RELAXNG_PARSER, DLCALL_XML2_RELAXNG_VALID,
       DLCALL_XML2_GENERIC, DLCALL_XML2_THRDEF_GENERIC };

static void dlcall_xml2_set_errors(int which, const char *fname, void *obj, void *err, void *warn, void *ctx)
{
    uint64_t a[5] = { (uint64_t)which, (uint64_t)(uintptr_t)obj, dlcall_xml2_error_fn(fname, err),
                      dlcall_xml2_error_fn(fname, warn), (uint64_t)(uintptr_t)ctx };

    dlcall_invoke(dlcall__host_fn("dlcall_xml2_set_errors"), a, NULL);
}

/*
 * The host library's entity loader, as the guest sees it (xmlGetExternalEntityLoader.c):
 * the last host function handed out. Passed back to xmlSetExternalEntityLoader it is a guest
 * callback like any other, which calls the host function again.
 */
static uint64_t dlcall_xml2_host_loader_fn;

static xmlParserInputPtr dlcall_xml2_host_loader(const char *URL, const char *ID, xmlParserCtxtPtr ctxt)
{
    uint64_t a[4] = { dlcall_xml2_host_loader_fn, (uint64_t)(uintptr_t)URL, (uint64_t)(uintptr_t)ID,
                      (uint64_t)(uintptr_t)ctxt };
    xmlParserInputPtr r = NULL;

    dlcall_invoke(dlcall__host_fn("dlcall_xml2_call_loader"), a, &r);
    return r;
}
