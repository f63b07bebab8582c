// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libcrypto at the thunk level: EVP digests and ciphers, a stack sorted
 * long after the call that got its guest comparator, a guest BIO method the
 * host calls back, BIO_printf and ERR_raise_data (guest overrides), names
 * from the host (interned). Prints what it saw; the test compares the
 * emulated run with the passthrough run and checks the known answers.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/safestack.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

static void hex(const char *label, const unsigned char *p, size_t n)
{
    printf("%s ", label);
    for (size_t i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
}

static void digests(void)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();

    check(EVP_Digest("abc", 3, md, &len, EVP_sha256(), NULL) == 1, "EVP_Digest");
    hex("sha256(abc)", md, len);
    check(EVP_DigestInit_ex(ctx, EVP_sha512(), NULL) == 1 &&
          EVP_DigestUpdate(ctx, "a", 1) == 1 && EVP_DigestUpdate(ctx, "bc", 2) == 1 &&
          EVP_DigestFinal_ex(ctx, md, &len) == 1, "EVP_Digest{Init,Update,Final}");
    hex("sha512(abc)", md, len);
    printf("name %s size %d\n", EVP_MD_get0_name(EVP_sha256()), EVP_MD_get_size(EVP_sha256()));
    EVP_MD_CTX_free(ctx);
}

static void ciphers(void)
{
    static const unsigned char key[32] = { 1, 2, 3 };
    static const unsigned char iv[16] = { 4, 5, 6 };
    unsigned char out[64], back[64];
    int n = 0, m = 0, total, btotal;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

    check(EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv) == 1 &&
          EVP_EncryptUpdate(ctx, out, &n, (const unsigned char *)"dlcall passes libcrypto through", 31) == 1 &&
          EVP_EncryptFinal_ex(ctx, out + n, &m) == 1, "EVP_Encrypt");
    total = n + m;
    hex("aes-256-cbc", out, total);
    check(EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv) == 1 &&
          EVP_DecryptUpdate(ctx, back, &n, out, total) == 1 &&
          EVP_DecryptFinal_ex(ctx, back + n, &m) == 1, "EVP_Decrypt");
    btotal = n + m;
    check(btotal == 31 && memcmp(back, "dlcall passes libcrypto through", 31) == 0, "round trip");
    EVP_CIPHER_CTX_free(ctx);
}

static int by_length(const char *const *a, const char *const *b)
{
    return (int)strlen(*a) - (int)strlen(*b);
}

static void deferred_comparator(void)
{
    /* The comparator is handed over here but called by sort and find, later. */
    STACK_OF(OPENSSL_CSTRING) *sk = sk_OPENSSL_CSTRING_new(by_length);

    sk_OPENSSL_CSTRING_push(sk, "three");
    sk_OPENSSL_CSTRING_push(sk, "a");
    sk_OPENSSL_CSTRING_push(sk, "xy");
    sk_OPENSSL_CSTRING_sort(sk);
    printf("sorted %s %s %s\n", sk_OPENSSL_CSTRING_value(sk, 0), sk_OPENSSL_CSTRING_value(sk, 1),
           sk_OPENSSL_CSTRING_value(sk, 2));
    check(sk_OPENSSL_CSTRING_find(sk, "zz") == 1, "find with the guest comparator");
    sk_OPENSSL_CSTRING_free(sk);
}

static char sink[256];
static size_t sink_len;

static int sink_write(BIO *b, const char *data, int len)
{
    (void)b;
    if (sink_len + (size_t)len >= sizeof(sink)) {
        return -1;
    }
    for (int i = 0; i < len; i++) {
        sink[sink_len++] = data[i];
    }
    return len;
}

static long sink_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b, (void)num, (void)ptr;
    return cmd == BIO_CTRL_FLUSH;
}

static void guest_bio(void)
{
    BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "guest sink");
    BIO *b;

    BIO_meth_set_write(m, sink_write);
    BIO_meth_set_ctrl(m, sink_ctrl);
    b = BIO_new(m);
    BIO_set_init(b, 1);
    /* BIO_printf formats on the guest; the host's base64 filter calls sink_write. */
    BIO_printf(b, "%s=%d;", "answer", 42);
    {
        BIO *b64 = BIO_push(BIO_new(BIO_f_base64()), b);

        BIO_write(b64, "dlcall", 6);
        (void)BIO_flush(b64);
        BIO_pop(b64);
        BIO_free(b64);
    }
    printf("guest sink: %.*s", (int)sink_len, sink);
    BIO_free(b);
    BIO_meth_free(m);
}

/* Length and flags of the last error's data, and how many errors the queue holds. */
static void print_error_data(const char *what)
{
    const char *data = NULL;
    int flags = 0, n = 0;
    size_t len;

    ERR_peek_last_error_data(&data, &flags);
    len = data != NULL ? strlen(data) : 0; /* popping the errors frees it */
    while (ERR_get_error() != 0) {
        n++;
    }
    printf("%s: data length %zu flags %d errors %d\n", what, len, flags, n);
}

/*
 * Error data around OpenSSL's limits: ERR_vset_error formats into a 1 KiB
 * buffer and keeps no text when it does not fit (BIO_vsnprintf fails: an
 * earlier override kept the whole text); ERR_add_error_data has no limit
 * (ERR_add_error_txt, which an earlier override used, splits at 4 KiB).
 */
static void long_error_data(void)
{
    static char text[5000];

    memset(text, 'a', sizeof(text) - 1);
    text[1023] = '\0';
    ERR_raise_data(ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "%s", text);
    print_error_data("1023 formatted");
    text[1023] = 'a';
    text[1024] = '\0';
    ERR_raise_data(ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "%s", text);
    print_error_data("1024 formatted");
    text[1024] = 'a';
    ERR_raise(ERR_LIB_EVP, EVP_R_BAD_DECRYPT);
    ERR_add_error_data(2, text, text);
    print_error_data("9998 added");
    ERR_raise_data(ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "");
    ERR_add_error_data(0);
    print_error_data("empty formatted, none added");
    ERR_raise(ERR_LIB_EVP, EVP_R_BAD_DECRYPT);
    ERR_add_error_data(0);
    print_error_data("none added");
}

static void errors(void)
{
    char buf[256];
    const char *data = NULL;
    int flags = 0;

    ERR_clear_error();
    ERR_raise_data(ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "detail %d/%s", 7, "x");
    ERR_peek_last_error_data(&data, &flags);
    ERR_error_string_n(ERR_peek_last_error(), buf, sizeof(buf));
    printf("error %s data %s\n", strstr(buf, ":") ? strstr(buf, ":") + 1 : buf, data ? data : "(none)");
    ERR_add_error_data(2, " more", NULL);
    ERR_peek_last_error_data(&data, &flags);
    printf("data %s\n", data ? data : "(none)");
    ERR_clear_error();
    long_error_data();
}

int main(void)
{
    digests();
    ciphers();
    deferred_comparator();
    guest_bio();
    errors();
    printf("%s evp\n", failures == 0 ? "PASS" : "FAIL");
    return failures != 0;
}
