/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of libpng's longjmp errors (docs/Longjmp.md).
 *
 * png_jmpbuf(png_ptr) is png_set_longjmp_fn(png_ptr, longjmp, sizeof (jmp_buf)):
 * the guest's longjmp and the guest's jmp_buf size. libpng gets the host's
 * longjmp function instead, which raises to the thunk that called libpng, and a
 * buffer 16 bytes larger, whose head keeps the guest's longjmp function: the
 * guest setjmps into the rest. png_error's longjmp_fn(*jmp_buf_ptr, val) thus
 * hands the raise the head, and the guest's raise (longjmp_guest.c) finds both
 * the guest function and the guest's jmp_buf there. libpng frees the buffer
 * with the png_struct.
 */
#include <pthread.h>
#include <setjmp.h>
#include <string.h>

#define DLCALL_PNG_JMP_HEAD 16

static void dlcall_png_longjmp(jmp_buf env, int val)
{
    dlcall_rt_raise(val, (uint64_t)(uintptr_t)env);
}

jmp_buf *dlcall_png_set_longjmp_fn(png_structrp png_ptr, png_longjmp_ptr longjmp_fn, size_t jmp_buf_size)
{
    jmp_buf *head = png_set_longjmp_fn(png_ptr, dlcall_png_longjmp, jmp_buf_size + DLCALL_PNG_JMP_HEAD);
    uint64_t guest_fn = dlcall_rt_guest_fn((const void *)longjmp_fn);

    if (head == NULL) {
        return NULL;
    }
    memcpy(head, &guest_fn, sizeof(guest_fn));
    return (jmp_buf *)((char *)head + DLCALL_PNG_JMP_HEAD);
}

/*
 * png_init_io's guest half (png_init_io.c) must know whether a png_struct
 * reads or writes, which libpng does not say: the write structs are noted here
 * as they are made and forgotten as they are destroyed.
 */
static pthread_mutex_t dlcall_png_writers_lock = PTHREAD_MUTEX_INITIALIZER;
static png_structp *dlcall_png_writers;
static size_t dlcall_png_writers_n, dlcall_png_writers_cap;

static void dlcall_png_note_writer(png_structp png_ptr)
{
    if (png_ptr == NULL) {
        return;
    }
    pthread_mutex_lock(&dlcall_png_writers_lock);
    if (dlcall_png_writers_n == dlcall_png_writers_cap) {
        size_t cap = dlcall_png_writers_cap ? 2 * dlcall_png_writers_cap : 16;
        png_structp *grown = realloc(dlcall_png_writers, cap * sizeof(*grown));

        if (grown == NULL) {
            pthread_mutex_unlock(&dlcall_png_writers_lock);
            dlcall_rt_raise(1, 0); /* out of memory: as libpng's own png_error would */
        }
        dlcall_png_writers = grown;
        dlcall_png_writers_cap = cap;
    }
    dlcall_png_writers[dlcall_png_writers_n++] = png_ptr;
    pthread_mutex_unlock(&dlcall_png_writers_lock);
}

/* Removes @png_ptr; true when it was a write struct. */
static int dlcall_png_find_writer(png_const_structrp png_ptr, int forget)
{
    int found = 0;

    pthread_mutex_lock(&dlcall_png_writers_lock);
    for (size_t i = 0; i < dlcall_png_writers_n; i++) {
        if (dlcall_png_writers[i] == png_ptr) {
            found = 1;
            if (forget) {
                dlcall_png_writers[i] = dlcall_png_writers[--dlcall_png_writers_n];
            }
            break;
        }
    }
    pthread_mutex_unlock(&dlcall_png_writers_lock);
    return found;
}

png_structp dlcall_png_create_write_struct(png_const_charp user_png_ver, png_voidp error_ptr,
                                                  png_error_ptr error_fn, png_error_ptr warn_fn)
{
    png_structp p = png_create_write_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, NULL, dlcall_png_heap_malloc,
                                              dlcall_png_heap_free); /* heap_host.c */

    dlcall_png_note_writer(p);
    return p;
}

png_structp dlcall_png_create_write_struct_2(png_const_charp user_png_ver, png_voidp error_ptr,
                                                    png_error_ptr error_fn, png_error_ptr warn_fn,
                                                    png_voidp mem_ptr, png_malloc_ptr malloc_fn,
                                                    png_free_ptr free_fn)
{
    png_structp p;

    if (malloc_fn == NULL && free_fn == NULL) { /* heap_host.c */
        malloc_fn = dlcall_png_heap_malloc;
        free_fn = dlcall_png_heap_free;
    }
    p = png_create_write_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, mem_ptr, malloc_fn, free_fn);

    dlcall_png_note_writer(p);
    return p;
}

void dlcall_png_destroy_write_struct(png_structpp png_ptr_ptr, png_infopp info_ptr_ptr)
{
    if (png_ptr_ptr != NULL && *png_ptr_ptr != NULL) {
        dlcall_png_find_writer(*png_ptr_ptr, 1);
    }
    png_destroy_write_struct(png_ptr_ptr, info_ptr_ptr);
}

/* dlcall_invoke(dlcall__host_fn("dlcall_png_is_writer"), &png_ptr, &is_writer) */
__attribute__((visibility("default"))) void dlcall_png_is_writer(void *args, void *ret)
{
    *(int *)ret = dlcall_png_find_writer(*(png_const_structrp *)args, 0);
}
