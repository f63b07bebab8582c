/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * BIO_s_file: a FILE BIO whose FILE is the guest's. The host library's
 * own file method would call host stdio on a guest FILE (or hand the guest
 * a host one), so the method is built on the guest with BIO_meth_new and
 * its functions are guest code the host calls back. Behaviour follows
 * OpenSSL's bss_file.c. Data moves through guest memory (guest_crypto.h):
 * the caller's buffer is often host memory.
 */
#include <errno.h>
#include <pthread.h>

#include "guest_crypto.h"

#define DLCALL_FILE_CHUNK 16384

static FILE *dlcall_file_of(BIO *b)
{
    return BIO_get_init(b) ? (FILE *)BIO_get_data(b) : NULL;
}

static void dlcall_file_sys_error(const char *call)
{
    int err = errno;

    ERR_new();
    ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, OPENSSL_FUNC);
    ERR_set_error(ERR_LIB_SYS, err, "calling %s", call);
    ERR_new();
    ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, OPENSSL_FUNC);
    ERR_set_error(ERR_LIB_BIO, ERR_R_SYS_LIB, NULL);
}

static int dlcall_file_write(BIO *b, const char *in, int inl)
{
    FILE *fp = dlcall_file_of(b);
    char chunk[DLCALL_FILE_CHUNK];
    int done = 0;

    if (fp == NULL || in == NULL || inl <= 0) {
        return 0;
    }
    while (done < inl) {
        size_t n = inl - done < DLCALL_FILE_CHUNK ? (size_t)(inl - done)
                                                   : DLCALL_FILE_CHUNK;

        dlcall_plain_copy(chunk, in + done, n);
        if (fwrite(chunk, n, 1, fp) != 1) {
            return done;
        }
        done += (int)n;
    }
    return done;
}

static int dlcall_file_read(BIO *b, char *out, int outl)
{
    FILE *fp = dlcall_file_of(b);
    char chunk[DLCALL_FILE_CHUNK];
    int done = 0;

    if (fp == NULL || out == NULL || outl <= 0) {
        return 0;
    }
    while (done < outl) {
        size_t want = outl - done < DLCALL_FILE_CHUNK ? (size_t)(outl - done)
                                                       : DLCALL_FILE_CHUNK;
        size_t got = fread(chunk, 1, want, fp);

        dlcall_plain_copy(out + done, chunk, got);
        done += (int)got;
        if (got < want) {
            break;
        }
    }
    if (done == 0 && ferror(fp)) {
        dlcall_file_sys_error("fread()");
        return -1;
    }
    return done;
}

static int dlcall_file_puts(BIO *b, const char *str)
{
    return dlcall_file_write(b, str, (int)dlcall_plain_strlen(str));
}

static int dlcall_file_gets(BIO *b, char *buf, int size)
{
    FILE *fp = dlcall_file_of(b);
    char *line;
    int len = 0;

    if (fp == NULL || buf == NULL || size <= 0 || (line = malloc(size)) == NULL) {
        return 0;
    }
    buf[0] = '\0';
    if (fgets(line, size, fp) != NULL) {
        len = (int)strlen(line);
        dlcall_plain_copy(buf, line, len + 1);
    } else if (ferror(fp)) {
        dlcall_file_sys_error("fgets()");
        len = -1;
    }
    free(line);
    return len;
}

/* fopen mode of BIO_C_SET_FILENAME's flags, like bss_file.c; NULL if none. */
static const char *dlcall_file_mode(long num)
{
    if (num & BIO_FP_APPEND) {
        return num & BIO_FP_READ ? "a+" : "a";
    }
    if ((num & BIO_FP_READ) && (num & BIO_FP_WRITE)) {
        return "r+";
    }
    return num & BIO_FP_WRITE ? "w" : num & BIO_FP_READ ? "r" : NULL;
}

static void dlcall_file_close(BIO *b)
{
    FILE *fp = dlcall_file_of(b);

    if (fp != NULL && BIO_get_shutdown(b)) {
        fclose(fp);
    }
    BIO_set_data(b, NULL);
    BIO_set_init(b, 0);
}

static long dlcall_file_open(BIO *b, long num, const char *name)
{
    const char *mode = dlcall_file_mode(num);
    FILE *fp;

    dlcall_file_close(b);
    BIO_set_shutdown(b, (int)num & BIO_CLOSE);
    if (mode == NULL) {
        ERR_new();
        ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, OPENSSL_FUNC);
        ERR_set_error(ERR_LIB_BIO, BIO_R_BAD_FOPEN_MODE, NULL);
        return 0;
    }
    fp = fopen(name, mode);
    if (fp == NULL) {
        dlcall_file_sys_error("fopen()");
        return 0;
    }
    BIO_set_data(b, fp);
    BIO_set_init(b, 1);
    return 1;
}

static long dlcall_file_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    FILE *fp = dlcall_file_of(b);

    switch (cmd) {
    case BIO_C_SET_FILE_PTR:
        dlcall_file_close(b);
        BIO_set_shutdown(b, (int)num & BIO_CLOSE);
        BIO_set_data(b, ptr);
        BIO_set_init(b, 1);
        return 1;
    case BIO_C_SET_FILENAME:
        return dlcall_file_open(b, num, ptr);
    case BIO_C_GET_FILE_PTR:
        if (ptr != NULL) {
            *(FILE **)ptr = fp;
        }
        return 1;
    case BIO_CTRL_GET_CLOSE:
        return BIO_get_shutdown(b);
    case BIO_CTRL_SET_CLOSE:
        BIO_set_shutdown(b, (int)num);
        return 1;
    case BIO_CTRL_DUP:
        return 1;
    }
    if (fp == NULL) {
        return 0;
    }
    switch (cmd) {
    case BIO_C_FILE_SEEK:
    case BIO_CTRL_RESET:
        return fseek(fp, num, SEEK_SET);
    case BIO_CTRL_EOF:
        return feof(fp);
    case BIO_C_FILE_TELL:
    case BIO_CTRL_INFO:
        return ftell(fp);
    case BIO_CTRL_FLUSH:
        if (fflush(fp) == EOF) {
            dlcall_file_sys_error("fflush()");
            return 0;
        }
        return 1;
    }
    return 0;
}

static int dlcall_file_create(BIO *b)
{
    BIO_set_data(b, NULL);
    BIO_set_init(b, 0);
    return 1;
}

static int dlcall_file_destroy(BIO *b)
{
    if (b != NULL) {
        dlcall_file_close(b);
    }
    return 1;
}

static BIO_METHOD *dlcall_file_method;

static void dlcall_file_method_init(void)
{
    BIO_METHOD *m = BIO_meth_new(BIO_TYPE_FILE, "FILE pointer");

    if (m == NULL || !BIO_meth_set_write(m, dlcall_file_write) ||
        !BIO_meth_set_read(m, dlcall_file_read) ||
        !BIO_meth_set_puts(m, dlcall_file_puts) ||
        !BIO_meth_set_gets(m, dlcall_file_gets) ||
        !BIO_meth_set_ctrl(m, dlcall_file_ctrl) ||
        !BIO_meth_set_create(m, dlcall_file_create) ||
        !BIO_meth_set_destroy(m, dlcall_file_destroy)) {
        BIO_meth_free(m);
        return;
    }
    dlcall_file_method = m;
}

const BIO_METHOD *BIO_s_file(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, dlcall_file_method_init);
    return dlcall_file_method;
}
