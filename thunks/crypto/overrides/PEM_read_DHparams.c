/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PEM_read_DHparams: a guest FILE, so through a guest stdio BIO (Python's SSLContext.load_dh_params). */
DH *PEM_read_DHparams(FILE *fp, DH **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    DH *ret;

    if (b == NULL) {
        return NULL;
    }
    ret = PEM_read_bio_DHparams(b, x, cb, u);
    BIO_free(b);
    return ret;
}
