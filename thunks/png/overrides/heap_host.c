/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpng's memory, on the host, in pages the guest mapped (spec guestHeap).
 * Programs get what libpng allocates (png_malloc, png_get_rows' rows) and
 * may do I/O on it themselves: a guest read(2) into host malloc'd pages
 * fails with EFAULT. Every png_struct the program creates without its own
 * allocator (spec hostCalls) gets the host runtime's guest-mapped heap as
 * its memory functions; a program's own (png_create_*_struct_2,
 * png_set_mem_fn) allocate guest memory anyway.
 */
static png_voidp dlcall_png_heap_malloc(png_structp png_ptr, png_alloc_size_t n)
{
    (void)png_ptr;
    return dlcall_rt_heap_alloc(n);
}

static void dlcall_png_heap_free(png_structp png_ptr, png_voidp p)
{
    (void)png_ptr;
    dlcall_rt_heap_free(p);
}

png_structp dlcall_png_create_read_struct(png_const_charp user_png_ver, png_voidp error_ptr, png_error_ptr error_fn,
                                          png_error_ptr warn_fn)
{
    return png_create_read_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, NULL, dlcall_png_heap_malloc,
                                    dlcall_png_heap_free);
}

png_structp dlcall_png_create_read_struct_2(png_const_charp user_png_ver, png_voidp error_ptr, png_error_ptr error_fn,
                                            png_error_ptr warn_fn, png_voidp mem_ptr, png_malloc_ptr malloc_fn,
                                            png_free_ptr free_fn)
{
    if (malloc_fn == NULL && free_fn == NULL) {
        malloc_fn = dlcall_png_heap_malloc;
        free_fn = dlcall_png_heap_free;
    }
    return png_create_read_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, mem_ptr, malloc_fn, free_fn);
}

/* NULL functions mean libpng's defaults: here, the heap. */
void dlcall_png_set_mem_fn(png_structrp png_ptr, png_voidp mem_ptr, png_malloc_ptr malloc_fn, png_free_ptr free_fn)
{
    if (malloc_fn == NULL && free_fn == NULL) {
        malloc_fn = dlcall_png_heap_malloc;
        free_fn = dlcall_png_heap_free;
    }
    png_set_mem_fn(png_ptr, mem_ptr, malloc_fn, free_fn);
}
