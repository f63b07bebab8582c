/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PEM_ASN1_write: a guest FILE, so through a guest stdio BIO, as OpenSSL does. */
int PEM_ASN1_write(i2d_of_void *i2d, const char *name, FILE *fp, const void *x, const EVP_CIPHER *enc,
                   const unsigned char *kstr, int klen, pem_password_cb *callback, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    int ret;

    if (b == NULL) {
        return 0;
    }
    ret = PEM_ASN1_write_bio(i2d, name, b, x, enc, kstr, klen, callback, u);
    BIO_free(b);
    return ret;
}
