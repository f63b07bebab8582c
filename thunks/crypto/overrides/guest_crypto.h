/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by libcrypto's guest overrides (included by each, once).
 *
 * Buffers the host library hands to guest code (an OPENSSL_malloc'd I/O
 * buffer, say) are host memory: plain loads and stores reach it, but guest
 * libc's SVE copies and the kernel (read/write) through QEMU refuse it. So
 * data between guest stdio and such a buffer goes through guest memory,
 * copied by the loops below, which GCC must not turn into memcpy calls.
 */
#ifndef DLCALL_GUEST_CRYPTO_H
#define DLCALL_GUEST_CRYPTO_H

#define DLCALL_PLAIN_COPY \
    __attribute__((optimize("no-tree-loop-distribute-patterns"), noinline))

/* memcpy with plain loads and stores: either side may be host memory. */
static DLCALL_PLAIN_COPY void dlcall_plain_copy(void *dst, const void *src,
                                                size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
        for (; n >= 8; n -= 8, d += 8, s += 8) {
            *(uint64_t *)d = *(const uint64_t *)s;
        }
    }
    for (; n > 0; n--) {
        *d++ = *s++;
    }
}

/* strlen with plain loads. */
static DLCALL_PLAIN_COPY size_t dlcall_plain_strlen(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0') {
        n++;
    }
    return n;
}

#endif /* DLCALL_GUEST_CRYPTO_H */
