/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of libjpeg's boundary (spec guestInit) (jpeg_host.c, docs/Longjmp.md): the one
 * invoker of every guest method the host calls, the memory-manager proxy the
 * guest sees as cinfo->mem, and the raise that runs the guest's error_exit.
 */

/* A host call of a helper of jpeg_host.c, on the callback path (ERREXIT inside may reach guest code). */
static void dlcall_jpeg_host_call(dlcall_fn fn, void *args, void *ret)
{
    struct dlcall_frame frame = {
        .thunk = (uint64_t)(uintptr_t)fn,
        .args = (uint64_t)(uintptr_t)args,
        .ret = (uint64_t)(uintptr_t)ret,
    };

    dlcall_call_host(&dlcall__rt, &frame);
}

/* Every method the host calls takes (cinfo) or (cinfo, int/long) and returns void or boolean. */
static void dlcall_jpeg_invoke(uint64_t fn, const uint64_t *argv, uint64_t *ret)
{
    *ret = (uint64_t)((long (*)(void *, long))(uintptr_t)fn)((void *)(uintptr_t)argv[0], (long)argv[1]);
}

/* A raised host call (ERREXIT): the guest's own error_exit, with the message code the host library
 * wrote into the guest's jpeg_error_mgr. jpeg_std_error's prints and exits; a program's longjmps. */
__attribute__((noreturn)) static void dlcall_jpeg_raise(int value, uint64_t arg)
{
    j_common_ptr cinfo = (j_common_ptr)(uintptr_t)arg;

    (void)value;
    if (cinfo != NULL && cinfo->err != NULL && cinfo->err->error_exit != NULL) {
        (*cinfo->err->error_exit)(cinfo);
    }
    fprintf(stderr, "dlcall: libjpeg.so.62: %s\n", cinfo == NULL ? "out of memory in dlcall's libjpeg boundary"
            : "the program's error_exit returned, which libjpeg does not allow");
    abort();
}

static dlcall_fn dlcall_jpeg_mem_fn;

static uint64_t dlcall_jpeg_mem_call(uint64_t method, j_common_ptr cinfo, uint64_t a2, uint64_t a3, uint64_t a4,
                                     uint64_t a5, uint64_t a6)
{
    uint64_t a[8] = { method, (uint64_t)(uintptr_t)cinfo, a2, a3, a4, a5, a6, 0 }, r = 0;

    dlcall_jpeg_host_call(dlcall_jpeg_mem_fn, a, &r);
    if (a[7]) {
        dlcall_jpeg_raise(1, (uint64_t)(uintptr_t)cinfo);
    }
    return r;
}

#define P(x) ((uint64_t)(uintptr_t)(x))
static void *dlcall_jpeg_alloc_small(j_common_ptr c, int pool, size_t n)
{ return (void *)(uintptr_t)dlcall_jpeg_mem_call(0, c, (uint64_t)pool, n, 0, 0, 0); }
static void *dlcall_jpeg_alloc_large(j_common_ptr c, int pool, size_t n)
{ return (void *)(uintptr_t)dlcall_jpeg_mem_call(1, c, (uint64_t)pool, n, 0, 0, 0); }
static JSAMPARRAY dlcall_jpeg_alloc_sarray(j_common_ptr c, int pool, JDIMENSION per_row, JDIMENSION rows)
{ return (JSAMPARRAY)(uintptr_t)dlcall_jpeg_mem_call(2, c, (uint64_t)pool, per_row, rows, 0, 0); }
static JBLOCKARRAY dlcall_jpeg_alloc_barray(j_common_ptr c, int pool, JDIMENSION per_row, JDIMENSION rows)
{ return (JBLOCKARRAY)(uintptr_t)dlcall_jpeg_mem_call(3, c, (uint64_t)pool, per_row, rows, 0, 0); }
static jvirt_sarray_ptr dlcall_jpeg_request_virt_sarray(j_common_ptr c, int pool, boolean zero, JDIMENSION per_row,
                                                        JDIMENSION rows, JDIMENSION maxaccess)
{ return (jvirt_sarray_ptr)(uintptr_t)dlcall_jpeg_mem_call(4, c, (uint64_t)pool, (uint64_t)zero, per_row, rows, maxaccess); }
static jvirt_barray_ptr dlcall_jpeg_request_virt_barray(j_common_ptr c, int pool, boolean zero, JDIMENSION per_row,
                                                        JDIMENSION rows, JDIMENSION maxaccess)
{ return (jvirt_barray_ptr)(uintptr_t)dlcall_jpeg_mem_call(5, c, (uint64_t)pool, (uint64_t)zero, per_row, rows, maxaccess); }
static void dlcall_jpeg_realize_virt_arrays(j_common_ptr c)
{ dlcall_jpeg_mem_call(6, c, 0, 0, 0, 0, 0); }
static JSAMPARRAY dlcall_jpeg_access_virt_sarray(j_common_ptr c, jvirt_sarray_ptr v, JDIMENSION start, JDIMENSION n,
                                                 boolean writable)
{ return (JSAMPARRAY)(uintptr_t)dlcall_jpeg_mem_call(7, c, P(v), start, n, (uint64_t)writable, 0); }
static JBLOCKARRAY dlcall_jpeg_access_virt_barray(j_common_ptr c, jvirt_barray_ptr v, JDIMENSION start, JDIMENSION n,
                                                  boolean writable)
{ return (JBLOCKARRAY)(uintptr_t)dlcall_jpeg_mem_call(8, c, P(v), start, n, (uint64_t)writable, 0); }
static void dlcall_jpeg_free_pool(j_common_ptr c, int pool)
{ dlcall_jpeg_mem_call(9, c, (uint64_t)pool, 0, 0, 0, 0); }
static void dlcall_jpeg_self_destruct(j_common_ptr c)
{ dlcall_jpeg_mem_call(10, c, 0, 0, 0, 0, 0); }
#undef P

/*
 * The stub's start (spec guestInit, after the spec's guestHeap): hands the host the guest's
 * invoker and memory-manager proxy methods (above).
 */
static void dlcall_guest_init(void)
{
    uint64_t a[1 + 11] = {
        (uint64_t)(uintptr_t)dlcall_jpeg_invoke,
        (uint64_t)(uintptr_t)dlcall_jpeg_alloc_small, (uint64_t)(uintptr_t)dlcall_jpeg_alloc_large,
        (uint64_t)(uintptr_t)dlcall_jpeg_alloc_sarray, (uint64_t)(uintptr_t)dlcall_jpeg_alloc_barray,
        (uint64_t)(uintptr_t)dlcall_jpeg_request_virt_sarray, (uint64_t)(uintptr_t)dlcall_jpeg_request_virt_barray,
        (uint64_t)(uintptr_t)dlcall_jpeg_realize_virt_arrays, (uint64_t)(uintptr_t)dlcall_jpeg_access_virt_sarray,
        (uint64_t)(uintptr_t)dlcall_jpeg_access_virt_barray, (uint64_t)(uintptr_t)dlcall_jpeg_free_pool,
        (uint64_t)(uintptr_t)dlcall_jpeg_self_destruct,
    };

    dlcall_jpeg_mem_fn = dlcall__host_fn("dlcall_jpeg_mem");
    dlcall_invoke(dlcall__host_fn("dlcall_jpeg_init"), a, NULL);
}
