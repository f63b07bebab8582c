/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest half of sqlite's printf family: walks the format with sqlite's
 * grammar (printf.c: flags -+ #!0, width, .precision, l/ll, conversion) to
 * pull each argument off the va_list by its conversion's type, then lets
 * the host format (fmt_host.c). Formatting here with the guest's vsnprintf
 * would be wrong: sqlite has conversions of its own.
 */
#ifndef DLCALL_SQLITE_FMT_GUEST_H
#define DLCALL_SQLITE_FMT_GUEST_H

#include <stdarg.h>

#include "fmt_args.h"

#define DLCALL_SQLITE_STACK_SEGS 32

/* Holds the segments of one call: on the stack, or malloc'd when many. */
struct dlcall_sqlite_segs {
    struct dlcall_sqlite_seg stack[DLCALL_SQLITE_STACK_SEGS];
    struct dlcall_sqlite_seg *v;
    size_t n;
};

static int dlcall_sqlite_is_flag(char c)
{
    return c == '-' || c == '+' || c == ' ' || c == '#' || c == '!' ||
           c == '0' || c == ',';
}

/* One argument of the conversion @c with length modifier @lng. */
static void dlcall_sqlite_pull(struct dlcall_sqlite_seg *s, char c, int lng,
                               va_list *ap)
{
    switch (c) {
    case 'd': case 'i': case 'r':
        s->gp[s->ngp++] = lng ? va_arg(*ap, long long) : va_arg(*ap, int);
        break;
    case 'u': case 'x': case 'X': case 'o':
        s->gp[s->ngp++] = lng ? (int64_t)va_arg(*ap, unsigned long long)
                              : (int64_t)va_arg(*ap, unsigned int);
        break;
    case 'c':
        s->gp[s->ngp++] = va_arg(*ap, int);
        break;
    case 'f': case 'e': case 'E': case 'g': case 'G':
        s->d = va_arg(*ap, double);
        s->has_double = 1;
        break;
    case 'p': case 's': case 'z': case 'q': case 'Q': case 'w': case 'n':
        s->gp[s->ngp++] = (int64_t)(uintptr_t)va_arg(*ap, void *);
        break;
    default: /* '%' takes nothing */
        break;
    }
}

/* The conversion after the '%' at fmt[*i]; 0 when sqlite would stop there. */
static char dlcall_sqlite_conversion(const char *fmt, size_t *i,
                                     struct dlcall_sqlite_seg *s, int *lng,
                                     va_list *ap)
{
    size_t k = *i + 1;

    while (dlcall_sqlite_is_flag(fmt[k])) {
        k++;
    }
    if (fmt[k] == '*') {
        s->gp[s->ngp++] = va_arg(*ap, int);
        k++;
    } else {
        while (fmt[k] >= '0' && fmt[k] <= '9') {
            k++;
        }
    }
    if (fmt[k] == '.') {
        k++;
        if (fmt[k] == '*') {
            s->gp[s->ngp++] = va_arg(*ap, int);
            k++;
        } else {
            while (fmt[k] >= '0' && fmt[k] <= '9') {
                k++;
            }
        }
    }
    *lng = 0;
    while (fmt[k] == 'l' && *lng < 2) {
        (*lng)++;
        k++;
    }
    *i = k;
    /* Unknown conversions, and %T %S (internal only), end sqlite's output. */
    return strchr("dirux" "Xocfe" "EgGps" "zqQwn%", fmt[k]) != NULL &&
           fmt[k] != '\0' ? fmt[k] : 0;
}

/* Cuts @fmt into @out (which the caller frees with dlcall_sqlite_segs_free). */
static int dlcall_sqlite_collect(struct dlcall_sqlite_segs *out,
                                 const char *fmt, va_list ap_in)
{
    size_t cap = DLCALL_SQLITE_STACK_SEGS, i = 0, start = 0;
    va_list ap;

    out->v = out->stack;
    out->n = 0;
    va_copy(ap, ap_in);
    while (fmt != NULL) {
        struct dlcall_sqlite_seg s = { .start = (uint32_t)start };
        int lng;
        char c;

        while (fmt[i] != '\0' && fmt[i] != '%') {
            i++;
        }
        if (fmt[i] != '\0') {
            c = dlcall_sqlite_conversion(fmt, &i, &s, &lng, &ap);
            if (c == 0) {
                i += strlen(fmt + i); /* the host stops here too */
            } else {
                dlcall_sqlite_pull(&s, c, lng, &ap);
                i++;
            }
        }
        s.end = (uint32_t)i;
        if (out->n == cap) {
            struct dlcall_sqlite_seg *v = malloc(2 * cap * sizeof(*v));

            if (v == NULL) {
                va_end(ap);
                return -1;
            }
            memcpy(v, out->v, cap * sizeof(*v));
            if (out->v != out->stack) {
                free(out->v);
            }
            out->v = v;
            cap *= 2;
        }
        out->v[out->n++] = s;
        if (fmt[i] == '\0') {
            break;
        }
        start = i;
    }
    va_end(ap);
    return 0;
}

static void dlcall_sqlite_segs_free(struct dlcall_sqlite_segs *s)
{
    if (s->v != s->stack) {
        free(s->v);
    }
}

/* Runs @a on the host; sqlite3_log may call the guest's log callback. */
static void dlcall_sqlite_format(struct dlcall_sqlite_fmt *a, void *ret)
{
    static dlcall_fn fn;

    if (fn == NULL) {
        fn = dlcall__host_fn("dlcall_sqlite3_format");
    }
    if (a->op == DLCALL_SQLITE_FMT_LOG) {
        struct dlcall_frame frame = {
            .thunk = (uint64_t)(uintptr_t)fn,
            .args = (uint64_t)(uintptr_t)a,
            .ret = (uint64_t)(uintptr_t)ret,
        };

        dlcall_call_host(&dlcall__rt, &frame);
    } else {
        dlcall_invoke_fast(fn, a, ret);
    }
}

/* The whole guest side of one call: collect, format on the host, free. */
static void *dlcall_sqlite_vformat(enum dlcall_sqlite_fmt_op op, uint64_t str,
                                   char *buf, int64_t n, const char *fmt,
                                   va_list ap)
{
    struct dlcall_sqlite_segs segs;
    struct dlcall_sqlite_fmt a = {
        .op = op, .str = str, .buf = (uint64_t)(uintptr_t)buf, .n = n,
        .fmt = (uint64_t)(uintptr_t)fmt,
    };
    void *ret = NULL;

    if (dlcall_sqlite_collect(&segs, fmt, ap) != 0) {
        return NULL;
    }
    a.segs = (uint64_t)(uintptr_t)segs.v;
    a.nsegs = segs.n;
    dlcall_sqlite_format(&a, &ret);
    dlcall_sqlite_segs_free(&segs);
    return ret;
}

#endif /* DLCALL_SQLITE_FMT_GUEST_H */
