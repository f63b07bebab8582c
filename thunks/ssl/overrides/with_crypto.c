/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libssl's objects are the host libcrypto's (the SSL's BIOs, certificates, keys): a guest
 * libcrypto handed them would read host memory as its own structs. So the stub runs only
 * next to the libcrypto stub, which sits in the same directory (dlcall run's overlay).
 */
#include <dlfcn.h>
#include <libgen.h>

static int dlcall_ssl_dir_of(const void *p, char *dir, size_t size)
{
    Dl_info info;
    char *d;

    if (p == NULL || dladdr(p, &info) == 0 || info.dli_fname == NULL) {
        return -1;
    }
    snprintf(dir, size, "%s", info.dli_fname);
    d = dirname(dir);
    memmove(dir, d, strlen(d) + 1);
    return 0;
}

static void dlcall_guest_init(void)
{
    char self[4096], crypto[4096];

    if (dlcall_ssl_dir_of((const void *)dlcall_guest_init, self, sizeof(self)) != 0
        || dlcall_ssl_dir_of(dlsym(RTLD_DEFAULT, "OPENSSL_init_crypto"), crypto, sizeof(crypto)) != 0
        || strcmp(self, crypto) != 0) {
        fprintf(stderr, "dlcall: libssl.so.3 passes through only with libcrypto.so.3 "
                "(--passthrough crypto,ssl): its objects live in the host's libcrypto\n");
        exit(127);
    }
}
