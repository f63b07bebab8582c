/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The "real" library the golden test reads exports and versions from. */
#include <errno.h>
#include <stdio.h>
#include "mini.h"

int mini_init(mini_stream *s) { s->msg = "ok"; return 0; }
int mini_end(mini_stream *s) { (void)s; return 0; }
int mini_write_copy(mini_stream *dest, mini_stream *source) { if (source->alloc == NULL) return -2; *dest = *source; return 0; }
double mini_sum_mapped(mini_map_fn f, int n) { double t = 0; for (int i = 0; i < n; i++) t += f(i, i); return t; }
mini_pair mini_swap(mini_pair p) { mini_pair q = { (int)p.b, p.a }; return q; }
const char *mini_version(void) { return "1.0"; }
int mini_open(const char *path) { (void)path; errno = ENOENT; return -1; }
int mini_printf(const char *fmt, ...) { (void)fmt; return 0; }
void mini_nothing(void) { }
