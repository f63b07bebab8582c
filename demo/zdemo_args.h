/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The argument block the guest packs for the host adapters (same layout on
 * every 64-bit little-endian ISA: pointers and 64-bit integers only). */
#ifndef ZDEMO_ARGS_H
#define ZDEMO_ARGS_H

#include <stdint.h>

struct zdemo_compress_args {
    unsigned char *dest;
    uint64_t dest_len; /* in: capacity, out: bytes written */
    const unsigned char *source;
    uint64_t source_len;
    int64_t level;
};

#endif
