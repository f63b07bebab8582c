/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "held.h"

struct held_ctx_s {
    held_mem mem;
    void *block;
    held_visit_f *visit;
    void *visit_state;
};

held_ctx *held_create(held_mem mem)
{
    held_ctx *c = mem.alloc ? mem.alloc(mem.opaque, sizeof(*c)) : malloc(sizeof(*c));

    if (c != NULL) {
        c->mem = mem;
        c->block = NULL;
        c->visit = NULL;
    }
    return c;
}

held_ret held_work(held_ctx *ctx, int n)
{
    if (ctx->visit) {
        n += ctx->visit(ctx->visit_state, n);
    }
    ctx->block = ctx->mem.alloc ? ctx->mem.alloc(ctx->mem.opaque, n) : malloc(n);
    return ctx->block ? HELD_OK : HELD_ERROR;
}

void held_free(held_ctx *ctx)
{
    held_free_fn release = ctx->mem.release;
    void *opaque = ctx->mem.opaque;

    if (release) {
        release(opaque, ctx->block);
        release(opaque, ctx);
    } else {
        free(ctx->block);
        free(ctx);
    }
}

held_ret held_copy(const held_mem *mem, void **out)
{
    *out = mem ? mem->alloc(mem->opaque, 16) : malloc(16);
    return *out ? HELD_OK : HELD_ERROR;
}

held_ret held_run(held_stream *s)
{
    void *p = s->mem ? s->mem->alloc(s->mem->opaque, (unsigned long)s->value) : NULL;

    if (s->mem) {
        s->mem->release(s->mem->opaque, p);
    }
    return HELD_OK;
}

int held_visit(held_visit_f *f, void *state)
{
    return f(state, 1) + f(state, 2);
}

void held_set_visit(held_ctx *ctx, held_visit_f *f, void *state)
{
    ctx->visit = f;
    ctx->visit_state = state;
}

held_ctx *held_create_visiting(held_visit_f *f, void *state)
{
    held_mem none = { NULL, NULL, NULL };
    held_ctx *c = held_create(none);

    if (c != NULL) {
        held_set_visit(c, f, state);
    }
    return c;
}

int held_compare(int a, int b)
{
    return (a > b) - (a < b);
}
