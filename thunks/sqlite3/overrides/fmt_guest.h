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
#include "fmt_float.h"

#define DLCALL_SQLITE_STACK_SEGS 32

/* Holds the segments of one call: on the stack, or malloc'd when many. */
struct dlcall_sqlite_segs {
    struct dlcall_sqlite_seg stack[DLCALL_SQLITE_STACK_SEGS];
    struct dlcall_sqlite_seg *v;
    size_t n;
    char *text; /* rendered conversions, malloc'd */
    size_t text_len, text_cap;
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

/* Flag @c into @f (sqlite's flags: - + space # ! 0 ,). */
static void dlcall_sqlite_flag(struct dlcall_sqlite_spec *f, char c)
{
    switch (c) {
    case '-': f->leftjustify = 1; break;
    case '+': f->prefix = '+'; break;
    case ' ': f->prefix = ' '; break;
    case '#': f->alternateform = 1; break;
    case '!': f->altform2 = 1; break;
    case '0': f->zeropad = 1; break;
    default: break;
    }
}

/* Digits at fmt[*k], as sqlite reads a width or precision. */
static int dlcall_sqlite_number(const char *fmt, size_t *k)
{
    unsigned n = 0;

    while (fmt[*k] >= '0' && fmt[*k] <= '9') {
        n = n * 10 + (unsigned)(fmt[(*k)++] - '0');
    }
    return (int)(n & 0x7fffffff);
}

/* The conversion after the '%' at fmt[*i]; 0 when sqlite would stop there. */
static char dlcall_sqlite_conversion(const char *fmt, size_t *i,
                                     struct dlcall_sqlite_seg *s, int *lng,
                                     struct dlcall_sqlite_spec *f, va_list *ap)
{
    size_t k = *i + 1;

    *f = (struct dlcall_sqlite_spec){ .precision = -1 };
    while (dlcall_sqlite_is_flag(fmt[k])) {
        dlcall_sqlite_flag(f, fmt[k++]);
    }
    if (fmt[k] == '*') {
        f->width = va_arg(*ap, int);
        s->gp[s->ngp++] = f->width;
        if (f->width < 0) {
            f->leftjustify = 1;
            f->width = f->width >= -2147483647 ? -f->width : 0;
        }
        k++;
    } else {
        f->width = dlcall_sqlite_number(fmt, &k);
    }
    if (fmt[k] == '.') {
        k++;
        if (fmt[k] == '*') {
            f->precision = va_arg(*ap, int);
            s->gp[s->ngp++] = f->precision;
            if (f->precision < 0) {
                f->precision = f->precision >= -2147483647 ? -f->precision : -1;
            }
            k++;
        } else {
            f->precision = dlcall_sqlite_number(fmt, &k);
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

/* Renders @s's floating-point conversion on the guest into @out's text. */
static int dlcall_sqlite_render(struct dlcall_sqlite_segs *out, struct dlcall_sqlite_seg *s,
                                char c, struct dlcall_sqlite_spec spec)
{
    char buf[2 * DLCALL_SQLITE_FLOAT_MAX + 400];
    int len = dlcall_sqlite_float(buf, c, spec, s->d);

    if (len < 0) {
        return 0; /* the host formats it */
    }
    if (out->text_len + (size_t)len > out->text_cap) {
        size_t cap = 2 * (out->text_len + (size_t)len) + 64;
        char *grown = realloc(out->text, cap);

        if (grown == NULL) {
            return -1;
        }
        out->text = grown;
        out->text_cap = cap;
    }
    memcpy(out->text + out->text_len, buf, (size_t)len);
    s->rendered = 1;
    s->text_off = out->text_len;
    s->text_len = (uint64_t)len;
    out->text_len += (size_t)len;
    return 0;
}

/* Cuts @fmt into @out (which the caller frees with dlcall_sqlite_segs_free). */
static int dlcall_sqlite_collect(struct dlcall_sqlite_segs *out,
                                 const char *fmt, va_list ap_in)
{
    size_t cap = DLCALL_SQLITE_STACK_SEGS, i = 0, start = 0;
    va_list ap;

    out->v = out->stack;
    out->n = 0;
    out->text = NULL;
    out->text_len = out->text_cap = 0;
    va_copy(ap, ap_in);
    while (fmt != NULL) {
        struct dlcall_sqlite_seg s = { .start = (uint32_t)start };
        struct dlcall_sqlite_spec spec;
        int lng;
        char c;

        while (fmt[i] != '\0' && fmt[i] != '%') {
            i++;
        }
        if (fmt[i] != '\0') {
            s.conv = (uint32_t)i;
            c = dlcall_sqlite_conversion(fmt, &i, &s, &lng, &spec, &ap);
            if (c == 0) {
                i += strlen(fmt + i); /* the host stops here too */
            } else {
                dlcall_sqlite_pull(&s, c, lng, &ap);
                i++;
                if (s.has_double && dlcall_sqlite_render(out, &s, c, spec) != 0) {
                    va_end(ap);
                    return -1;
                }
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
    free(s->text);
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
    a.text = (uint64_t)(uintptr_t)segs.text;
    dlcall_sqlite_format(&a, &ret);
    dlcall_sqlite_segs_free(&segs);
    return ret;
}

#endif /* DLCALL_SQLITE_FMT_GUEST_H */
