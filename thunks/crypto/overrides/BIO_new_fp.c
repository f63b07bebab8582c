/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BIO_new_fp: a guest FILE in the guest stdio method (BIO_s_file.c). */
BIO *BIO_new_fp(FILE *stream, int close_flag)
{
    BIO *ret = BIO_new(BIO_s_file());

    if (ret == NULL) {
        return NULL;
    }
    BIO_set_fp(ret, stream, close_flag);
    return ret;
}
