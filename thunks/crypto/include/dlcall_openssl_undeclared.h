/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Functions libcrypto 3.0 exports for its own programs and for libssl but
 * declares only in its private headers (include/internal/o_dir.h,
 * include/internal/sslconf.h) or nowhere: Debian's openssl program and
 * libssl import them. The prototypes are those of OpenSSL's sources.
 */
#ifndef DLCALL_OPENSSL_UNDECLARED_H
#define DLCALL_OPENSSL_UNDECLARED_H

#include <stddef.h>

#include <openssl/cms.h>
#include <openssl/pem.h>

typedef struct OPENSSL_dir_context_st OPENSSL_DIR_CTX;

const char *OPENSSL_DIR_read(OPENSSL_DIR_CTX **ctx, const char *directory);
int OPENSSL_DIR_end(OPENSSL_DIR_CTX **ctx);

int conf_ssl_name_find(const char *name, size_t *idx);
const char *conf_ssl_get(size_t idx, const char **name, size_t *cnt);
void conf_ssl_get_cmd(size_t idx, size_t cmd, char **cmdstr, char **arg);

CMS_ContentInfo *PEM_read_bio_CMS(BIO *bp, CMS_ContentInfo **x, pem_password_cb *cb, void *u);

#endif /* DLCALL_OPENSSL_UNDECLARED_H */
