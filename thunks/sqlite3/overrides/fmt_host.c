/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host half of sqlite's printf family (see fmt_guest.h): every segment is
 * appended with sqlite3_str_appendf and its own arguments. On the x86_64
 * SysV host, integer and floating-point variadic arguments are fetched from
 * separate register sequences, so passing the three integer slots and the
 * double to every call is exact for any segment's mix (at most 3 + 1).
 */
#include "fmt_args.h"

static void dlcall_sqlite_append_segs(sqlite3_str *str, const struct dlcall_sqlite_fmt *a)
{
    const char *fmt = (const char *)(uintptr_t)a->fmt;
    const struct dlcall_sqlite_seg *segs = (const void *)(uintptr_t)a->segs;
    char small[256];

    for (uint64_t k = 0; k < a->nsegs; k++) {
        const struct dlcall_sqlite_seg *s = &segs[k];
        size_t len = s->end - s->start;
        char *piece;

        if (s->rendered) {
            sqlite3_str_append(str, fmt + s->start, (int)(s->conv - s->start));
            sqlite3_str_append(str, (const char *)(uintptr_t)a->text + s->text_off, (int)s->text_len);
            continue;
        }
        piece = len < sizeof(small) ? small : malloc(len + 1);
        if (piece == NULL) {
            return; /* sqlite3_str has no way to say "out of memory" from here */
        }
        memcpy(piece, fmt + s->start, len);
        piece[len] = '\0';
        sqlite3_str_appendf(str, piece, s->gp[0], s->gp[1], s->gp[2], s->d);
        if (piece != small) {
            free(piece);
        }
    }
}

/* The text of @a, sqlite3_malloc'd ("" for an empty one, as sqlite3_mprintf). */
static char *dlcall_sqlite_text(const struct dlcall_sqlite_fmt *a)
{
    sqlite3_str *str = sqlite3_str_new(NULL);

    dlcall_sqlite_append_segs(str, a);
    if (sqlite3_str_errcode(str) == SQLITE_OK && sqlite3_str_length(str) == 0) {
        sqlite3_free(sqlite3_str_finish(str));
        return sqlite3_mprintf("");
    }
    return sqlite3_str_finish(str);
}

/* Appends what fits of @src to @buf (size @n, @pos used), terminated. */
static void dlcall_sqlite_put(char *buf, int64_t n, size_t *pos, const char *src, size_t len)
{
    size_t room = (size_t)n - 1 - *pos;

    len = len < room ? len : room;
    memcpy(buf + *pos, src, len);
    *pos += len;
    buf[*pos] = '\0';
}

/*
 * sqlite3_snprintf's result, a segment at a time into what is left of @buf:
 * the longest prefix that fits, always terminated. Unlike a sqlite3_str it
 * allocates nothing, so like the real one it does not initialize SQLite.
 */
static void dlcall_sqlite_snprintf(char *buf, int64_t n, const struct dlcall_sqlite_fmt *a)
{
    const char *fmt = (const char *)(uintptr_t)a->fmt;
    const struct dlcall_sqlite_seg *segs = (const void *)(uintptr_t)a->segs;
    char small[256];
    size_t pos = 0;

    if (n <= 0) {
        return;
    }
    buf[0] = '\0';
    for (uint64_t k = 0; k < a->nsegs && pos + 1 < (uint64_t)n; k++) {
        const struct dlcall_sqlite_seg *s = &segs[k];
        size_t len = s->end - s->start;
        char *piece;

        if (s->rendered) {
            dlcall_sqlite_put(buf, n, &pos, fmt + s->start, s->conv - s->start);
            dlcall_sqlite_put(buf, n, &pos, (const char *)(uintptr_t)a->text + s->text_off, s->text_len);
            continue;
        }
        piece = len < sizeof(small) ? small : malloc(len + 1);
        if (piece == NULL) {
            return;
        }
        memcpy(piece, fmt + s->start, len);
        piece[len] = '\0';
        sqlite3_snprintf((int)(n - (int64_t)pos), buf + pos, piece, s->gp[0], s->gp[1], s->gp[2], s->d);
        pos += strlen(buf + pos);
        if (piece != small) {
            free(piece);
        }
    }
}

void dlcall_sqlite3_format(void *args, void *ret)
{
    const struct dlcall_sqlite_fmt *a = args;
    /* sqlite3_log's own buffer: SQLITE_PRINT_BUF_SIZE * 3 */
    char log_msg[70 * 3];

    switch (a->op) {
    case DLCALL_SQLITE_FMT_APPEND:
        dlcall_sqlite_append_segs((sqlite3_str *)(uintptr_t)a->str, a);
        break;
    case DLCALL_SQLITE_FMT_MPRINTF:
        *(char **)ret = dlcall_sqlite_text(a);
        break;
    case DLCALL_SQLITE_FMT_SNPRINTF:
        dlcall_sqlite_snprintf((char *)(uintptr_t)a->buf, a->n, a);
        *(char **)ret = (char *)(uintptr_t)a->buf;
        break;
    case DLCALL_SQLITE_FMT_LOG:
        dlcall_sqlite_snprintf(log_msg, sizeof(log_msg), a);
        sqlite3_log((int)a->n, "%s", log_msg);
        break;
    }
}
