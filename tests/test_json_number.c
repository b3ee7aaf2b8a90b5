/*
 * test_json_number.c - wn_json_format_double writes exactly what it always
 * has: the shortest "%.*g" (precision 1 to 17, tried in turn) that strtod
 * reads back as the same double, or the integer, or null. It now gets there
 * in at most three tries (see json.c for why that is the same string); here
 * the two are compared on special values and a million random doubles of
 * every kind: any bit pattern (subnormals included), ratios of counts as
 * the filters record them, short decimals and their neighbours, and values
 * near the integer cut-off and powers of ten.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "harness.h"

/* The original algorithm, kept here as the reference. */
static void reference(double v, char *out, size_t outlen)
{
    if (!isfinite(v)) {
        snprintf(out, outlen, "null");
        return;
    }
    if (v == (double)(int64_t)v && fabs(v) < 1e15) {
        snprintf(out, outlen, "%lld", (long long)v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* The three tries of printf and strtod that came next (until 2026-11, when
 * integer arithmetic took over for 1e-5 <= |v| < 1e15), kept as a second
 * reference: quicker than the first, so it checks many more values. */
static void reference3(double v, char *out, size_t outlen)
{
    if (!isfinite(v)) {
        snprintf(out, outlen, "null");
        return;
    }
    if (v == (double)(int64_t)v && fabs(v) < 1e15) {
        snprintf(out, outlen, "%lld", (long long)v);
        return;
    }
    if (outlen < 32 || fabs(v) < DBL_MIN) {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(out, outlen, "%.*g", prec, v);
            if (strtod(out, NULL) == v)
                return;
        }
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, v);
        if (prec == 17 || strtod(out, NULL) == v)
            return;
    }
}

static long g_bad, g_total;

static void same(double v)
{
    char a[40], b[40], c[40];
    reference(v, a, sizeof a);
    reference3(v, c, sizeof c);
    wn_json_format_double(v, b, sizeof b);
    g_total++;
    if ((strcmp(a, b) || strcmp(c, b)) && g_bad++ < 5)
        fprintf(stderr, "  %a: reference %s, three tries %s, now %s\n", v, a, c, b);
}

static void same3(double v)
{
    char a[40], b[40];
    reference3(v, a, sizeof a);
    wn_json_format_double(v, b, sizeof b);
    g_total++;
    if (strcmp(a, b) && g_bad++ < 5)
        fprintf(stderr, "  %a: three tries %s, now %s\n", v, a, b);
}

static uint64_t g_x = 88172645463325252ull;

static uint64_t next(void)
{
    g_x ^= g_x << 13, g_x ^= g_x >> 7, g_x ^= g_x << 17;
    return g_x;
}

TEST(special_values)
{
    static const double v[] = {0.0,     -0.0,     1.0,       -1.0,     0.1,      0.5,
                               1.0 / 3, 2.0 / 3,  1e15,      -1e15,    1e15 + 1, 1e15 - 0.5,
                               1e16,    1e17,     1e22,      1e23,     1e300,    1e-300,
                               9007199254740992.0, 9007199254740993.0, 4503599627370495.5,
                               DBL_MAX, -DBL_MAX, DBL_MIN,   -DBL_MIN, DBL_EPSILON,
                               5e-324,  -5e-324,  2.2250738585072009e-308, 1e-5, 1e-4,
                               0.3,     0.7,      123456.5,  9.999999999999999e-5,
                               0.9999999999999999, 99999999999999.99};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        same(v[k]);
        same(nextafter(v[k], INFINITY));
        same(nextafter(v[k], -INFINITY));
    }
    same(INFINITY);
    same(-INFINITY);
    same(NAN);
    for (int e = -330; e <= 310; e++) { /* powers of ten and their neighbours */
        double p = pow(10.0, e);
        same(p);
        same(nextafter(p, INFINITY));
        same(nextafter(p, 0.0));
        same(p * 0.5);
    }
    for (int e = -1074; e <= 1023; e++) /* powers of two */
        same(ldexp(1.0, e));
    CHECK_EQ_INT(g_bad, 0);
}

TEST(random_doubles)
{
    long bad0 = g_bad;
    for (long k = 0; k < 1000000; k++) {
        uint64_t x = next();
        double v;
        switch (k % 5) {
        case 0: { /* any bit pattern */
            memcpy(&v, &x, sizeof v);
            break;
        }
        case 1: /* ratios of counts, as the filters record them */
            v = (double)(x % 5000) / (double)(1 + (x >> 20) % 5000);
            break;
        case 2:
            v = (double)(x % 100000) / (double)(1 + (x >> 24) % 1000000);
            break;
        case 3: /* short decimals and their neighbours */
            v = (double)(x % 1000000) / pow(10.0, (double)((x >> 40) % 12));
            if (x & (1ull << 50))
                v = nextafter(v, (x & (1ull << 51)) ? INFINITY : -INFINITY);
            break;
        default: { /* subnormals and tiny normals */
            uint64_t bits = x & ((1ull << 54) - 1);
            memcpy(&v, &bits, sizeof v);
        }
        }
        same(v);
    }
    CHECK_EQ_INT(g_bad - bad0, 0);
    printf("  %ld doubles formatted as the reference does\n", g_total);
}

TEST(random_doubles_in_the_integer_range)
{
    /* The range format_fast() takes, 1e-5 <= |v| < 1e15, against the three
     * tries: ratios a/b of random integers of every size, values of few
     * bits (where ties in the last digit can happen), values near powers of
     * ten and near the ends of the range, and any bit pattern there. */
    long bad0 = g_bad, total0 = g_total;
    for (long k = 0; k < 3000000; k++) {
        uint64_t x = next(), y = next();
        double v;
        switch (k % 6) {
        case 0: /* a / b, both of up to 1 to 53 bits */
            v = (double)(x >> (11 + x % 53)) / (double)((y >> (11 + y % 53)) | 1);
            break;
        case 1: /* counts as the filters have them */
            v = (double)(x % 100000) / (double)(1 + y % 100000);
            break;
        case 2: /* few bits, shifted: exact binary fractions */
            v = ldexp((double)(x & 0xFFFFF), -(int)(y % 60));
            break;
        case 3: { /* around the powers of ten from 1e-6 to 1e16 */
            uint64_t b;
            double p = pow(10.0, (double)((int)(x % 23) - 6));
            memcpy(&b, &p, sizeof b);
            b += (uint64_t)(int64_t)((int)(y % 2001) - 1000);
            memcpy(&v, &b, sizeof v);
            break;
        }
        case 4: /* a short decimal and its neighbours */
            v = (double)(x % 100000000) / pow(10.0, (double)(y % 16));
            v = nextafter(v, y & 1 ? INFINITY : -INFINITY);
            break;
        default: { /* any bit pattern of the range */
            uint64_t bits = (x & ((1ull << 52) - 1)) | ((uint64_t)(1006 + y % 67) << 52);
            memcpy(&v, &bits, sizeof v);
        }
        }
        same3(x >> 63 ? -v : v);
    }
    CHECK_EQ_INT(g_bad - bad0, 0);
    printf("  %ld more against the three tries\n", g_total - total0);
}

TEST(short_buffer)
{
    /* Below 32 bytes every precision is tried, as before. */
    char a[20], b[20];
    for (long k = 0; k < 20000; k++) {
        uint64_t x = next();
        double v = (double)(x % 5000) / (double)(1 + (x >> 20) % 5000);
        reference(v, a, sizeof a);
        wn_json_format_double(v, b, sizeof b);
        CHECK(!strcmp(a, b));
    }
}

int main(void)
{
    RUN(special_values);
    RUN(random_doubles);
    RUN(random_doubles_in_the_integer_range);
    RUN(short_buffer);
    return harness_done();
}
