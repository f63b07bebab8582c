// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calls SQLite's printf family with SQLite's own conversions, flags, widths
 * and many argument mixes, and prints every result. Built for the guests by
 * tests/sqlite3/build.sh; the differential test runs it against the real
 * guest libsqlite3 and passed through, and the outputs must be identical.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

static void show(const char *what, char *s)
{
    printf("%s: [%s]\n", what, s ? s : "(null)");
    sqlite3_free(s);
}

static char *via_v(const char *fmt, ...)
{
    va_list ap;
    char *r;

    va_start(ap, fmt);
    r = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    return r;
}

static void via_vsn(int n, const char *fmt, ...)
{
    char buf[64];
    va_list ap;

    memset(buf, '#', sizeof(buf));
    va_start(ap, fmt);
    sqlite3_vsnprintf(n, buf, fmt, ap);
    va_end(ap);
    printf("vsnprintf(%d): [%s]\n", n, n > 0 ? buf : "(untouched)");
}

static const double reals[] = {
    0.0, -0.0, 1.0, 0.1, 0.3, 2.5, 91.5, 77.25, 1.0 / 3.0, 2.0 / 3.0, 123456789.123456789,
    -3.14159265358979, 6.02e23, 1e100, 1e-300, 2.2250738585072014e-308, 1.7976931348623157e308,
    4.9e-324, 1e15, 1e16, 9.999999999999999e22, 0.000123, 5e-5, 1234.5678, 1e300 * 1e10,
};

static void floats(void)
{
    static const char *const fmts[] = {
        "%f", "%e", "%E", "%g", "%G", "%!.20g", "%!.15g", "%.17g", "%!.20e", "%#g", "%#.3g",
        "%!g", "%!.0f", "%.0f", "%.3f", "%+.2f", "% .2f", "%012.3f", "%-12.3e|", "%12g|", "%015.4E",
        "%.30f", "%.60e", "%,.2f", "%!f",
    };

    for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
        for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
            char what[64];

            snprintf(what, sizeof(what), "%s of #%zu", fmts[k], i);
            show(what, sqlite3_mprintf(fmts[k], reals[i]));
        }
        show("stars", sqlite3_mprintf("%*.*f|%-*.*e|%.*g", 14, 3, reals[i], 16, 4, reals[i], 25, reals[i]));
    }
}

int main(void)
{
    char buf[32];
    char *long_text = sqlite3_mprintf("%.*c", 3000, 'x');
    char many[400];
    int n = -1;

    floats();
    show("sql escapes", sqlite3_mprintf("%q|%Q|%w|%Q|%s|%z", "it's", "a'b", "x\"y", (char *)NULL, (char *)NULL,
                                        sqlite3_mprintf("owned %d", 7)));
    show("integers", sqlite3_mprintf("%d|%i|%u|%x|%X|%o|%lld|%llu|%lx|%,d|%,lld|%+d|% d|%05d|%-5d|%r|%r|%r",
                                     -42, 7, 4000000000u, 255, 255, 8, -9000000000000LL, 18446744073709551615ULL,
                                     0xdeadbeefL, 1234567, 1234567890123LL, 5, 5, 42, 42, 1, 2, 23));
    show("chars", sqlite3_mprintf("%c|%5c|%.3c|%%|%p", 'A', 'B', 'C', (void *)0x1234));
    show("count", sqlite3_mprintf("abc%ndef", &n));
    printf("n = %d\n", n);
    show("stop at %T", sqlite3_mprintf("before %T after %d", (void *)0, 5));
    show("unknown conversion", sqlite3_mprintf("x %y z", 1));
    show("trailing percent", sqlite3_mprintf("100%"));
    show("empty", sqlite3_mprintf("%s", ""));
    show("long", sqlite3_mprintf("%.20s...%d", long_text, (int)strlen(long_text)));
    show("vmprintf", via_v("%s=%.2f (%lld)", "pi", 3.14159, 1LL << 40));
    snprintf(many, sizeof(many), "%s", "");
    for (int i = 0; i < 45; i++) {
        strcat(many, i % 3 == 0 ? "%d," : i % 3 == 1 ? "%.1f," : "%s,");
    }
    show("45 arguments", sqlite3_mprintf(many, 0, 1.5, "a", 3, 4.5, "b", 6, 7.5, "c", 9, 10.5, "d", 12, 13.5, "e",
                                         15, 16.5, "f", 18, 19.5, "g", 21, 22.5, "h", 24, 25.5, "i", 27, 28.5, "j",
                                         30, 31.5, "k", 33, 34.5, "l", 36, 37.5, "m", 39, 40.5, "n", 42, 43.5, "o"));
    for (int size = 0; size <= 12; size += 3) {
        memset(buf, '#', sizeof(buf));
        sqlite3_snprintf(size, buf, "%s-%d-%.3f-%q", "hello", 12345, 2.5, "it's");
        printf("snprintf(%d): [%s]\n", size, size > 0 ? buf : "(untouched)");
    }
    via_vsn(10, "%Q and %w", "quoted'", "ident\"");
    via_vsn(64, "%!.20g", 91.5);
    {
        sqlite3_str *str = sqlite3_str_new(NULL);

        sqlite3_str_appendf(str, "%d:%Q;", 1, "one");
        sqlite3_str_appendall(str, "|");
        sqlite3_str_appendf(str, "%!.20g;%w", 0.1, "x\"y");
        printf("str: len %d err %d\n", sqlite3_str_length(str), sqlite3_str_errcode(str));
        show("str_finish", sqlite3_str_finish(str));
    }
    sqlite3_free(long_text);
    return 0;
}
