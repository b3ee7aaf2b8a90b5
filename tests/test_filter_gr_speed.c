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
 *
 * may_lists_avx2 (eight candidates a step, by permutation) against
 * may_lists (one at a time): every list length up to 80 and some longer,
 * flag bytes random or biased to all-set and all-clear, every one of the
 * 256 eight-bit patterns of each n appearing.
 *
 * line_hash (the code-point hash, used for lines with a character at or
 * above 255 since round 13 moved the usual lines to the narrowed bytes:
 * tests/test_filter_r13_gopher.c) must depend on the line alone: the same line in other
 * surroundings (other text before it, another line or the end of the text
 * after it, at every alignment) gets the same hash and the same end, and
 * lines that differ in one character get different hashes.
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

TEST(may_lists_avx2_against_plain)
{
#ifdef WN_GR_AVX2
    if (!__builtin_cpu_supports("avx2"))
        SKIP("no AVX2 on this CPU");
    enum { MAXC = 3000 };
    static uint32_t cand[MAXC], want[6][MAXC + 8], got[6][MAXC + 8];
    static uint8_t lv[MAXC];
    uint32_t *wp[6], *gp[6];
    for (int k = 0; k < 6; k++)
        wp[k] = want[k], gp[k] = got[k];
    long lists = 0, bad = 0;
    unsigned seen[6][256] = {{0}};
    for (int iter = 0; iter < 4000; iter++) {
        size_t nc = iter < 2000 ? (size_t)iter % 81 : rnd32() % MAXC;
        unsigned bias = rnd32() % 4; /* 0: random; 1: mostly set; 2: mostly clear; 3: one n */
        for (size_t j = 0; j < nc; j++) {
            cand[j] = (j ? cand[j - 1] : 0) + 1 + rnd32() % 5;
            uint8_t r = (uint8_t)(rnd32() & 0x3f);
            lv[j] = bias == 1 ? (uint8_t)(r | (rnd32() % 8 ? 0x3f : 0))
                  : bias == 2 ? (uint8_t)(r & (rnd32() % 8 ? 0 : 0x3f))
                  : bias == 3 ? (uint8_t)(r & 1u << rnd32() % 6)
                              : r;
        }
        for (size_t j = 0; j + 8 <= nc; j += 8)
            for (int k = 0; k < 6; k++) {
                unsigned b = 0;
                for (int q = 0; q < 8; q++)
                    b |= (unsigned)(lv[j + q] >> k & 1) << q;
                seen[k][b] = 1;
            }
        size_t nw[6], ng[6];
        may_lists(cand, lv, nc, wp, nw);
        may_lists_avx2(cand, lv, nc, gp, ng);
        for (int k = 0; k < 6; k++) {
            lists++;
            if ((nw[k] != ng[k] || memcmp(want[k], got[k], nw[k] * sizeof *got[k])) && bad++ < 5)
                fprintf(stderr, "  list of %zu, n %d: %zu entries, plain %zu\n", nc, k + 5, ng[k],
                        nw[k]);
        }
    }
    long patterns = 0;
    for (int k = 0; k < 6; k++)
        for (int b = 0; b < 256; b++)
            patterns += seen[k][b];
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(patterns, 6 * 256);
    printf("  %ld per-n lists by permutation equal to the plain ones\n", lists);
#else
    SKIP("no AVX2 path in this build");
#endif
}

/* A line of n code points, none '\n', from characters the narrowing
 * treats apart: ASCII, 0, Latin-1, 255 itself, 256 and beyond. */
static void random_line(uint32_t *l, size_t n)
{
    static const uint32_t pick[] = {'a', 'b', ' ', '\t', '\r', 0, 0xe9, 0xfe, 0xff, 0x100,
                                    0x1ff, 0x4e2d, 0xffff, 0x10000, 0x10ffff, '\v'};
    int narrow = rnd32() % 2; /* all below 255, or mostly not */
    for (size_t k = 0; k < n; k++)
        l[k] = pick[rnd32() % (narrow ? 8 : sizeof pick / sizeof pick[0])];
    if (narrow && n && rnd32() % 4 == 0)
        l[rnd32() % n] = 0xff; /* one wide at a random place */
}

TEST(line_hash_depends_on_the_line_alone)
{
    enum { MAXL = 40, ROOM = 2 * MAXL + 40 };
    uint32_t line[MAXL], other[MAXL], buf[2][ROOM];
    long lines = 0, bad = 0, same = 0, narrow = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = (size_t)iter % (MAXL + 1);
        random_line(line, n);
        uint64_t h[2];
        for (int b = 0; b < 2; b++) {
            size_t pre = rnd32() % 12, post = rnd32() % 12, o = 0;
            random_line(buf[b], pre);
            o = pre;
            memcpy(buf[b] + o, line, n * sizeof *line);
            o += n;
            if (post) { /* another line after it, or the end of the text */
                buf[b][o++] = '\n';
                random_line(buf[b] + o, post - 1);
                o += post - 1;
            }
            size_t stop;
            h[b] = line_hash(buf[b], pre, o, &stop);
            if (stop != pre + n && bad++ < 5)
                fprintf(stderr, "  line of %zu: stop %zu, want %zu\n", n, stop, pre + n);
        }
        lines++;
        int all_narrow = 1;
        for (size_t k = 0; k < n; k++)
            all_narrow &= line[k] < 255;
        narrow += all_narrow;
        if (h[0] != h[1] && bad++ < 5)
            fprintf(stderr, "  line of %zu: two hashes\n", n);
        if (n) { /* one character changed */
            memcpy(other, line, n * sizeof *line);
            size_t at = rnd32() % n;
            /* to another that narrowing would make alike, when it is one */
            other[at] = other[at] >= 255 ? other[at] ^ 1 : other[at] == 'a' ? 'b' : 'a';
            size_t stop;
            same += line_hash(other, 0, n, &stop) == h[0];
        }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(same < 3);
    CHECK(narrow > lines / 3);
    printf("  %ld lines (%ld below 255) hashed alike wherever they stand (%ld changed lines "
           "hashed alike)\n", lines, narrow, same);
}

int main(void)
{
    RUN(u32_eq_against_memcmp);
    RUN(may_lists_avx2_against_plain);
    RUN(line_hash_depends_on_the_line_alone);
    return harness_done();
}
