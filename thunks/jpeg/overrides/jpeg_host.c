/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of libjpeg's boundary (docs/Longjmp.md, "libjpeg").
 *
 * A cinfo lives in guest memory and both sides use its method tables: the
 * guest's error manager (cinfo->err, from the guest library's
 * jpeg_std_error), source or destination manager (cinfo->src/dest, from the
 * guest library's jpeg_stdio_src...), progress monitor, and the host
 * library's memory manager (cinfo->mem), which programs call directly (djpeg's
 * output modules, jpegtran's transupp). Outside host calls the cinfo is in the
 * guest's view: guest functions, and cinfo->mem a proxy of guest functions
 * (jpeg_guest.c) calling the host's. Around every host call (spec hostHooks)
 * and back around every guest callback it is switched to the host's view:
 * guest methods become trampolines, error_exit one that raises, cinfo->mem
 * the host table. Only function pointers change: msg_code, bytes_in_buffer...
 * are the same memory for both.
 *
 * The host library's memory comes from the guest-mapped heap (spec
 * guestHeap.gotSlots): programs fread/fwrite libjpeg's buffers themselves,
 * which host malloc'd pages would fail (EFAULT).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#define DLCALL_JPEG_MEM_METHODS 11

/* The guest's memory-manager proxy (jpeg_guest.c allocates nothing: the host makes them here). */
struct dlcall_jpeg_proxy {
    struct jpeg_memory_mgr pub;
    struct jpeg_memory_mgr *host;
};

static uint64_t dlcall_jpeg_invoker;                            /* guest: (cinfo, long) -> long */
static uint64_t dlcall_jpeg_proxy_fns[DLCALL_JPEG_MEM_METHODS]; /* guest proxy methods */

static pthread_mutex_t dlcall_jpeg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { struct jpeg_memory_mgr *host; struct dlcall_jpeg_proxy *proxy; } *dlcall_jpeg_proxies;
static size_t dlcall_jpeg_nproxies, dlcall_jpeg_cap;

static long dlcall_jpeg_cb_entry(void *cinfo, long arg);
static long dlcall_jpeg_raise_entry(void *cinfo, long arg);

static int dlcall_jpeg_is_proxy(const struct jpeg_memory_mgr *m)
{
    return m != NULL && (uint64_t)(uintptr_t)m->alloc_small == dlcall_jpeg_proxy_fns[0];
}

/* A guest method as a trampoline through @entry; NULL, trampolines and host code stay. */
static void *dlcall_jpeg_wrap(void *fn, void *entry, const char *what)
{
    Dl_info info;

    if (fn == NULL || dlcall_rt_guest_fn(fn) != (uint64_t)(uintptr_t)fn || dladdr(fn, &info) != 0) {
        return fn;
    }
    return dlcall_rt_trampoline((uint64_t)(uintptr_t)fn, dlcall_jpeg_invoker, entry, what);
}

#define DLCALL_JPEG_WRAP(f, entry, what) ((f) = (__typeof__(f))dlcall_jpeg_wrap((void *)(f), (void *)(entry), (what)))
#define DLCALL_JPEG_UNWRAP(f) ((f) = (__typeof__(f))(uintptr_t)dlcall_rt_guest_fn((const void *)(f)))

static struct dlcall_jpeg_proxy *dlcall_jpeg_proxy_of(struct jpeg_memory_mgr *host)
{
    struct dlcall_jpeg_proxy *p = NULL;

    pthread_mutex_lock(&dlcall_jpeg_lock);
    for (size_t i = 0; i < dlcall_jpeg_nproxies; i++) {
        if (dlcall_jpeg_proxies[i].host == host) {
            p = dlcall_jpeg_proxies[i].proxy;
            break;
        }
    }
    if (p == NULL && (dlcall_jpeg_nproxies < dlcall_jpeg_cap || (dlcall_jpeg_cap = dlcall_jpeg_cap ? 2 * dlcall_jpeg_cap : 16,
            dlcall_jpeg_proxies = realloc(dlcall_jpeg_proxies, dlcall_jpeg_cap * sizeof(*dlcall_jpeg_proxies))) != NULL)) {
        p = dlcall_rt_heap_alloc(sizeof(*p));
        if (p != NULL) {
            memcpy(&p->pub, dlcall_jpeg_proxy_fns, sizeof(dlcall_jpeg_proxy_fns));
            p->host = host;
            dlcall_jpeg_proxies[dlcall_jpeg_nproxies].host = host;
            dlcall_jpeg_proxies[dlcall_jpeg_nproxies++].proxy = p;
        }
    }
    pthread_mutex_unlock(&dlcall_jpeg_lock);
    if (p == NULL) {
        dlcall_rt_raise(1, 0); /* no memory for the proxy: stopped below with dlcall's message */
    }
    return p;
}

/* jpeg_destroy freed the host table: its proxy goes too. */
static void dlcall_jpeg_forget(struct dlcall_jpeg_proxy *p)
{
    pthread_mutex_lock(&dlcall_jpeg_lock);
    for (size_t i = 0; i < dlcall_jpeg_nproxies; i++) {
        if (dlcall_jpeg_proxies[i].proxy == p) {
            dlcall_jpeg_proxies[i] = dlcall_jpeg_proxies[--dlcall_jpeg_nproxies];
            dlcall_rt_heap_free(p);
            break;
        }
    }
    pthread_mutex_unlock(&dlcall_jpeg_lock);
}

static void dlcall_jpeg_err_to_host(j_common_ptr c)
{
    struct jpeg_error_mgr *e = c->err;

    /* The library calls these three; output_message and format_message only the guest does. */
    if (e != NULL) {
        DLCALL_JPEG_WRAP(e->error_exit, dlcall_jpeg_raise_entry, "jpeg: error_exit");
        DLCALL_JPEG_WRAP(e->emit_message, dlcall_jpeg_cb_entry, "jpeg: emit_message");
        DLCALL_JPEG_WRAP(e->reset_error_mgr, dlcall_jpeg_cb_entry, "jpeg: reset_error_mgr");
    }
}

static void dlcall_jpeg_to_host(j_common_ptr c)
{
    dlcall_jpeg_err_to_host(c);
    if (dlcall_jpeg_is_proxy(c->mem)) {
        struct dlcall_jpeg_proxy *p = (struct dlcall_jpeg_proxy *)c->mem;

        p->host->max_memory_to_use = p->pub.max_memory_to_use; /* djpeg -maxmemory sets it */
        p->host->max_alloc_chunk = p->pub.max_alloc_chunk;
        c->mem = p->host;
    }
    if (c->progress != NULL) {
        DLCALL_JPEG_WRAP(c->progress->progress_monitor, dlcall_jpeg_cb_entry, "jpeg: progress_monitor");
    }
    if (c->is_decompressor) {
        struct jpeg_source_mgr *s = ((j_decompress_ptr)c)->src;

        if (s != NULL) {
            DLCALL_JPEG_WRAP(s->init_source, dlcall_jpeg_cb_entry, "jpeg: src.init_source");
            DLCALL_JPEG_WRAP(s->fill_input_buffer, dlcall_jpeg_cb_entry, "jpeg: src.fill_input_buffer");
            DLCALL_JPEG_WRAP(s->skip_input_data, dlcall_jpeg_cb_entry, "jpeg: src.skip_input_data");
            DLCALL_JPEG_WRAP(s->resync_to_restart, dlcall_jpeg_cb_entry, "jpeg: src.resync_to_restart");
            DLCALL_JPEG_WRAP(s->term_source, dlcall_jpeg_cb_entry, "jpeg: src.term_source");
        }
    } else {
        struct jpeg_destination_mgr *d = ((j_compress_ptr)c)->dest;

        if (d != NULL) {
            DLCALL_JPEG_WRAP(d->init_destination, dlcall_jpeg_cb_entry, "jpeg: dest.init_destination");
            DLCALL_JPEG_WRAP(d->empty_output_buffer, dlcall_jpeg_cb_entry, "jpeg: dest.empty_output_buffer");
            DLCALL_JPEG_WRAP(d->term_destination, dlcall_jpeg_cb_entry, "jpeg: dest.term_destination");
        }
    }
}

static void dlcall_jpeg_to_guest(j_common_ptr c)
{
    struct jpeg_error_mgr *e = c->err;

    if (e != NULL) {
        DLCALL_JPEG_UNWRAP(e->error_exit);
        DLCALL_JPEG_UNWRAP(e->emit_message);
        DLCALL_JPEG_UNWRAP(e->reset_error_mgr);
    }
    if (c->mem == NULL) {
        return; /* destroyed: the pool that held src/dest is gone */
    }
    if (!dlcall_jpeg_is_proxy(c->mem)) {
        struct dlcall_jpeg_proxy *p = dlcall_jpeg_proxy_of(c->mem);

        p->pub.max_memory_to_use = c->mem->max_memory_to_use;
        p->pub.max_alloc_chunk = c->mem->max_alloc_chunk;
        c->mem = &p->pub;
    }
    if (c->progress != NULL) {
        DLCALL_JPEG_UNWRAP(c->progress->progress_monitor);
    }
    if (c->is_decompressor) {
        struct jpeg_source_mgr *s = ((j_decompress_ptr)c)->src;

        if (s != NULL) {
            DLCALL_JPEG_UNWRAP(s->init_source);
            DLCALL_JPEG_UNWRAP(s->fill_input_buffer);
            DLCALL_JPEG_UNWRAP(s->skip_input_data);
            DLCALL_JPEG_UNWRAP(s->resync_to_restart);
            DLCALL_JPEG_UNWRAP(s->term_source);
        }
    } else {
        struct jpeg_destination_mgr *d = ((j_compress_ptr)c)->dest;

        if (d != NULL) {
            DLCALL_JPEG_UNWRAP(d->init_destination);
            DLCALL_JPEG_UNWRAP(d->empty_output_buffer);
            DLCALL_JPEG_UNWRAP(d->term_destination);
        }
    }
}

/* Every guest method the host library calls: the guest's view while the guest runs. */
static long dlcall_jpeg_cb_entry(void *cinfo, long arg)
{
    const struct dlcall_cb_target *t = dlcall_rt_current_target();
    uint64_t argv[2] = { (uint64_t)(uintptr_t)cinfo, (uint64_t)arg };
    long r;

    dlcall_jpeg_to_guest(cinfo);
    r = (long)dlcall_rt_callback(t, argv, 2);
    dlcall_jpeg_to_host(cinfo);
    return r;
}

/* ERREXIT: back to the thunk; the stub runs the guest's error_exit (jpeg_guest.c). */
static long dlcall_jpeg_raise_entry(void *cinfo, long arg)
{
    (void)arg;
    dlcall_rt_raise(1, (uint64_t)(uintptr_t)cinfo);
}

/* spec hostHooks: around every host call taking a cinfo. The result is the proxy it came with. */
uint64_t dlcall_jpeg_enter(void *cinfo)
{
    j_common_ptr c = cinfo;
    uint64_t proxy = dlcall_jpeg_is_proxy(c->mem) ? (uint64_t)(uintptr_t)c->mem : 0;

    dlcall_jpeg_to_host(c);
    return proxy;
}

/* jpeg_CreateCompress/Decompress: only err is set yet, the rest of the struct is garbage. */
uint64_t dlcall_jpeg_enter_create(void *cinfo)
{
    dlcall_jpeg_err_to_host(cinfo);
    return 0;
}

void dlcall_jpeg_leave(void *cinfo, uint64_t proxy)
{
    j_common_ptr c = cinfo;

    dlcall_jpeg_to_guest(c);
    if (c->mem == NULL && proxy != 0) {
        dlcall_jpeg_forget((struct dlcall_jpeg_proxy *)(uintptr_t)proxy);
    }
}

/* jpeg_set_marker_processor: the guest's processor reads the source itself, in the guest's view. */
void dlcall_jpeg_set_marker_processor(j_decompress_ptr cinfo, int marker_code, jpeg_marker_parser_method routine)
{
    void *fn = (void *)(uintptr_t)dlcall_rt_guest_fn((const void *)routine);

    jpeg_set_marker_processor(cinfo, marker_code,
                              (jpeg_marker_parser_method)dlcall_jpeg_wrap(fn, (void *)dlcall_jpeg_cb_entry, "jpeg: marker processor"));
}

/* The guest's proxy methods: a = { method, cinfo, up to 5 arguments, raised (out) }. */
void dlcall_jpeg_mem(void *args, void *ret)
{
    uint64_t *a = args;
    j_common_ptr c = (j_common_ptr)(uintptr_t)a[1];
    uint64_t hk = dlcall_jpeg_enter(c), r = 0;
    struct jpeg_memory_mgr *m = c->mem;
    struct dlcall_raise_point rp;

    dlcall_rt_raise_push(&rp);
    if (_setjmp(rp.jb) == 0) {
        switch (a[0]) {
        case 0: r = (uintptr_t)m->alloc_small(c, (int)a[2], (size_t)a[3]); break;
        case 1: r = (uintptr_t)m->alloc_large(c, (int)a[2], (size_t)a[3]); break;
        case 2: r = (uintptr_t)m->alloc_sarray(c, (int)a[2], (JDIMENSION)a[3], (JDIMENSION)a[4]); break;
        case 3: r = (uintptr_t)m->alloc_barray(c, (int)a[2], (JDIMENSION)a[3], (JDIMENSION)a[4]); break;
        case 4: r = (uintptr_t)m->request_virt_sarray(c, (int)a[2], (boolean)a[3], (JDIMENSION)a[4], (JDIMENSION)a[5], (JDIMENSION)a[6]); break;
        case 5: r = (uintptr_t)m->request_virt_barray(c, (int)a[2], (boolean)a[3], (JDIMENSION)a[4], (JDIMENSION)a[5], (JDIMENSION)a[6]); break;
        case 6: m->realize_virt_arrays(c); break;
        case 7: r = (uintptr_t)m->access_virt_sarray(c, (jvirt_sarray_ptr)(uintptr_t)a[2], (JDIMENSION)a[3], (JDIMENSION)a[4], (boolean)a[5]); break;
        case 8: r = (uintptr_t)m->access_virt_barray(c, (jvirt_barray_ptr)(uintptr_t)a[2], (JDIMENSION)a[3], (JDIMENSION)a[4], (boolean)a[5]); break;
        case 9: m->free_pool(c, (int)a[2]); break;
        case 10: m->self_destruct(c); break;
        }
    }
    dlcall_rt_raise_pop(&rp);
    dlcall_jpeg_leave(c, hk);
    a[7] = (uint64_t)rp.raised;
    *(uint64_t *)ret = r;
}

/* Once, by the stub's constructor (after guestHeap): a = { invoker, proxy methods[11] }. */
void dlcall_jpeg_init(void *args, void *ret)
{
    const uint64_t *a = args;

    (void)ret;
    dlcall_jpeg_invoker = a[0];
    memcpy(dlcall_jpeg_proxy_fns, a + 1, sizeof(dlcall_jpeg_proxy_fns));
}
