/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include "fb.h"

int fb_sign;
extern int __fb_sign __attribute__((alias("fb_sign")));

double fb_scale(double x, double k) { if (k == 0) errno = EDOM; return x * k; }
float fb_scalef(float x) { return x * 2; }
void fb_split(double x, double *hi, double *lo) { *hi = (float)x; *lo = x - *hi; }
long double fb_scalel(long double x) { return x * 2; }
int fb_format(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int n = vsnprintf(NULL, 0, fmt, ap); va_end(ap); return n; }
int fb_sign_of(double x) { fb_sign = x < 0 ? -1 : 1; return fb_sign; }
/* Exported but declared nowhere: the real guest library too. */
int fb_hidden_helper(int x) { return x + 1; }
