/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A libm-like library for the fallbackToGuest strategies of the generator. */
#ifndef FB_H
#define FB_H

extern int fb_sign;                        /* data: the stub defines it, aliased */
double fb_scale(double x, double k);       /* forwarded, rounding guard, guest NaN */
float fb_scalef(float x);                  /* forwarded, float NaN */
void fb_split(double x, double *hi, double *lo); /* floating out-parameters */
long double fb_scalel(long double x);      /* long double: the real guest library */
int fb_format(const char *fmt, ...);       /* variadic: the real guest library */
int fb_sign_of(double x);                  /* excluded by a glob: the real guest library */

#endif
