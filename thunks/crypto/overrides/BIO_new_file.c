/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_new_file: opened with guest stdio, in the guest stdio method (BIO_s_file.c). */
BIO *BIO_new_file(const char *filename, const char *mode)
{
    FILE *file = fopen(filename, mode);
    BIO *ret;

    if (file == NULL) {
        int err = errno;

        ERR_new();
        ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, OPENSSL_FUNC);
        ERR_set_error(ERR_LIB_SYS, err, "calling fopen(%s, %s)", filename, mode);
        ERR_new();
        ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, OPENSSL_FUNC);
        ERR_set_error(ERR_LIB_BIO, err == ENOENT || err == ENXIO ? BIO_R_NO_SUCH_FILE : ERR_R_SYS_LIB, NULL);
        return NULL;
    }
    ret = BIO_new(BIO_s_file());
    if (ret == NULL) {
        fclose(file);
        return NULL;
    }
    BIO_set_fp(ret, file, BIO_CLOSE | (strchr(mode, 'b') == NULL ? BIO_FP_TEXT : 0));
    return ret;
}
