/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SSL_CTX_set_default_verify_paths: the default certificate file and directory follow the
 * guest's SSL_CERT_FILE and SSL_CERT_DIR (Python's load_default_certs after os.environ
 * changed them), which the host library cannot see: cert_env_host.c sets them for the call.
 */
int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx)
{
    struct { SSL_CTX *ctx; const char *file, *dir; } a = { ctx, getenv("SSL_CERT_FILE"), getenv("SSL_CERT_DIR") };
    int r = 0;

    dlcall_invoke(dlcall__host_fn("dlcall_ssl_default_verify_paths"), &a, &r);
    return r;
}
