// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Initialisers of caller-owned structs (issue 12): openssl's req, x509 and
 * ca declare an X509V3_CTX on the stack and call X509V3_set_ctx, which
 * writes every field; X509V3_set_nconf then points db_meth at libcrypto's
 * own method table, and extensions look sections up through it. A stub
 * that took db_meth as an input copied whatever the stack held (and put it
 * back after the call). Here the structs start as 0xA5 bytes; extensions
 * from a config with a section reference are added to a certificate and
 * printed. CONF_set_nconf likewise fills a CONF the caller owns. Prints
 * what it saw; the test compares the emulated and the passthrough run.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/conftypes.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

static const char config[] =
    "[ext]\n"
    "basicConstraints = critical,CA:TRUE\n"
    "keyUsage = keyCertSign, cRLSign\n"
    "subjectAltName = @alt\n"
    "[alt]\n"
    "DNS.1 = example.org\n"
    "DNS.2 = www.example.org\n";

static void print_extensions(X509 *x)
{
    BIO *out = BIO_new(BIO_s_mem());
    char *text;
    long n;

    for (int i = 0; i < X509_get_ext_count(x); i++) {
        X509_EXTENSION *ext = X509_get_ext(x, i);
        char name[80];

        OBJ_obj2txt(name, sizeof(name), X509_EXTENSION_get_object(ext), 0);
        BIO_printf(out, "%s%s: ", name, X509_EXTENSION_get_critical(ext) ? " (critical)" : "");
        X509V3_EXT_print(out, ext, 0, 0);
        BIO_printf(out, "\n");
    }
    n = BIO_get_mem_data(out, &text);
    fwrite(text, 1, (size_t)n, stdout);
    BIO_free(out);
}

int main(void)
{
    X509V3_CTX ctx;
    CONF own;
    BIO *in = BIO_new_mem_buf(config, -1);
    CONF *conf = NCONF_new(NULL);
    X509 *x = X509_new();
    long line = -1;
    char *value;

    check(NCONF_load_bio(conf, in, &line) == 1, "NCONF_load_bio");
    memset(&ctx, 0xA5, sizeof(ctx));
    X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
    check(ctx.issuer_cert == x && ctx.subject_cert == x && ctx.flags == 0, "X509V3_set_ctx: the certificates and flags");
    check(ctx.db_meth == NULL && ctx.db == NULL, "X509V3_set_ctx: db_meth and db are NULL");
    X509V3_set_nconf(&ctx, conf);
    check(ctx.db_meth != NULL && ctx.db == conf, "X509V3_set_nconf: db_meth set, db is the config");
    check(X509V3_EXT_add_nconf(conf, &ctx, "ext", x) == 1, "X509V3_EXT_add_nconf");
    print_extensions(x);

    memset(&own, 0xA5, sizeof(own));
    CONF_set_nconf(&own, conf->data);
    check(own.data == conf->data, "CONF_set_nconf: data is the config's");
    value = NCONF_get_string(&own, "alt", "DNS.2");
    printf("DNS.2 through CONF_set_nconf: %s\n", value ? value : "(none)");

    X509_free(x);
    NCONF_free(conf);
    BIO_free(in);
    printf("%s\n", failures == 0 ? "PASS x509ctx" : "FAIL x509ctx");
    return failures != 0;
}
