/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Callbacks the library keeps or reads through pointers (liblzma's allocators, zstd's customMem). */
#ifndef HELD_H
#define HELD_H

typedef void *(*held_alloc_fn)(void *opaque, unsigned long n);
typedef void (*held_free_fn)(void *opaque, void *p);

/* An unnamed struct known by its typedef, passed by value (like ZSTD_customMem). */
typedef struct {
    held_alloc_fn alloc;
    held_free_fn release;
    void *opaque;
} held_mem;

typedef enum { HELD_OK, HELD_ERROR } held_ret;

/* A pointer field to callbacks (like lzma_stream.allocator). */
typedef struct {
    int value;
    const held_mem *mem;
} held_stream;

/* An object that keeps the callbacks it was created with (spec retainsCallbacks). */
typedef struct held_ctx_s held_ctx;

/* A function typedef, used through a pointer (like ZSTD_sequenceProducer_F). */
typedef int held_visit_f(void *state, int value);

held_ctx *held_create(held_mem mem);
held_ret held_work(held_ctx *ctx, int n);
void held_free(held_ctx *ctx);
held_ret held_copy(const held_mem *mem, void **out);  /* const pointer; NULL gets a default */
held_ret held_run(held_stream *s);
int held_visit(held_visit_f *f, void *state);
/* A callback passed directly and kept by the object for later calls (like expat's handler setters). */
void held_set_visit(held_ctx *ctx, held_visit_f *f, void *state);
/* ... or to the call that makes the object (like pcre2_general_context_create). */
held_ctx *held_create_visiting(held_visit_f *f, void *state);
int held_compare(int a, int b);                       /* a parameter named like a stub local */

#endif
