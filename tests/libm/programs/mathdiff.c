// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libm differential test: evaluates libm over a deterministic grid and
 * prints every result as a hex float, so a run with libm passed through
 * can be compared with the emulated run bit for bit. Covers the passed
 * through functions (double, float, out pointers, errno) and the ones the
 * stub leaves to the real guest libm (long double, fenv, lgamma's signgam).
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);

static const struct { const char *name; fn1 f; } unary[] = {
    { "sin", sin }, { "cos", cos }, { "tan", tan }, { "asin", asin }, { "acos", acos },
    { "atan", atan }, { "sinh", sinh }, { "cosh", cosh }, { "tanh", tanh }, { "asinh", asinh },
    { "acosh", acosh }, { "atanh", atanh }, { "exp", exp }, { "exp2", exp2 }, { "expm1", expm1 },
    { "log", log }, { "log2", log2 }, { "log10", log10 }, { "log1p", log1p }, { "sqrt", sqrt },
    { "cbrt", cbrt }, { "erf", erf }, { "erfc", erfc }, { "tgamma", tgamma }, { "floor", floor },
    { "ceil", ceil }, { "round", round }, { "trunc", trunc }, { "rint", rint }, { "j0", j0 },
    { "y0", y0 }, { "logb", logb }, { "significand", significand },
};

static const struct { const char *name; fn2 f; } binary[] = {
    { "pow", pow }, { "atan2", atan2 }, { "hypot", hypot }, { "fmod", fmod },
    { "remainder", remainder }, { "fdim", fdim }, { "fmax", fmax }, { "copysign", copysign },
    { "nextafter", nextafter },
};

static double grid(int i)
{
    /* -50 .. 50 in uneven steps, with the special values up front. */
    static const double special[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1e-310, 1e308, -1e308, INFINITY, -INFINITY, NAN };
    int n = sizeof(special) / sizeof(special[0]);

    return i < n ? special[i] : -50.0 + (i - n) * 0.7316;
}

static void errno_case(const char *what, double r)
{
    printf("%s = %a errno %s\n", what, r, errno == 0 ? "0" : strerror(errno));
    errno = 0;
}

int main(void)
{
    int points = 150;
    int sign, quo, e;
    double ip;

    for (size_t k = 0; k < sizeof(unary) / sizeof(unary[0]); k++) {
        for (int i = 0; i < points; i++) {
            printf("%s(%a) = %a\n", unary[k].name, grid(i), unary[k].f(grid(i)));
        }
    }
    for (size_t k = 0; k < sizeof(binary) / sizeof(binary[0]); k++) {
        for (int i = 0; i < points; i += 3) {
            for (int j = 0; j < points; j += 7) {
                printf("%s(%a, %a) = %a\n", binary[k].name, grid(i), grid(j), binary[k].f(grid(i), grid(j)));
            }
        }
    }
    for (int i = 0; i < points; i++) {
        double x = grid(i);
        float xf = (float)x;
        long double xl = (long double)x;
        double s, c;

        printf("sinf(%a) = %a\n", xf, sinf(xf));
        printf("expf(%a) = %a\n", xf, expf(xf));
        printf("powf(%a, 1.5) = %a\n", xf, powf(xf, 1.5f));
        sincos(x, &s, &c);
        printf("sincos(%a) = %a %a\n", x, s, c);
        printf("frexp(%a) = %a %d\n", x, frexp(x, &e), e);
        printf("modf(%a) = %a %a\n", x, modf(x, &ip), ip);
        printf("remquo(%a, 3.25) = %a %d\n", x, remquo(x, 3.25, &quo), quo);
        printf("fma(%a, 1.1, -0.3) = %a\n", x, fma(x, 1.1, -0.3));
        printf("scalbn(%a, 7) = %a\n", x, scalbn(x, 7));
        printf("ldexp(%a, -3) = %a\n", x, ldexp(x, -3));
        /* Served by the real guest libm: conversions with ISA-specific out-of-range results,
         * long double (binary128 on the guests), lgamma's signgam. */
        printf("lround(%a) = %ld\n", x, lround(x));
        printf("llrint(%a) = %lld\n", x, llrint(x));
        printf("ilogb(%a) = %d\n", x, ilogb(x));
        printf("sinl(%a) = %La\n", x, sinl(xl));
        printf("expl(%a) = %La\n", x, expl(xl / 8));
        printf("sqrtl(%a) = %La\n", x, sqrtl(fabsl(xl)));
        printf("lgamma(%a) = %a %d\n", x, lgamma(x), signgam);
        printf("lgamma_r(%a) = %a %d\n", x, lgamma_r(x, &sign), sign);
    }
    /* errno: domain and range errors. */
    errno = 0;
    errno_case("sqrt(-1)", sqrt(-1.0));
    errno_case("log(0)", log(0.0));
    errno_case("exp(1000)", exp(1000.0));
    errno_case("pow(0,-1)", pow(0.0, -1.0));
    errno_case("acos(2)", acos(2.0));
    errno_case("sin(1)", sin(1.0));
    /* fenv acts on the guest's FPU state: rounding modes must reach rint/nearbyint. */
    for (int mode = 0; mode < 4; mode++) {
        static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
        fesetround(modes[mode]);
        /* Through volatile pointers: the compiler would inline rint and sqrt as instructions. */
        static double (*volatile rint_p)(double) = rint, (*volatile nearbyint_p)(double) = nearbyint;
        static double (*volatile sqrt_p)(double) = sqrt, (*volatile exp_p)(double) = exp;
        static double (*volatile fma_p)(double, double, double) = fma;
        static long (*volatile lrint_p)(double) = lrint;

        printf("fesetround(%d) = %d %a %a %a %ld %a %a %a\n", mode, fegetround() == modes[mode],
               rint_p(2.5), rint_p(-2.5), nearbyint_p(1.5), lrint_p(-0.5), sqrt_p(2.0),
               fma_p(1.0 / 3, 3.0, -1.0), exp_p(1.0 / 3));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    printf("fetestexcept(FE_DIVBYZERO) = %d\n", (volatile double){ 1.0 } / (volatile double){ 0.0 } > 0 && fetestexcept(FE_DIVBYZERO) != 0);
    printf("nan(\"0x42\") = %a\n", nan("0x42"));
    return 0;
}
