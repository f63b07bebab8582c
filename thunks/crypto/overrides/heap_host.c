/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * OpenSSL's memory, on the host, in pages the guest mapped (spec guestHeap).
 *
 * Programs read and write through buffers they get from OPENSSL_malloc
 * (openssl s_client's app_malloc'd socket and terminal buffers, read(2) and
 * write(2) on them). Host malloc'd pages are unknown to QEMU: a guest
 * syscall on them fails with EFAULT. So libcrypto allocates from the
 * guest-mapped heap of the host runtime (dlcall_host.h): these adapt its
 * functions to CRYPTO_set_mem_functions, which the spec's guestHeap calls
 * before the host libcrypto allocates anything.
 */

static void *dlcall_heap_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return dlcall_rt_heap_alloc(n); /* NULL: OpenSSL reports ERR_R_MALLOC_FAILURE */
}

static void dlcall_heap_release(void *q, const char *file, int line)
{
    (void)file;
    (void)line;
    dlcall_rt_heap_free(q);
}

/* CRYPTO_realloc hands size 0 to the installed function: free, as OpenSSL's own does. */
static void *dlcall_heap_realloc(void *q, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    if (q != NULL && n == 0) {
        dlcall_rt_heap_free(q);
        return NULL;
    }
    return dlcall_rt_heap_realloc(q, n);
}
