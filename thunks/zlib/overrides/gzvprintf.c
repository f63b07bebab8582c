/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gzvprintf: a va_list cannot cross to the host, so the guest formats and
 * the host only writes. Same contract as zlib's: bytes written, or 0 / a
 * negative zlib error.
 */
int ZEXPORTVA (gzvprintf)(gzFile file, const char *format, va_list va)
{
    char stack_buf[4096];
    char *buf = stack_buf;
    va_list copy;
    int len;

    va_copy(copy, va);
    len = vsnprintf(stack_buf, sizeof(stack_buf), format, copy);
    va_end(copy);
    if (len < 0) {
        return Z_STREAM_ERROR;
    }
    if ((size_t)len >= sizeof(stack_buf)) {
        buf = malloc((size_t)len + 1);
        if (buf == NULL) {
            return Z_MEM_ERROR;
        }
        vsnprintf(buf, (size_t)len + 1, format, va);
    }
    if (len > 0) {
        len = gzwrite(file, buf, (unsigned)len);
    }
    if (buf != stack_buf) {
        free(buf);
    }
    return len;
}
