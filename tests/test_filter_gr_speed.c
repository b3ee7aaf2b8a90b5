/*
 * test_filter_gr_speed.c - gopher_repetition's small inline helpers against
 * the plain definitions they stand for.
 *
 * The helpers are static in gopher.c, and most of them are reached from the
 * filter only where their answer is almost always the same one (a token
 * comparison made after a 64-bit key hit finds equal tokens), so the
 * filter's tests cannot see them give the other answer. This file includes
 * gopher.c itself to call them directly; its public functions then come
 * from here, not from the library's copy, which the linker leaves out.
 *
 * u32_eq against memcmp: every length up to 40, equal arrays and arrays
 * that differ in one element at every position (in one bit, low or high),
 * at every alignment of the two.
 */
#include "../lib/filter/gopher.c"

#include <stdio.h>

#include "harness.h"

static unsigned long long g_rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd32(void)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g_rng >> 32);
}

TEST(u32_eq_against_memcmp)
{
    enum { MAXN = 40 };
    uint32_t a[MAXN + 4], b[MAXN + 4];
    long cases = 0, bad = 0;
    for (size_t n = 0; n <= MAXN; n++)
        for (size_t oa = 0; oa < 4; oa++)
            for (size_t ob = 0; ob < 4; ob++) {
                uint32_t *x = a + oa, *y = b + ob;
                for (size_t k = 0; k < n; k++)
                    x[k] = y[k] = rnd32() >> (rnd32() % 32);
                cases++;
                bad += u32_eq(x, y, n) != 1;
                for (size_t at = 0; at < n; at++)
                    for (int bit = 0; bit < 32; bit += 31) {
                        y[at] ^= 1u << bit;
                        int want = !memcmp(x, y, n * sizeof *x);
                        cases++;
                        if (u32_eq(x, y, n) != want && bad++ < 5)
                            fprintf(stderr, "  n %zu, element %zu, bit %d: u32_eq %d\n", n, at,
                                    bit, !want);
                        y[at] ^= 1u << bit;
                    }
            }
    CHECK_EQ_INT(bad, 0);
    printf("  u32_eq equal to memcmp in %ld cases\n", cases);
}

int main(void)
{
    RUN(u32_eq_against_memcmp);
    return harness_done();
}
