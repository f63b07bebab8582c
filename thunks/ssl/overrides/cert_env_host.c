/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of SSL_CTX_set_default_verify_paths.c: the host libcrypto reads SSL_CERT_FILE and
 * SSL_CERT_DIR from the host process's environment, so the guest's values are set there for
 * the call and the host's put back after it.
 */
struct dlcall_ssl_verify_paths_args {
    SSL_CTX *ctx;
    const char *file; /* the guest's SSL_CERT_FILE, or NULL */
    const char *dir;  /* the guest's SSL_CERT_DIR, or NULL */
};

static pthread_mutex_t dlcall_ssl_env_lock = PTHREAD_MUTEX_INITIALIZER;

/* Sets @name to @value (unset for NULL); returns a copy of its old value, or NULL. */
static char *dlcall_ssl_swap_env(const char *name, const char *value)
{
    const char *old = getenv(name);
    char *saved = old != NULL ? strdup(old) : NULL;

    if (value != NULL) {
        setenv(name, value, 1);
    } else {
        unsetenv(name);
    }
    return saved;
}

void dlcall_ssl_default_verify_paths(void *args, void *ret)
{
    const struct dlcall_ssl_verify_paths_args *a = args;
    char *file, *dir;

    pthread_mutex_lock(&dlcall_ssl_env_lock);
    file = dlcall_ssl_swap_env("SSL_CERT_FILE", a->file);
    dir = dlcall_ssl_swap_env("SSL_CERT_DIR", a->dir);
    *(int *)ret = SSL_CTX_set_default_verify_paths(a->ctx);
    free(dlcall_ssl_swap_env("SSL_CERT_FILE", file));
    free(dlcall_ssl_swap_env("SSL_CERT_DIR", dir));
    free(file);
    free(dir);
    pthread_mutex_unlock(&dlcall_ssl_env_lock);
}
