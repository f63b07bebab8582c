/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz_src.c: the bytes that choose each call. A fuzzer's input is read
 * front to back (zeros once it is used up, so every input is a complete
 * sequence of calls); a seed drives splitmix64 instead, so a guest run
 * is reproduced by its seed alone.
 */
#include "fz.h"

void fz_src_bytes(struct fz_src *s, const uint8_t *data, size_t size)
{
    *s = (struct fz_src){ .data = data, .size = size };
}

void fz_src_seed(struct fz_src *s, uint64_t seed)
{
    *s = (struct fz_src){ .state = seed };
}

bool fz_src_more(const struct fz_src *s)
{
    return s->data == NULL || s->pos < s->size;
}

/* splitmix64 (Steele, Lea, Flood 2014): small, fast, every seed is good. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint8_t fz_u8(struct fz_src *s)
{
    if (s->data == NULL) {
        return (uint8_t)splitmix64(&s->state);
    }
    return s->pos < s->size ? s->data[s->pos++] : 0;
}

uint64_t fz_u64(struct fz_src *s)
{
    uint64_t v = 0;

    if (s->data == NULL) {
        return splitmix64(&s->state);
    }
    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)fz_u8(s) << (8 * i);
    }
    return v;
}

uint32_t fz_below(struct fz_src *s, uint32_t n)
{
    return n <= 256 ? fz_u8(s) % n : (uint32_t)(fz_u64(s) % n);
}
