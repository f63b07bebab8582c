/* SPDX-License-Identifier: GPL-2.0-or-later */
/* X509_NAME_print_ex_fp: a guest FILE, so through a guest stdio BIO, as OpenSSL does. */
int X509_NAME_print_ex_fp(FILE *fp, const X509_NAME *nm, int indent, unsigned long flags)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    int ret;

    if (b == NULL) {
        return -1;
    }
    ret = X509_NAME_print_ex(b, nm, indent, flags);
    BIO_free(b);
    return ret;
}
