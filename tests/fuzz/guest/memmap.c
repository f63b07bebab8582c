/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memmap: host and guest allocations interleaved in one address space.
 *
 * Under QEMU linux-user (guest_base 0) the guest's memory and the memory
 * host libraries get from the host allocator share one process. This
 * allocates, by default, 1 GiB in total: blocks of 64 B to 4 MiB, by the
 * host (malloc or mmap in libdlcall_memlib.so, through INVOKE_PROC) and by
 * the guest (malloc or mmap), in random order, freeing some as it goes.
 * Every new block is checked against every live one for overlap, and
 * after each round of 64 MiB every live block's fill is verified by the
 * side that wrote it (and each guest block is also summed by the host,
 * which must read the same bytes at the same address). Each round also
 * asks the guest kernel for one page over a live host block with
 * MAP_FIXED_NOREPLACE, which must not be granted.
 *
 * Usage: memmap <host libdlcall_memlib.so> [total MiB] [seed]
 */
#define E2E_FEATURE "memmap"
#include "../../e2e/common/e2e.h"

#include <errno.h>
#include <inttypes.h>
#include <sys/mman.h>

#include "../hostlib/memlib.h"

#define DEFAULT_MIB 1024
#define DEFAULT_SEED 20261129
#define ROUND_BYTES (64ULL << 20)
#define MAX_LIVE 192
#define PAGE ((uint64_t)4096)

enum side { HOST, GUEST };

struct block {
    struct memlib_block m;
    enum side side;
};

struct totals {
    uint64_t bytes[2], blocks[2], freed, checks, probes, pairs;
    uint64_t lo[2], hi[2]; /* the span each side's blocks covered */
};

static struct block live[MAX_LIVE];
static int nlive;
static struct totals t;
static uint64_t rng;
static dlcall_fn f_alloc, f_check, f_free, f_sum;
static const char *const side_name[] = { "host", "guest" };
static const char *const kind_name[] = { "malloc", "mmap" };

static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t host_call(dlcall_fn f, struct memlib_block *b)
{
    uint64_t ret = 0;

    if (dlcall_invoke(f, b, &ret) != 0) {
        e2e_fail("INVOKE_PROC of the host library failed");
    }
    return ret;
}

/* 64 B .. 4 MiB, every power of two as likely; mmap'd blocks are whole pages. */
static uint64_t pick_size(enum memlib_kind kind)
{
    uint64_t shift = 6 + next() % 17, size = (1ULL << shift) + next() % (1ULL << shift);

    size = size > (4ULL << 20) ? 4ULL << 20 : size;
    return kind == MEMLIB_MMAP ? (size + PAGE - 1) & ~(PAGE - 1) : size & ~7ULL;
}

static void guest_alloc(struct memlib_block *b)
{
    uint64_t *w;

    if (b->kind == MEMLIB_MMAP) {
        w = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        w = w == MAP_FAILED ? NULL : w;
    } else {
        w = malloc(b->size);
    }
    for (uint64_t i = 0; w != NULL && i < b->size / 8; i++) {
        w[i] = memlib_word(b->seed, i);
    }
    b->addr = (uint64_t)(uintptr_t)w;
}

static void guest_free(const struct memlib_block *b)
{
    if (b->kind == MEMLIB_MMAP) {
        E2E_CHECK(munmap((void *)(uintptr_t)b->addr, b->size) == 0);
    } else {
        free((void *)(uintptr_t)b->addr);
    }
}

static uint64_t guest_bad_words(const struct memlib_block *b)
{
    const uint64_t *w = (const uint64_t *)(uintptr_t)b->addr;
    uint64_t bad = 0;

    for (uint64_t i = 0; i < b->size / 8; i++) {
        bad += w[i] != memlib_word(b->seed, i);
    }
    return bad;
}

static void describe(const struct block *b, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s block [%#" PRIx64 ", %#" PRIx64 ")", side_name[b->side],
             kind_name[b->m.kind], b->m.addr, b->m.addr + b->m.size);
}

/* The new block @n must not share a byte with any live one. */
static void check_overlap(const struct block *n)
{
    char a[96], b[96];

    for (int i = 0; i < nlive; i++) {
        const struct memlib_block *o = &live[i].m;

        t.pairs++;
        if (n->m.addr < o->addr + o->size && o->addr < n->m.addr + n->m.size) {
            describe(n, a, sizeof(a));
            describe(&live[i], b, sizeof(b));
            e2e_fail("collision: new %s overlaps live %s", a, b);
        }
    }
}

static uint64_t allocate_one(void)
{
    struct block b = { .side = next() & 1 ? GUEST : HOST };

    b.m.kind = next() & 1 ? MEMLIB_MMAP : MEMLIB_MALLOC;
    b.m.size = pick_size(b.m.kind);
    b.m.seed = (uint32_t)next();
    if (b.side == HOST) {
        host_call(f_alloc, &b.m);
    } else {
        guest_alloc(&b.m);
    }
    if (b.m.addr == 0) {
        e2e_fail("%s %s of %" PRIu64 " bytes failed", side_name[b.side], kind_name[b.m.kind],
                 b.m.size);
    }
    check_overlap(&b);
    if (t.lo[b.side] == 0 || b.m.addr < t.lo[b.side]) {
        t.lo[b.side] = b.m.addr;
    }
    if (b.m.addr + b.m.size > t.hi[b.side]) {
        t.hi[b.side] = b.m.addr + b.m.size;
    }
    live[nlive++] = b;
    t.bytes[b.side] += b.m.size;
    t.blocks[b.side]++;
    return b.m.size;
}

static void free_one(int i)
{
    if (live[i].side == HOST) {
        host_call(f_free, &live[i].m);
    } else {
        guest_free(&live[i].m);
    }
    live[i] = live[--nlive];
    t.freed++;
}

/* Every live block holds its fill; the host reads a guest block's bytes as the guest does. */
static void verify_all(int round)
{
    char what[96];

    for (int i = 0; i < nlive; i++) {
        struct block *b = &live[i];
        uint64_t bad;

        describe(b, what, sizeof(what));
        bad = b->side == HOST ? host_call(f_check, &b->m) : guest_bad_words(&b->m);
        if (bad != 0) {
            e2e_fail("round %d: %" PRIu64 " words of %s changed", round, bad, what);
        }
        if (b->side == GUEST &&
            host_call(f_sum, &b->m) !=
                memlib_sum_words((const uint64_t *)(uintptr_t)b->m.addr, b->m.size / 8)) {
            e2e_fail("round %d: the host reads other bytes than the guest in %s", round, what);
        }
        t.checks++;
    }
}

/* The guest asks for a page exactly over a live host mmap block: it must be refused or moved. */
static void probe_fixed_noreplace(int round)
{
    for (int i = 0; i < nlive; i++) {
        const struct memlib_block *m = &live[i].m;
        void *p;

        if (live[i].side != HOST || m->kind != MEMLIB_MMAP) {
            continue;
        }
        p = mmap((void *)(uintptr_t)m->addr, PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        t.probes++;
        if (p == (void *)(uintptr_t)m->addr) {
            e2e_fail("round %d: the guest was granted MAP_FIXED_NOREPLACE over host memory at %p",
                     round, p);
        }
        if (p != MAP_FAILED) {
            E2E_CHECK(munmap(p, PAGE) == 0);
        }
        return;
    }
}

static uint64_t arg(int argc, char **argv, int i, uint64_t dflt)
{
    char *end;
    uint64_t v;

    if (argc <= i) {
        return dflt;
    }
    v = strtoull(argv[i], &end, 0);
    if (*argv[i] == '\0' || *end != '\0') {
        fprintf(stderr, "memmap: '%s' is not a number\n", argv[i]);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    const char *path = e2e_lib_path(argc, argv);
    uint64_t total = arg(argc, argv, 2, DEFAULT_MIB) << 20, done = 0;
    uint64_t seed = arg(argc, argv, 3, DEFAULT_SEED);
    void *lib;
    int round;

    e2e_require_plugin();
    rng = seed;
    lib = e2e_dlopen(path);
    f_alloc = e2e_dlsym(lib, "memlib_alloc");
    f_check = e2e_dlsym(lib, "memlib_check");
    f_free = e2e_dlsym(lib, "memlib_free");
    f_sum = e2e_dlsym(lib, "memlib_sum");
    e2e_say("seed %" PRIu64 " total %" PRIu64 " MiB", seed, total >> 20);
    for (round = 0; done < total; round++) {
        uint64_t in_round = 0;

        while (in_round < ROUND_BYTES && done < total) {
            if (nlive == MAX_LIVE || (nlive > 32 && next() % 2 == 0)) {
                free_one((int)(next() % (uint64_t)nlive));
            }
            uint64_t size = allocate_one();
            in_round += size;
            done += size;
        }
        verify_all(round);
        probe_fixed_noreplace(round);
        e2e_say("round %d: %d live blocks, %" PRIu64 " MiB allocated so far", round, nlive,
                done >> 20);
    }
    verify_all(round);
    while (nlive > 0) {
        free_one(nlive - 1);
    }
    E2E_CHECK(dlcall_dlclose(lib) == 0);
    for (int side = HOST; side <= GUEST; side++) {
        e2e_say("memmap: %s blocks spanned [%#" PRIx64 ", %#" PRIx64 ")", side_name[side],
                t.lo[side], t.hi[side]);
    }
    e2e_say("memmap: rounds %d host %" PRIu64 " MiB in %" PRIu64 " blocks guest %" PRIu64
            " MiB in %" PRIu64 " blocks pages %" PRIu64 " overlap_checks %" PRIu64
            " fill_checks %" PRIu64 " probes %" PRIu64,
            round, t.bytes[HOST] >> 20, t.blocks[HOST], t.bytes[GUEST] >> 20, t.blocks[GUEST],
            (t.bytes[HOST] + t.bytes[GUEST]) / PAGE, t.pairs, t.checks, t.probes);
    e2e_pass();
    return 0;
}
