/*
 * test_filter_r13_tok.c - round 13's c4_quality change against the way
 * before it.
 *
 * The helpers are static in c4.c, so this file includes it to call them.
 *
 * phrase_bits_avx2() makes, two blocks of sixteen at a time, what
 * phrase_bits_from() (SSSE3, a block at a time) makes for the same blocks,
 * and leaves the blocks near the end to it, so the two must write the same
 * bits: the phrase candidates, the line break candidates, the ASCII
 * whitespace, the code points >= 127, '[' and '{', for every block. They
 * are compared bit for bit on random texts of every length up to a few
 * thousand code points (the hand-over to the SSSE3 loop and its last
 * blocks fall at every offset), made of the phrases in mixed case, cut
 * short and near-missed, every line break, controls, DEL and non-ASCII
 * characters. Then the whole filter at level 3 (AVX2) and level 2 (SSSE3)
 * must record the same values, verdict, text and cuts.
 */
#include "../lib/filter/c4.c"

#include <stdio.h>

#include "core/arena.h"
#include "harness.h"

static unsigned long long g_rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static size_t texts(void)
{
    const char *e = getenv("R13_TEST_TEXTS");
    return e ? (size_t)strtoull(e, NULL, 10) : 20000;
}

static const char *const PIECES[] = {
    "lorem ipsum", "LoReM iPsUm", "lorem ipsu", "lorem", "lore", "lor", "javascript",
    "JAVASCRIPT", "javascrip", "java", "jav", "terms of use", "Terms of Use", "term", "ter",
    "privacy policy", "PRIVACY", "priv", "pri", "cookie policy", "Cookies", "cook", "coo",
    "uses cookies", "use cookies", "use of", "use", "uses", "us", "user", "the", "a", "water",
    "Product", "[", "]", "{", "}", "[1]", "[edit]", "\x7f", "\x01", "\x1f", "~", "@", "`",
    "\xc3\xa9", "\xc3\x80", "\xe2\x80\x99", "\xc4\xb0", "\xe2\x84\xaa", "\xf0\x9f\x98\x80",
    "\xc2\xbf", "\xef\xbf\xbd"};
static const char *const SEPS[] = {" ", " ", " ", "", "  ", "\t", "\n", "\n", "\r\n", "\r",
                                   "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\xc2\x85",
                                   "\xe2\x80\xa8", "\xe2\x80\xa9", "\xc2\xa0", "\xe3\x80\x80",
                                   ".", ", "};

/* a random text of about want code points, in the arena */
static uint32_t *rand_text(wn_arena *a, size_t want, size_t *n)
{
    char *buf = wn_arena_alloc(a, want * 4 + 64);
    size_t bn = 0;
    while (bn < want) {
        const char *p = PIECES[rnd(sizeof PIECES / sizeof *PIECES)];
        const char *q = SEPS[rnd(sizeof SEPS / sizeof *SEPS)];
        size_t pl = strlen(p), ql = strlen(q);
        if (bn + pl + ql > want * 4 + 32)
            break;
        memcpy(buf + bn, p, pl);
        bn += pl;
        memcpy(buf + bn, q, ql);
        bn += ql;
    }
    return wn_utf8_to_u32(a, buf, bn, n);
}

TEST(phrase_bits_avx2_against_ssse3)
{
    if (c4_simd_level() < 3)
        SKIP("no AVX2");
    wn_arena *a = wn_arena_create(1 << 24);
    size_t nt = texts(), bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n, want = it % 4 ? rnd(300) : rnd(4000);
        uint32_t *s = rand_text(a, want, &n);
        /* lengths at and around the multiples of 32 */
        if (n > 1 && it % 3 == 0)
            n -= rnd((unsigned)(n < 40 ? n : 40));
        size_t nb = n / 16 + 1;
        uint16_t *p1 = wn_arena_alloc(a, PB_N * nb * sizeof *p1);
        uint16_t *p2 = wn_arena_alloc(a, PB_N * nb * sizeof *p2);
        memset(p1, 0xa5, PB_N * nb * sizeof *p1);
        memset(p2, 0x5a, PB_N * nb * sizeof *p2);
        phrase_bits_avx2(s, n, p1, nb);
        phrase_bits_from(s, n, p2, nb, 0);
        /* every block of text; the last entry of each array is past it
         * when n is a multiple of 16 */
        size_t blocks = (n + 15) / 16;
        for (int arr = 0; arr < PB_N; arr++)
            for (size_t k = 0; k < blocks; k++)
                if (p1[arr * nb + k] != p2[arr * nb + k]) {
                    fprintf(stderr, "  text %zu (%zu code points): array %d block %zu: %04x, "
                                    "SSSE3 %04x\n",
                            it, n, arr, k, p1[arr * nb + k], p2[arr * nb + k]);
                    CHECK(0);
                    bad++;
                    arr = PB_N;
                    break;
                }
    }
    wn_arena_free(a);
}

/* the values of r as one string */
static void dump(const wn_fres *r, char *out, size_t cap)
{
    size_t o = (size_t)snprintf(out, cap, "%d %s %d %zu |", r->kept, r->reason ? r->reason : "-",
                                r->rewrote, r->ncuts);
    for (size_t k = 0; k < r->nv && o < cap; k++)
        o += (size_t)snprintf(out + o, cap - o, " %s=%lld", r->v[k].name, r->v[k].i);
}

TEST(filter_same_with_avx2_and_ssse3)
{
    if (wn_c4_simd(3) < 3) {
        wn_c4_simd(-1);
        SKIP("no AVX2");
    }
    wn_arena *a = wn_arena_create(1 << 24);
    wn_punkt_model *pm = wn_punkt_model_build();
    size_t nt = texts() / 4, bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n;
        uint32_t *s = rand_text(a, rnd(2000), &n);
        wn_c4_cfg c;
        wn_c4_defaults(&c, (int)rnd(2));
        char d[2][4096];
        const uint32_t *t[2] = {NULL, NULL};
        size_t tn[2] = {0, 0};
        for (int v = 0; v < 2; v++) {
            wn_c4_simd(3 - v);
            wn_ftext ft = {.a = a, .pm = pm, .s = s, .n = n};
            wn_fres r;
            memset(&r, 0, sizeof r);
            if (wn_filter_c4_quality(&c, &ft, &r, 1)) {
                CHECK(0);
                break;
            }
            dump(&r, d[v], sizeof d[v]);
            t[v] = r.kept ? r.text_out : NULL;
            tn[v] = r.kept ? r.text_out_n : 0;
        }
        if (strcmp(d[0], d[1]) || tn[0] != tn[1] ||
            (tn[0] && memcmp(t[0], t[1], tn[0] * sizeof *t[0]))) {
            fprintf(stderr, "  text %zu: AVX2 %s\n  SSSE3 %s\n", it, d[0], d[1]);
            CHECK(0);
            bad++;
        }
    }
    wn_c4_simd(-1);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

int main(void)
{
    RUN(phrase_bits_avx2_against_ssse3);
    RUN(filter_same_with_avx2_and_ssse3);
    return harness_done();
}
