/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PEM_ASN1_read: a guest FILE, so through a guest stdio BIO, as OpenSSL does. */
void *PEM_ASN1_read(d2i_of_void *d2i, const char *name, FILE *fp, void **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    void *ret;

    if (b == NULL) {
        return NULL;
    }
    ret = PEM_ASN1_read_bio(d2i, name, b, x, cb, u);
    BIO_free(b);
    return ret;
}
