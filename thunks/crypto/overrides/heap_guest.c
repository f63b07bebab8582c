/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of heap_host.c: reserves the address space OpenSSL's memory
 * (OPENSSL_malloc) comes from, so QEMU knows its pages as the guest's.
 * MAP_NORESERVE: only touched pages cost. DLCALL_CRYPTO_HEAP_MIB sizes it
 * (default 16 GiB).
 */
#include <sys/mman.h>

static void dlcall_guest_init(void)
{
    const char *env = getenv("DLCALL_CRYPTO_HEAP_MIB");
    uint64_t mib = env != NULL && env[0] != '\0' ? strtoull(env, NULL, 0) : 16384;
    struct { uint64_t base, size; } a = { 0, mib << 20 };
    void *base = mmap(NULL, a.size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    int rc = 0;

    if (base == MAP_FAILED) {
        fprintf(stderr, "dlcall: libcrypto.so.3: cannot reserve %llu MiB for OpenSSL's memory: %s\n"
                "dlcall: set DLCALL_CRYPTO_HEAP_MIB lower\n", (unsigned long long)mib, strerror(errno));
        exit(127);
    }
    a.base = (uint64_t)(uintptr_t)base;
    dlcall_invoke(dlcall__host_fn("dlcall_crypto_heap"), &a, &rc);
    if (rc != 1) {
        fprintf(stderr, "dlcall: libcrypto.so.3: the host libcrypto refused its allocator "
                "(it allocated before the stub loaded)\n");
        exit(127);
    }
}
