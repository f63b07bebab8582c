/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Functions printing to a FILE *: a guest FILE means nothing to host libc,
 * so the host function prints to a host memory stream (dump_host.c) and
 * the guest writes its text to the FILE. Returns the host function's result.
 */
struct dlcall_xml2_dump {
    uint64_t a[3];
    char *text;
    size_t len;
    int64_t ret;
};

static int64_t dlcall_xml2_dump(const char *host, FILE *f, uint64_t a0, uint64_t a1, uint64_t a2)
{
    struct dlcall_xml2_dump d = { { a0, a1, a2 }, NULL, 0, -1 };
    char chunk[4096];

    if (f == NULL) {
        return -1;
    }
    dlcall_xml2_host_call(dlcall__host_fn(host), &d, NULL);
    for (size_t done = 0; done < d.len;) {
        size_t n = d.len - done < sizeof(chunk) ? d.len - done : sizeof(chunk);

        dlcall_copy_from_host(chunk, d.text + done, n);
        if (fwrite(chunk, 1, n, f) != n) {
            d.ret = -1;
            break;
        }
        done += n;
    }
    if (d.text != NULL) {
        uint64_t p[1] = { (uint64_t)(uintptr_t)d.text };

        dlcall_invoke(dlcall__host_fn("dlcall_xml2_dump_free"), p, NULL);
    }
    return d.ret;
}

#define DLCALL_XML2_PTR(p) ((uint64_t)(uintptr_t)(p))

/* xmlOutputBufferCreateFile's FILE, written by the guest: libxml2's xmlFileWrite and xmlFileFlush. */
static int dlcall_xml2_file_write(void *context, const char *buffer, int len)
{
    if (context == NULL || buffer == NULL) {
        return -1;
    }
    return fwrite(buffer, 1, (size_t)len, (FILE *)context) == (size_t)len ? len : -1;
}

static int dlcall_xml2_file_flush(void *context)
{
    return context == NULL ? -1 : fflush((FILE *)context) == 0 ? 0 : -1;
}
