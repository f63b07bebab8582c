/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * %f %e %E %g %G of sqlite's printf, done on the guest.
 *
 * SQLite renders a double through `long double` arithmetic: 80-bit on the
 * x86_64 host, 128-bit on aarch64 and riscv64, and the digits past the
 * 17th differ (91.5 as "%!.20g" is 91.5 on arm64, 91.499999999999999996 on
 * x86_64). The shell prints REAL values that way (.dump, .mode quote, json),
 * so the guest's calls render floats here, with the guest's long double and
 * the same sequence of operations as SQLite 3.40's printf.c (public domain),
 * to print what the emulated library prints.
 */
#ifndef DLCALL_SQLITE_FMT_FLOAT_H
#define DLCALL_SQLITE_FMT_FLOAT_H

#include <math.h>

/* Longest text rendered here; larger widths or precisions go to the host. */
#define DLCALL_SQLITE_FLOAT_MAX 1000

/* A conversion's flags, width and precision as sqlite parses them. */
struct dlcall_sqlite_spec {
    int leftjustify, prefix, alternateform, altform2, zeropad;
    int width, precision;
};

/* The next digit of *val (0 <= *val < 10), as sqlite's et_getdigit. */
static char dlcall_sqlite_digit(long double *val, int *cnt)
{
    int digit;
    long double d;

    if (*cnt <= 0) {
        return '0';
    }
    (*cnt)--;
    digit = (int)*val;
    d = digit;
    *val = (*val - d) * 10.0;
    return (char)(digit + '0');
}

/* Normalizes *v to [1, 10) and returns the decimal exponent; > 350 is Inf. */
static int dlcall_sqlite_normalize(long double *v)
{
    long double scale = 1.0;
    int exp = 0;

    if (!(*v > 0.0)) {
        return 0;
    }
    while (*v >= 1e100 * scale && exp <= 350) { scale *= 1e100; exp += 100; }
    while (*v >= 1e10 * scale && exp <= 350) { scale *= 1e10; exp += 10; }
    while (*v >= 10.0 * scale && exp <= 350) { scale *= 10.0; exp++; }
    *v /= scale;
    while (*v < 1e-8) { *v *= 1e8; exp -= 8; }
    while (*v < 1.0) { *v *= 10.0; exp--; }
    return exp;
}

/*
 * Renders @value for conversion @c into @out (at least 2 * MAX + 400
 * bytes) and returns its length, or -1 when the host should do it.
 */
static int dlcall_sqlite_float(char *out, char c, struct dlcall_sqlite_spec s, double value)
{
    static const double round[] = { 5.0e-01, 5.0e-02, 5.0e-03, 5.0e-04, 5.0e-05,
                                    5.0e-06, 5.0e-07, 5.0e-08, 5.0e-09, 5.0e-10 };
    int generic = c == 'g' || c == 'G', fixed = c == 'f', rtz, dp, nsd, exp, e2, len;
    long double v = value;
    double rounder; /* a double in sqlite too */
    char prefix, *p = out;

    if (s.precision < 0) {
        s.precision = 6;
    }
    if (s.precision > DLCALL_SQLITE_FLOAT_MAX || s.width > DLCALL_SQLITE_FLOAT_MAX) {
        return -1;
    }
    prefix = v < 0.0 ? '-' : (char)s.prefix;
    v = v < 0.0 ? -v : v;
    if (generic && s.precision > 0) {
        s.precision--;
    }
    rounder = round[s.precision % 10];
    for (int idx = s.precision; idx >= 10; idx -= 10) {
        rounder *= 1.0e-10;
    }
    if (fixed) {
        double rx = (double)v;
        uint64_t u;
        int ex;

        memcpy(&u, &rx, sizeof(u));
        ex = -1023 + (int)((u >> 52) & 0x7ff);
        if (s.precision + (ex / 3) < 15) {
            rounder += v * 3e-16;
        }
        v += rounder;
    }
    if (isnan((double)v)) {
        return -1; /* "NaN", padded by the host the same way */
    }
    exp = dlcall_sqlite_normalize(&v);
    if (exp > 350) {
        return -1; /* "Inf" */
    }
    if (!fixed) {
        v += rounder;
        if (v >= 10.0) { v *= 0.1; exp++; }
    }
    if (generic) {
        rtz = !s.alternateform;
        if (exp < -4 || exp > s.precision) {
            fixed = 0;
        } else {
            s.precision -= exp;
            fixed = 1;
        }
    } else {
        rtz = s.altform2;
    }
    e2 = fixed ? exp : 0;
    nsd = 16 + s.altform2 * 10;
    dp = (s.precision > 0) | s.alternateform | s.altform2;
    if (prefix) {
        *p++ = prefix;
    }
    if (e2 < 0) {
        *p++ = '0';
    } else {
        for (; e2 >= 0; e2--) {
            *p++ = dlcall_sqlite_digit(&v, &nsd);
        }
    }
    if (dp) {
        *p++ = '.';
    }
    for (e2++; e2 < 0; s.precision--, e2++) {
        *p++ = '0';
    }
    while ((s.precision--) > 0) {
        *p++ = dlcall_sqlite_digit(&v, &nsd);
    }
    if (rtz && dp) {
        while (p[-1] == '0') {
            *--p = 0;
        }
        if (p[-1] == '.') {
            if (s.altform2) {
                *p++ = '0';
            } else {
                *--p = 0;
            }
        }
    }
    if (!fixed) {
        *p++ = (c == 'E' || c == 'G') ? 'E' : 'e';
        *p++ = exp < 0 ? '-' : '+';
        exp = exp < 0 ? -exp : exp;
        if (exp >= 100) {
            *p++ = (char)(exp / 100 + '0');
            exp %= 100;
        }
        *p++ = (char)(exp / 10 + '0');
        *p++ = (char)(exp % 10 + '0');
    }
    len = (int)(p - out);
    /* Zeros after the sign up to the width; then spaces (below). */
    if (s.zeropad && !s.leftjustify && len < s.width) {
        int pad = s.width - len, skip = prefix != 0;

        memmove(out + skip + pad, out + skip, (size_t)(len - skip));
        memset(out + skip, '0', (size_t)pad);
        len = s.width;
    }
    if (len < s.width) {
        int pad = s.width - len;

        if (s.leftjustify) {
            memset(out + len, ' ', (size_t)pad);
        } else {
            memmove(out + pad, out, (size_t)len);
            memset(out, ' ', (size_t)pad);
        }
        len = s.width;
    }
    return len;
}

#endif /* DLCALL_SQLITE_FMT_FLOAT_H */
