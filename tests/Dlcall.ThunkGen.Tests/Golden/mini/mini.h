/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A small library exercising every marshalling strategy of the generator. */
#ifndef MINI_H
#define MINI_H

#include <stddef.h>
#include <stdarg.h>

typedef unsigned long mini_size;
typedef void *(*mini_alloc_fn)(void *opaque, unsigned n);
typedef void (*mini_free_fn)(void *opaque, void *p);
typedef double (*mini_map_fn)(double x, int i);

/* Callbacks in fields of a struct passed by pointer (like z_stream). */
typedef struct mini_stream {
    const unsigned char *next;
    mini_size avail;
    char *msg;               /* host string the library stores */
    mini_alloc_fn alloc;
    mini_free_fn release;
    void *opaque;
} mini_stream;

typedef struct mini_pair {
    int a;
    double b;
} mini_pair;

int mini_init(mini_stream *s);
int mini_end(mini_stream *s);
int mini_write_copy(mini_stream *dest, mini_stream *source); /* dest: only written (spec outOnlyFields) */
double mini_sum_mapped(mini_map_fn f, int n);   /* callback parameter */
mini_pair mini_swap(mini_pair p);               /* struct by value */
const char *mini_version(void);                 /* host string */
int mini_open(const char *path);                /* sets errno */
int mini_printf(const char *fmt, ...);          /* variadic: unavailable */
void mini_nothing(void);

#endif
