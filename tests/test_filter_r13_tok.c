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
 *
 * words_from_masks() and phrases_from_bits() read four blocks of masks
 * at a time; on random spans of the same texts they must answer what the
 * block-at-a-time versions before them (frozen below) answered.
 *
 * fineweb_quality takes the lines of a text c4_quality made from c4's
 * table of kept lines instead of looking for '\n': on random texts of
 * lines (kept, dropped for too few words, emptied or changed by citations,
 * repeated, around the short-line length, every line break), every value
 * it records on c4's rewrite must be what it records on the same text
 * without c4's table.
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

/* words_from_masks() and phrases_from_bits() as they were, a block at a
 * time */
static long words16(const uint16_t *pb, size_t nb, size_t a, size_t b, unsigned *flags)
{
    const uint16_t *sp = pb + PB_SPACE * nb, *big = pb + PB_BIG * nb;
    const uint16_t *br = pb + PB_BRACKET * nb, *cu = pb + PB_CURLY * nb;
    unsigned prev = 1, fb = 0, fc = 0;
    long w = 0;
    for (size_t blk = a >> 4; (blk << 4) < b; blk++) {
        size_t base = blk << 4;
        unsigned in = 0xffff;
        if (base < a)
            in &= 0xffffu << (a - base);
        if (b - base < 16)
            in &= (1u << (b - base)) - 1;
        if (big[blk] & in)
            return -1;
        unsigned m = (sp[blk] | ~in) & 0xffff;
        w += (long)__builtin_popcount(~m & ((m << 1) | prev) & 0xffff);
        prev = m >> 15;
        fb |= br[blk] & in;
        fc |= cu[blk] & in;
    }
    *flags = (fb ? WN_C4_BRACKET : 0) | (fc ? WN_C4_CURLY : 0);
    return w;
}

static void phrases16(const uint16_t *pb, const uint32_t *s, size_t a, size_t b, int *lorem,
                      int *js, int *policy)
{
    for (size_t blk = a >> 4; (blk << 4) < b; blk++) {
        unsigned m = pb[blk];
        if (!m)
            continue;
        size_t base = blk << 4;
        if (base < a)
            m &= ~0u << (a - base);
        if (b - base < 16)
            m &= (1u << (b - base)) - 1;
        for (; m; m &= m - 1) {
            size_t k = base + (size_t)__builtin_ctz(m);
            phrases_at(s + a, b - a, k - a, lc(s[k]), 1, lorem, js, policy);
        }
    }
}

TEST(masks_four_blocks_at_a_time)
{
    if (c4_simd_level() < 2)
        SKIP("no SSSE3");
    wn_arena *a = wn_arena_create(1 << 24);
    size_t nt = texts(), bad = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n = 0, want = it % 4 ? rnd(300) : rnd(3000);
        uint32_t *s = rand_text(a, want, &n);
        size_t nb = n / 16 + 1;
        /* exactly the size c4_quality allocates */
        uint16_t *pb = wn_arena_alloc(a, PB_N * nb * sizeof *pb);
        phrase_bits(s, n, pb, nb);
        for (int r = 0; r < 16 && n; r++) {
            size_t x = rnd((unsigned)n), y = x + rnd((unsigned)(n - x) + 1);
            if (r < 4) /* spans that end the text */
                y = n;
            unsigned f1 = 0, f2 = 0;
            long w1 = words_from_masks(pb, nb, x, y, &f1), w2 = words16(pb, nb, x, y, &f2);
            int p1[3] = {0, 0, 0}, p2[3] = {0, 0, 0};
            phrases_from_bits(pb, s, x, y, &p1[0], &p1[1], &p1[2]);
            phrases16(pb, s, x, y, &p2[0], &p2[1], &p2[2]);
            if (w1 != w2 || (w1 >= 0 && f1 != f2) || memcmp(p1, p2, sizeof p1)) {
                fprintf(stderr, "  text %zu span [%zu, %zu) of %zu: %ld words %u, %d%d%d; "
                                "before %ld %u, %d%d%d\n",
                        it, x, y, n, w1, f1, p1[0], p1[1], p1[2], w2, f2, p2[0], p2[1], p2[2]);
                CHECK(0);
                bad++;
                break;
            }
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

static const char *const LINES[] = {
    "The cat sat on the mat.", "the cat sat on the mat.", "Short one.", "Two words",
    "word", "", "  ", "[1]", "[edit]", "A line with a citation.[2] Yes it has.",
    "[citation needed] starts it off here.", "It ends with one [3]", "Cookies are used here.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.",
    "This sentence is exactly thirty!", "This line has thirty-one chars.",
    "Here is a much longer line that goes on and on, well past any short limit, "
    "with several clauses; some punctuation? yes! and an ending.",
    "\xc3\xa9t\xc3\xa9 \xe2\x80\x99quoted\xe2\x80\x99 words here too.",
    "  leading and trailing spaces  ", "\ttabbed line of words\t", "x y z", "1 2 3 4 5"};
static const char *const BREAKS[] = {"\n", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c",
                                     "\x1c", "\xc2\x85", "\xe2\x80\xa8", "\n \n"};

/* a random text of lines, as code points, in the arena */
static uint32_t *rand_lines(wn_arena *a, size_t *n)
{
    char buf[8192];
    size_t bn = 0, nl = 1 + rnd(40);
    for (size_t k = 0; k < nl; k++) {
        const char *p = LINES[rnd(sizeof LINES / sizeof *LINES)];
        const char *q = BREAKS[rnd(sizeof BREAKS / sizeof *BREAKS)];
        size_t pl = strlen(p), ql = strlen(q);
        if (bn + pl + ql >= sizeof buf)
            break;
        memcpy(buf + bn, p, pl);
        bn += pl;
        if (k + 1 < nl || rnd(2)) {
            memcpy(buf + bn, q, ql);
            bn += ql;
        }
    }
    return wn_utf8_to_u32(a, buf, bn, n);
}

TEST(fineweb_lines_from_c4)
{
    wn_arena *a = wn_arena_create(1 << 24);
    wn_punkt_model *pm = wn_punkt_model_build();
    wn_fw_cfg fw;
    wn_fw_defaults(&fw);
    size_t nt = texts(), bad = 0, from_table = 0;
    for (size_t it = 0; it < nt && bad < 5; it++) {
        wn_arena_reset(a);
        size_t n;
        uint32_t *s = rand_lines(a, &n);
        wn_c4_cfg c;
        wn_c4_defaults(&c, 1);
        c.min_num_sentences = 0;
        c.min_words_per_line = (int)rnd(4);
        c.filter_lorem_ipsum = c.filter_curly_bracket = (int)rnd(2);
        wn_ftext t = {.a = a, .pm = pm, .s = s, .n = n};
        if (wn_ftext_words(&t)) {
            CHECK(0);
            break;
        }
        wn_fres r;
        memset(&r, 0, sizeof r);
        if (wn_filter_c4_quality(&c, &t, &r, 1)) {
            CHECK(0);
            break;
        }
        if (!r.kept || !r.rewrote)
            continue;
        t.s = r.text_out;
        t.n = r.text_out_n;
        t.have_words = 0;
        from_table += t.sents && t.sents_s == t.s && t.sents_n == t.n;
        wn_ftext t2 = {.a = a, .pm = pm, .s = t.s, .n = t.n};
        wn_fres f1, f2;
        memset(&f1, 0, sizeof f1);
        memset(&f2, 0, sizeof f2);
        if (wn_filter_fineweb_quality(&fw, &t, &f1) || wn_filter_fineweb_quality(&fw, &t2, &f2)) {
            CHECK(0);
            break;
        }
        char d1[4096], d2[4096];
        dump(&f1, d1, sizeof d1);
        dump(&f2, d2, sizeof d2);
        if (strcmp(d1, d2)) {
            fprintf(stderr, "  text %zu: from c4's lines %s\n  afresh %s\n", it, d1, d2);
            CHECK(0);
            bad++;
        }
    }
    CHECK(from_table > nt / 4);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

int main(void)
{
    RUN(phrase_bits_avx2_against_ssse3);
    RUN(filter_same_with_avx2_and_ssse3);
    RUN(masks_four_blocks_at_a_time);
    RUN(fineweb_lines_from_c4);
    return harness_done();
}
