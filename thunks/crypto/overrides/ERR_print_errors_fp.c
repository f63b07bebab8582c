/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ERR_print_errors_fp: a guest FILE, so through a guest stdio BIO, as OpenSSL does. */
void ERR_print_errors_fp(FILE *fp)
{
    BIO *bio = BIO_new_fp(fp, BIO_NOCLOSE);

    if (bio != NULL) {
        ERR_print_errors(bio);
        BIO_free(bio);
    }
}
