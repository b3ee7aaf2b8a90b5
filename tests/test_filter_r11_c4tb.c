/*
 * test_filter_r11_c4tb.c - round 11's c4_quality shortcuts against the
 * plain way.
 *
 * The helpers are static in c4.c, so this file includes it to call them.
 *
 * phrase_bits() marks, in one pass over the whole text, the positions that
 * may start a phrase (four letters tested with table lookups), and the
 * line break candidates brk_fill() used to find block by block;
 * phrases_from_bits() then finds a line's phrases from those marks. On
 * random texts of phrases in mixed case, cut short, near-misses and every
 * line break, for every line of the text and for random spans, the
 * phrases found must be those of the plain scan over the span lower-cased
 * one code point at a time (scan_phrases()), the words and flags from the
 * masks (words_from_masks()) those of a plain count (or -1 exactly when
 * the span holds a code point >= 127), and every line break of the text
 * must be marked where brk_next() looks. wn_c4_words() (back to
 * sixteen at a time after a non-ASCII block) is compared with a plain
 * count on long ASCII lines with a few non-ASCII characters. Last, the
 * whole filter at each phrase-scan level (plain, SSE2, SSSE3) must record
 * the same values, verdict and text.
 */
#include "../lib/filter/c4.c"

#include <stdio.h>

#include "core/arena.h"
#include "harness.h"

static unsigned long long g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static size_t texts(void)
{
    const char *e = getenv("R11_TEST_TEXTS");
    return e ? (size_t)strtoull(e, NULL, 10) : 20000;
}

static const char *const PIECES[] = {
    "lorem ipsum", "Lorem Ipsum", "LOREM IPSUM", "lorem ipsu", "lore", "lorem",
    "javascript", "JavaScript", "javascrip", "java", "jav", "terms of use", "Terms Of Use",
    "terms of us", "term", "ter", "privacy policy", "Privacy Policy", "privacy polic", "priv",
    "pri", "cookie policy", "Cookie Policy", "cookie polic", "cook", "coo", "uses cookies",
    "Uses Cookies", "use of cookies", "use cookies", "use cookie", "uses", "use", "us",
    "after", "water", "product", "cool", "because", "the", "a", "x", "{", "[1]", "\xc3\xa9",
    "\xe2\x80\x99", "\xc4\xb0", "\xe2\x84\xaa", "\xf0\x9f\x98\x80", "\x7f"};
static const char *const SEPS[] = {" ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "\x0b",
                                   "\x0c", "\x1c", "\x1d", "\x1e", "\xc2\x85", "\xe2\x80\xa8",
                                   "\xe2\x80\xa9", "\xc2\xa0", "", ".", ", "};

/* a random text, as code points, in the arena */
static uint32_t *rand_text(wn_arena *a, size_t *n)
{
    char buf[4096];
    size_t bn = 0, np = rnd(60);
    for (size_t k = 0; k < np && bn + 64 < sizeof buf; k++) {
        const char *p = PIECES[rnd(sizeof PIECES / sizeof *PIECES)];
        const char *q = SEPS[rnd(sizeof SEPS / sizeof *SEPS)];
        memcpy(buf + bn, p, strlen(p));
        bn += strlen(p);
        memcpy(buf + bn, q, strlen(q));
        bn += strlen(q);
    }
    return wn_utf8_to_u32(a, buf, bn, n);
}

/* the plain scan of s[0..n): lower-cased one code point at a time */
static void plain_phrases(const uint32_t *s, size_t n, int out[3])
{
    uint32_t low[4096];
    for (size_t k = 0; k < n; k++)
        low[k] = s[k] < 128 ? lc(s[k]) : s[k] == 0x130 || s[k] == 0x212a ? 'i' : s[k];
    out[0] = out[1] = out[2] = 0;
    scan_phrases(low, n, &out[0], &out[1], &out[2]);
}

static size_t plain_words(const uint32_t *s, size_t n, unsigned *flags)
{
    size_t words = 0;
    int in = 0;
    *flags = 0;
    for (size_t i = 0; i < n; i++) {
        if (wn_isspace(s[i]))
            in = 0;
        else if (!in) {
            in = 1;
            words++;
        }
        *flags |= (s[i] == '[' ? WN_C4_BRACKET : 0) | (s[i] == '{' ? WN_C4_CURLY : 0) |
                  (s[i] >= 0x130 ? WN_C4_BIG : 0) |
                  (s[i] == 0x130 || s[i] == 0x212a ? WN_C4_ODD : 0);
    }
    return words;
}

TEST(phrase_bits_against_plain_scan)
{
    if (c4_simd_level() < 2)
        SKIP("no SSSE3");
    wn_arena *a = wn_arena_create(1 << 24);
    size_t nt = texts(), bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n;
        uint32_t *s = rand_text(a, &n);
        size_t nb = n / 16 + 1;
        uint16_t *pb = wn_arena_alloc(a, PB_N * nb * sizeof *pb);
        uint16_t *bm = pb + PB_BRK * nb;
        phrase_bits(s, n, pb, nb);
        /* every break where the scan over the marks finds it */
        brk_scan b1 = {.base = 0, .pre = bm}, b2 = {.base = 0};
        brk_fill(&b1, s, n);
        brk_fill(&b2, s, n);
        for (size_t i = 0; i < n;) {
            size_t j1 = brk_next(&b1, s, n, i), j2 = brk_next(&b2, s, n, i);
            size_t j3 = i;
            while (j3 < n && !wn_is_linebreak(s[j3]))
                j3++;
            if (j1 != j3 || j2 != j3) {
                fprintf(stderr, "  text %zu: break after %zu at %zu (marks), %zu (blocks), %zu\n",
                        it, i, j1, j2, j3);
                CHECK(0);
                bad++;
                break;
            }
            i = j3 + 1;
        }
        /* random spans (lines are spans) */
        for (int r = 0; r < 8 && n; r++) {
            size_t x = rnd((unsigned)n), y = x + rnd((unsigned)(n - x) + 1);
            int want[3], got[3] = {0, 0, 0};
            int odd = 0;
            for (size_t k = x; k < y; k++)
                odd |= s[k] == 0x130 || s[k] == 0x212a;
            /* the words, where the masks answer */
            unsigned f1 = 0, f2;
            long w1 = words_from_masks(pb, nb, x, y, &f1);
            size_t w2 = plain_words(s + x, y - x, &f2);
            int ascii = 1;
            for (size_t k = x; k < y; k++)
                ascii &= s[k] < 127;
            if (w1 != (ascii ? (long)w2 : -1) || (ascii && f1 != f2)) {
                fprintf(stderr, "  text %zu span [%zu, %zu): %ld words flags %u, plain %zu %u\n",
                        it, x, y, w1, f1, w2, f2);
                CHECK(0);
                bad++;
                break;
            }
            if (odd)
                continue; /* those lines take the lower-casing path */
            plain_phrases(s + x, y - x, want);
            phrases_from_bits(pb, s, x, y, &got[0], &got[1], &got[2]);
            if (memcmp(want, got, sizeof want)) {
                fprintf(stderr, "  text %zu span [%zu, %zu): %d%d%d, plain %d%d%d\n", it, x, y,
                        got[0], got[1], got[2], want[0], want[1], want[2]);
                CHECK(0);
                bad++;
                break;
            }
        }
    }
    wn_arena_free(a);
}

TEST(words_sparse_non_ascii)
{
    static const uint32_t other[] = {0x85, 0xa0, 0x2028, 0x3000, 0x2000, 0x200a, 0x200b, 0x1680,
                                     0x130, 0x212a, 0x12f, 0xe9, 0x2019, 0x7f, '[', '{', ' ',
                                     '\t', 0x1c};
    uint32_t buf[300];
    size_t nt = texts() * 5, bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        size_t n = rnd(250);
        for (size_t k = 0; k < n; k++)
            buf[k] = rnd(4) == 0 ? ' ' : 'a' + rnd(26);
        for (size_t m = rnd(4); m > 0 && n; m--)
            buf[rnd((unsigned)n)] = other[rnd(sizeof other / sizeof *other)];
        unsigned f1, f2;
        size_t w1 = wn_c4_words(buf, n, &f1), w2 = plain_words(buf, n, &f2);
        if (w1 != w2 || f1 != f2) {
            fprintf(stderr, "  line %zu (%zu): %zu words flags %u, plain %zu %u\n", it, n, w1,
                    f1, w2, f2);
            CHECK(0);
            bad++;
        }
    }
}

/* the values of r as one string */
static void dump(const wn_fres *r, char *out, size_t cap)
{
    size_t o = (size_t)snprintf(out, cap, "%d %s %d %zu |", r->kept, r->reason ? r->reason : "-",
                                r->rewrote, r->ncuts);
    for (size_t k = 0; k < r->nv && o < cap; k++)
        o += (size_t)snprintf(out + o, cap - o, " %s=%lld", r->v[k].name, r->v[k].i);
}

TEST(filter_same_at_every_level)
{
    wn_arena *a = wn_arena_create(1 << 24);
    wn_punkt_model *pm = wn_punkt_model_build();
    size_t nt = texts() / 4, bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n;
        uint32_t *s = rand_text(a, &n);
        wn_c4_cfg c;
        wn_c4_defaults(&c, (int)rnd(2));
        char first[4096] = "";
        const uint32_t *t0 = NULL;
        size_t n0 = 0;
        for (int level = 2; level >= 0; level--) {
            wn_c4_simd(level);
            wn_ftext ft = {.a = a, .pm = pm, .s = s, .n = n};
            wn_fres r;
            memset(&r, 0, sizeof r);
            if (wn_filter_c4_quality(&c, &ft, &r, 1)) {
                CHECK(0);
                break;
            }
            char d[4096];
            dump(&r, d, sizeof d);
            const uint32_t *t = r.kept ? r.text_out : NULL;
            size_t tn = r.kept ? r.text_out_n : 0;
            if (level == 2) { /* the first run: what the others must give */
                strcpy(first, d);
                t0 = t;
                n0 = tn;
                continue;
            }
            if (strcmp(first, d) || tn != n0 || (tn && memcmp(t, t0, tn * sizeof *t))) {
                fprintf(stderr, "  text %zu level %d: %s\n  against %s\n", it, level, d, first);
                CHECK(0);
                bad++;
                break;
            }
        }
    }
    wn_c4_simd(-1);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

int main(void)
{
    RUN(phrase_bits_against_plain_scan);
    RUN(words_sparse_non_ascii);
    RUN(filter_same_at_every_level);
    return harness_done();
}
