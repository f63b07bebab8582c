/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A formatted call of sqlite's printf family, carried to the host: the
 * format cut into segments of literal text and at most one conversion each,
 * with that conversion's arguments already pulled off the guest's va_list.
 * The host appends segment after segment with sqlite3_str_appendf, so
 * sqlite's own conversions (%q %Q %w %z...) are done by sqlite itself and
 * any number of arguments works. Included by the guest stub and the host
 * thunks: fixed-width fields only.
 */
#ifndef DLCALL_SQLITE_FMT_ARGS_H
#define DLCALL_SQLITE_FMT_ARGS_H

#include <stdint.h>

/* What the host does with the formatted text. */
enum dlcall_sqlite_fmt_op {
    DLCALL_SQLITE_FMT_APPEND = 0,   /* sqlite3_str_appendf(str, ...) */
    DLCALL_SQLITE_FMT_MPRINTF = 1,  /* ret = sqlite3_mprintf(...) */
    DLCALL_SQLITE_FMT_SNPRINTF = 2, /* sqlite3_snprintf(n, buf, ...) */
    DLCALL_SQLITE_FMT_LOG = 3,      /* sqlite3_log(n, ...) */
};

/* fmt[start, end): literal text and one conversion, whose arguments are
 * gp[0..ngp) (widths, precision, integer or pointer value) and d. When
 * the guest rendered the conversion itself (floats, fmt_float.h), the
 * segment is fmt[start, conv) then text[text_off, text_off + text_len). */
struct dlcall_sqlite_seg {
    uint32_t start;
    uint32_t end;
    uint32_t ngp;
    uint32_t has_double;
    int64_t gp[3];
    double d;
    uint32_t rendered;
    uint32_t conv;
    uint64_t text_off;
    uint64_t text_len;
};

struct dlcall_sqlite_fmt {
    uint64_t op;   /* enum dlcall_sqlite_fmt_op */
    uint64_t str;  /* sqlite3_str * (APPEND) */
    uint64_t buf;  /* char * (SNPRINTF) */
    int64_t n;     /* buffer size (SNPRINTF), error code (LOG) */
    uint64_t fmt;  /* const char * */
    uint64_t segs; /* struct dlcall_sqlite_seg * */
    uint64_t nsegs;
    uint64_t text; /* char *: the guest-rendered conversions */
};

#endif /* DLCALL_SQLITE_FMT_ARGS_H */
