/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fz_pool.c: the memory the pointer classes point into, and picking a
 * pointer of a class.
 *
 * Pages mapped once:
 *   [0] scratch: the windows valid out pointers land in (each filled with
 *       WIN_FILL before a call, so a byte written outside the object shows)
 *   [1] strings: valid NUL-terminated strings
 *   [2] edge: its last bytes hold out objects that run over the page end,
 *       strings without a NUL, and strings whose NUL is the page's last byte
 *   [3] PROT_NONE
 *   [4] read-only: terminated strings, and an unterminated tail at its end
 *   [5] PROT_NONE
 *   [6..] long: 2 * DLCALL_STRING_MAX bytes of 'L' and a NUL, for strings
 *       whose NUL is just within the plugin's limit or beyond it
 */
#include "fz_pool.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <dlcall/protocol.h>

struct fz_pool fz;

enum { P_SCRATCH, P_STRINGS, P_EDGE, P_GUARD1, P_RDONLY, P_GUARD2, P_LONG };

#define LONG_BYTES (2 * DLCALL_STRING_MAX)

#define RDONLY_UNTERM 48 /* bytes without a NUL at the read-only page's end */

static uint8_t *page(int i)
{
    return fz.base + (size_t)i * fz.page;
}

static void die(const char *why)
{
    fz.env->fail(NULL, why);
}

/* The read-only page: a few terminated strings at its start, junk at its end. */
static void fill_rdonly(void)
{
    uint8_t *p = page(P_RDONLY);
    size_t off = 0;

    for (int i = 0; fz.env->libs[i] != NULL && i < FZ_MAX_LIBS; i++) {
        size_t n = strlen(fz.env->lib_symbols[i]) + 1;

        memcpy(p + off, fz.env->lib_symbols[i], n);
        fz.rdonly_strings[fz.rdonly_count++] = (uint64_t)(uintptr_t)(p + off);
        off += n;
    }
    memcpy(p + off, DLCALL_ATTR_EMU, sizeof(DLCALL_ATTR_EMU));
    fz.rdonly_strings[fz.rdonly_count++] = (uint64_t)(uintptr_t)(p + off);
    memset(p + fz.page - RDONLY_UNTERM, 'r', RDONLY_UNTERM);
}

void fz_pool_map(const struct fz_env *env)
{
    long ps = sysconf(_SC_PAGESIZE);
    void *m;

    fz.env = env;
    fz.page = ps > 0 ? (size_t)ps : 4096;
    m = mmap(NULL, fz.page * P_LONG + LONG_BYTES, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        die("mmap of the pointer pages failed");
    }
    fz.base = m;
    fill_rdonly();
    memset(page(P_LONG), 'L', LONG_BYTES - 1);
    if (mprotect(page(P_GUARD1), fz.page, PROT_NONE) != 0 ||
        mprotect(page(P_RDONLY), fz.page, PROT_READ) != 0 ||
        mprotect(page(P_GUARD2), fz.page, PROT_NONE) != 0) {
        die("mprotect of the pointer pages failed");
    }
}

uint8_t *fz_window(int w)
{
    return page(P_SCRATCH) + (size_t)w * FZ_WIN_STRIDE;
}

void fz_windows_reset(void)
{
    memset(page(P_SCRATCH), FZ_WIN_FILL, FZ_WINDOWS * FZ_WIN_STRIDE);
}

/* The first byte of window @w that differs from the fill outside [from, to), or -1. */
long fz_window_dirty(int w, size_t from, size_t to)
{
    const uint8_t *p = fz_window(w);

    for (size_t i = 0; i < FZ_WIN_STRIDE; i++) {
        if ((i < from || i >= to) && p[i] != FZ_WIN_FILL) {
            return (long)i;
        }
    }
    return -1;
}

/* One of the addresses no mapping can ever have, of class @c. */
static uint64_t never_mapped(struct fz_src *s, enum fz_class c)
{
    static const uint64_t kernel[] = {
        UINT64_MAX, (uint64_t)-4095, (uint64_t)-14, 0xffff800000000000ULL, 0xffffffffff600000ULL,
    };

    switch (c) {
    case FZ_SMALL:
        return 1 + fz_below(s, 0xffff);
    case FZ_NONCANON:
        return 0x0000800000000000ULL + (fz_u64(s) % 0xffff000000000000ULL);
    default:
        return fz_u8(s) & 1 ? kernel[fz_below(s, 5)] : 0xffff800000000000ULL | fz_u64(s);
    }
}

/* Out classes beyond NULL and VALID, in the order a byte picks them. */
static const enum fz_class bad_outs[] = {
    FZ_SMALL, FZ_NONCANON, FZ_KERNEL, FZ_GUARD, FZ_STRADDLE, FZ_RDONLY,
};

uint64_t fz_pick_out(struct fz_src *s, int w, size_t size, enum fz_class *cls, size_t *off)
{
    uint8_t b = fz_u8(s);
    enum fz_class c = b < 144 ? FZ_VALID : b < 160 ? FZ_NULL : bad_outs[b % 6];

    if (!fz.env->bad_pointers && c != FZ_NULL) {
        c = FZ_VALID;
    }

    *cls = c;
    *off = 0;
    switch (c) {
    case FZ_VALID:
        /* Any offset, aligned or not, that keeps the object inside the window's middle. */
        *off = FZ_WIN_SLACK + fz_below(s, (uint32_t)(FZ_WIN_STRIDE - 2 * FZ_WIN_SLACK - size + 1));
        return (uint64_t)(uintptr_t)(fz_window(w) + *off);
    case FZ_NULL:
        return 0;
    case FZ_GUARD:
        return (uint64_t)(uintptr_t)(page(fz_u8(s) & 1 ? P_GUARD1 : P_GUARD2) +
                                     fz_below(s, (uint32_t)fz.page));
    case FZ_STRADDLE:
        /* The object's first 1..size-1 bytes are mapped, the rest is not. */
        return (uint64_t)(uintptr_t)(page(P_GUARD1) - 1 - fz_below(s, (uint32_t)(size - 1)));
    case FZ_RDONLY:
        return (uint64_t)(uintptr_t)(page(P_RDONLY) + fz_below(s, (uint32_t)(fz.page - size + 1)));
    default:
        return never_mapped(s, c);
    }
}

/* @text copied so that its NUL is the edge page's last byte. */
static uint64_t at_page_end(const char *text, size_t n)
{
    uint8_t *end = page(P_GUARD1);

    memcpy(end - n - 1, text, n);
    end[-1] = '\0';
    return (uint64_t)(uintptr_t)(end - n - 1);
}

/* A valid string: a known one or random bytes, in the string page, at the page end, or read-only. */
static uint64_t valid_string(struct fz_src *s, const char *const *known, bool path)
{
    char text[FZ_STR_MAX + 1];
    size_t n;
    uint8_t where = fz_u8(s);
    int count = 0;

    while (known[count] != NULL) {
        count++;
    }
    if (where < 8 && fz.rdonly_count > 0) {
        return fz.rdonly_strings[fz_below(s, (uint32_t)fz.rdonly_count)];
    }
    if (fz_u8(s) < 128) {
        /* fz_calls_init keeps every known string within FZ_STR_MAX. */
        n = strlen(strcpy(text, known[fz_below(s, (uint32_t)count)]));
    } else {
        n = fz_below(s, FZ_RANDOM_STR_MAX + 1);
        for (size_t i = 0; i < n; i++) {
            uint8_t c = fz_u8(s);
            /* Random paths stay bare names that no library has ("fz" prefix), so no
             * system library is loaded by chance. */
            text[i] = (char)(c == 0 || (path && c == '/') ? 'x' : c);
        }
        if (path && n >= 2) {
            text[0] = 'f';
            text[1] = 'z';
        }
        text[n] = '\0';
    }
    if (where < 64) {
        return at_page_end(text, n);
    }
    memcpy(page(P_STRINGS), text, n + 1);
    return (uint64_t)(uintptr_t)page(P_STRINGS);
}

/* A string without a NUL: the edge page's or the read-only page's tail. */
static uint64_t unterminated(struct fz_src *s)
{
    size_t n = 1 + fz_below(s, RDONLY_UNTERM);
    uint8_t *end;

    if (fz_u8(s) & 1) {
        return (uint64_t)(uintptr_t)(page(P_GUARD2) - n);
    }
    end = page(P_GUARD1);
    memset(end - n, 'u', n);
    return (uint64_t)(uintptr_t)(end - n);
}

/* A string of 'L's with its NUL at byte DLCALL_STRING_MAX - 1 (fits) or beyond (too long). */
static uint64_t long_string(struct fz_src *s, enum fz_class *cls)
{
    static const size_t lengths[] = {
        DLCALL_STRING_MAX - 1, DLCALL_STRING_MAX, DLCALL_STRING_MAX + 1, LONG_BYTES - 1,
    };
    size_t len = lengths[fz_below(s, 4)];

    if (len < LONG_BYTES - 1 && fz_u8(s) & 1) {
        len += fz_below(s, (uint32_t)(LONG_BYTES - 1 - len));
    }
    *cls = len < DLCALL_STRING_MAX ? FZ_VALID : FZ_LONG;
    return (uint64_t)(uintptr_t)(page(P_LONG) + LONG_BYTES - 1 - len);
}

static const enum fz_class bad_strings[] = {
    FZ_SMALL, FZ_NONCANON, FZ_KERNEL, FZ_GUARD, FZ_UNTERM, FZ_LONG, FZ_UNTERM, FZ_HOST,
};

uint64_t fz_pick_str(struct fz_src *s, const char *const *known, bool path, enum fz_class *cls)
{
    uint8_t b = fz_u8(s);
    int nbad = fz.env->host_addr ? 8 : 7;
    enum fz_class c = b < 160 ? FZ_VALID : b < 176 ? FZ_NULL : bad_strings[b % nbad];

    if (!fz.env->bad_pointers && c != FZ_NULL) {
        c = FZ_VALID;
    }

    *cls = c;
    switch (c) {
    case FZ_VALID:
        return valid_string(s, known, path);
    case FZ_NULL:
        return 0;
    case FZ_GUARD:
        return (uint64_t)(uintptr_t)(page(P_GUARD2) + fz_below(s, (uint32_t)fz.page));
    case FZ_UNTERM:
        return unterminated(s);
    case FZ_LONG:
        return long_string(s, cls);
    case FZ_HOST:
        return fz.env->host_addr;
    default:
        return never_mapped(s, c);
    }
}

/*
 * NULL (RTLD_DEFAULT), RTLD_NEXT, a library opened at init (*lib) or by
 * the calls (*opened), or, with bad pointers on, a value libdl never gave:
 * unmapped, read-only or plain writable memory.
 */
uint64_t fz_pick_handle(struct fz_src *s, enum fz_class *cls, int *lib, int *opened)
{
    static const enum fz_class bogus[] = {
        FZ_SMALL, FZ_NONCANON, FZ_KERNEL, FZ_GUARD, FZ_RDONLY, FZ_NOTHANDLE,
    };
    uint8_t b = fz_u8(s);

    *lib = *opened = -1;
    if (b < 24) {
        *cls = FZ_NULL;
        return 0;
    }
    if (b < 32) {
        *cls = FZ_RTLD_NEXT;
        return UINT64_MAX; /* glibc's RTLD_NEXT, ((void *)-1) */
    }
    if (b >= 208 && fz.env->bad_pointers) {
        *cls = bogus[b % 6];
        switch (*cls) {
        case FZ_NOTHANDLE: /* writable memory: what a careless dlclose would scribble on */
            return (uint64_t)(uintptr_t)(fz_window(2) + FZ_WIN_SLACK);
        case FZ_GUARD:
            return (uint64_t)(uintptr_t)(page(P_GUARD2) + fz_below(s, (uint32_t)fz.page));
        case FZ_RDONLY:
            return (uint64_t)(uintptr_t)(page(P_RDONLY) + 8 * fz_below(s, 64));
        default: {
            uint64_t v = never_mapped(s, *cls);

            *cls = v == UINT64_MAX ? FZ_RTLD_NEXT : *cls; /* -1 is RTLD_NEXT */
            return v;
        }
        }
    }
    *cls = FZ_HANDLE;
    if (b >= 144 && fz.opened[b % FZ_MAX_OPENED].refs > 0) {
        *opened = b % FZ_MAX_OPENED;
        return fz.opened[*opened].handle;
    }
    *lib = b % fz.lib_count;
    return fz.lib_handles[*lib];
}
