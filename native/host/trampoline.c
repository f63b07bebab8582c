/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trampolines: host function pointers that stand for guest functions.
 *
 * A host library calls a trampoline like any function of the callback's
 * type. Each one is a 16-byte stub
 *
 *     movabs $binding, %r11
 *     jmp    *32(%r11)          ; binding->shim = dlcall_tramp_common
 *
 * and the shim (switch_x86_64.S) puts the binding into a TLS slot and
 * jumps to binding->host_entry, the host function with the callback's real
 * signature, which reads the binding back with dlcall_rt_current_target().
 *
 * Stubs come in chunks of STUBS_PER_CHUNK, written once and made read+exec
 * before any is handed out; a stub's variable part is its binding, kept in
 * ordinary memory. So no code page is ever writable while another thread
 * may execute it, and nothing needs RWX memory. Chunks and bindings are
 * never freed: host code may keep a callback pointer as long as it likes.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

__thread const struct dlcall_cb_target *dlcall__tls_target
    __attribute__((tls_model("initial-exec")));

#define STUB_SIZE 16
#define STUBS_PER_CHUNK 256
#define CHUNK_CODE_SIZE (STUB_SIZE * STUBS_PER_CHUNK)

struct binding {
    struct dlcall_cb_target t; /* first: handed out as the target */
    void (*shim)(void);        /* the stub jumps through this */
    struct binding *hash_next; /* under lock */
    void *tramp;               /* the stub */
};

/* The stub and the shim hard-code these offsets. */
_Static_assert(offsetof(struct binding, t.host_entry) == 16,
               "BINDING_HOST_ENTRY in switch_x86_64.S");
_Static_assert(offsetof(struct binding, shim) == 32, "stub's jmp offset");

struct chunk {
    uint8_t *code;             /* STUBS_PER_CHUNK stubs, read+exec */
    struct binding *bindings;  /* one per stub */
    _Atomic unsigned used;     /* bindings[0..used) are handed out */
    struct chunk *next;        /* older chunk; immutable once published */
};

/* Newest chunk first. Readers walk it without the lock. */
static _Atomic(struct chunk *) chunks;

/* (guest_fn, guest_invoker, host_entry) -> binding; all under lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct binding **buckets;
static size_t nbuckets;
static size_t nbindings;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (p == NULL) {
        dlcall_host_fatal("out of memory for callback trampolines");
    }
    return p;
}

static void write_stub(uint8_t *p, const struct binding *b)
{
    uint64_t addr = (uintptr_t)b;

    p[0] = 0x49; /* movabs $addr, %r11 */
    p[1] = 0xbb;
    memcpy(p + 2, &addr, sizeof(addr));
    p[10] = 0x41; /* jmp *disp8(%r11) */
    p[11] = 0xff;
    p[12] = 0x63;
    p[13] = offsetof(struct binding, shim);
    p[14] = 0xcc; /* int3 padding, never reached */
    p[15] = 0xcc;
}

/* A new chunk, ready to execute, becomes the head of the list. */
static struct chunk *new_chunk(void)
{
    struct chunk *c = xcalloc(1, sizeof(*c));

    c->bindings = xcalloc(STUBS_PER_CHUNK, sizeof(*c->bindings));
    c->code = mmap(NULL, CHUNK_CODE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c->code == MAP_FAILED) {
        dlcall_host_fatal("cannot map callback trampolines: %m");
    }
    for (int i = 0; i < STUBS_PER_CHUNK; i++) {
        c->bindings[i].shim = dlcall_tramp_common;
        c->bindings[i].tramp = c->code + i * STUB_SIZE;
        write_stub(c->bindings[i].tramp, &c->bindings[i]);
    }
    if (mprotect(c->code, CHUNK_CODE_SIZE, PROT_READ | PROT_EXEC) != 0) {
        dlcall_host_fatal("cannot make callback trampolines executable: %m");
    }
    c->next = atomic_load_explicit(&chunks, memory_order_relaxed);
    atomic_store_explicit(&chunks, c, memory_order_release);
    return c;
}

static size_t hash_key(uint64_t fn, uint64_t invoker, const void *entry)
{
    uint64_t h = fn * 0x9e3779b97f4a7c15ull;

    h ^= invoker * 0xc2b2ae3d27d4eb4full + (uintptr_t)entry;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return (size_t)(h ^ (h >> 29));
}

static struct binding **bucket_of(uint64_t fn, uint64_t invoker,
                                  const void *entry)
{
    return &buckets[hash_key(fn, invoker, entry) & (nbuckets - 1)];
}

/* Keeps chains short: doubles the table when it is twice as full. */
static void maybe_grow(void)
{
    struct binding **old = buckets;
    size_t old_n = nbuckets;

    if (nbindings < 2 * nbuckets) {
        return;
    }
    nbuckets = old_n ? 2 * old_n : 64;
    buckets = xcalloc(nbuckets, sizeof(*buckets));
    for (size_t i = 0; i < old_n; i++) {
        struct binding *b = old[i];

        while (b != NULL) {
            struct binding *next = b->hash_next;
            struct binding **head = bucket_of(b->t.guest_fn,
                                              b->t.guest_invoker,
                                              b->t.host_entry);

            b->hash_next = *head;
            *head = b;
            b = next;
        }
    }
    free(old);
}

static struct binding *find(uint64_t fn, uint64_t invoker, void *entry)
{
    if (nbuckets == 0) {
        return NULL;
    }
    for (struct binding *b = *bucket_of(fn, invoker, entry); b != NULL;
         b = b->hash_next) {
        if (b->t.guest_fn == fn && b->t.guest_invoker == invoker &&
            b->t.host_entry == entry) {
            return b;
        }
    }
    return NULL;
}

static struct binding *add(uint64_t fn, uint64_t invoker, void *entry,
                           const char *what)
{
    struct chunk *c = atomic_load_explicit(&chunks, memory_order_relaxed);
    unsigned i = c ? atomic_load_explicit(&c->used, memory_order_relaxed)
                   : STUBS_PER_CHUNK;
    struct binding *b;
    struct binding **head;

    if (i == STUBS_PER_CHUNK) {
        c = new_chunk();
        i = 0;
    }
    b = &c->bindings[i];
    b->t = (struct dlcall_cb_target){ fn, invoker, entry, what };
    /* Publishes the binding to dlcall_rt_guest_fn() on other threads. */
    atomic_store_explicit(&c->used, i + 1, memory_order_release);
    nbindings++;
    maybe_grow();
    head = bucket_of(fn, invoker, entry);
    b->hash_next = *head;
    *head = b;
    return b;
}

void *dlcall_rt_trampoline(uint64_t guest_fn, uint64_t guest_invoker,
                           void *host_entry, const char *what)
{
    struct binding *b;

    /* NULL, (T)-1 and their neighbours are markers (SQLITE_TRANSIENT), never code. */
    if (guest_fn + 4096 < 8192) {
        return (void *)(uintptr_t)guest_fn;
    }
    pthread_mutex_lock(&lock);
    b = find(guest_fn, guest_invoker, host_entry);
    if (b == NULL) {
        b = add(guest_fn, guest_invoker, host_entry, what);
    }
    pthread_mutex_unlock(&lock);
    return b->tramp;
}

uint64_t dlcall_rt_guest_fn(const void *p)
{
    uintptr_t addr = (uintptr_t)p;
    struct chunk *c = atomic_load_explicit(&chunks, memory_order_acquire);

    for (; c != NULL; c = c->next) {
        uintptr_t off = addr - (uintptr_t)c->code;

        if (off < CHUNK_CODE_SIZE) {
            unsigned i = off / STUB_SIZE;

            if (off % STUB_SIZE == 0 &&
                i < atomic_load_explicit(&c->used, memory_order_acquire)) {
                return c->bindings[i].t.guest_fn;
            }
            break;
        }
    }
    return addr;
}

const struct dlcall_cb_target *dlcall_rt_current_target(void)
{
    return dlcall__tls_target;
}
