/*
 * test_filter_tok_speed.c - word_tokenize's whole-text pass against the
 * sentence-by-sentence way.
 *
 * wn_word_tokenize classifies the characters of the whole text once (the
 * Treebank scan's bitmaps, the narrowed bytes, and the '.', '?' and '!'
 * punkt walks) and each sentence takes its bitmaps from there, shifted to
 * its offset, instead of classifying its own characters. Here that is
 * compared, with every classifier (plain C, SSE2, AVX2), with tokenizing
 * each sentence alone: random spans of random texts (any offset, any
 * length, ending before a digit, a '.', a '-' or a doubled letter, which a
 * sentence alone sees followed by nothing), and random texts of several
 * sentences through punkt. The punkt side (enders from a bitmap) is also
 * compared with the frozen punkt in test_filter_punkt.c. And punkt's
 * orthographic words looked up by their short keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "filter/filter_data.h"
#include "filter/ftext.h"
#include "harness.h"

static unsigned long long g_rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static wn_arena *g_a;
static wn_punkt_model *g_pm;

/* Pieces of text: words, the contraction words and doubled letters, what
 * the Treebank step and punkt treat specially, and whitespace of every
 * kind, ASCII or not. */
static const char *const PIECES[] = {
    "the", "It", "don't", "cannot", "gonna", "Mr", "U.S", "e.g", "annual", "letter", "summer",
    "wanna", "Inc", "caf\u00e9", "\u00ff", "\u4e2d\u6587", "x\u0100y", "3", "10:30", "3,000", "42",
    ".", ".", ".", ",", ",", ":", ";", "?", "!", "-", "--", "---", "...", "'", "'s", "n't", "\"",
    "``", "(", ")", "[", "]", "{", "}", "<", ">", "*", "@", "#", "$", "%", "&", "\u2019",
    "\u201c", "\u201d", "\u00ab", "\u00bb", "mm", "nn", "tt", "T", "N"};
static const char *const SEPS[] = {" ", " ", " ", " ", "", "", "\n", "\t", "  ", "\u00a0",
                                   "\xc2\x85", "\u2028", "\x1c", "\r\n", " \n "};

/* The code points of the (valid) UTF-8 string p appended to u at o. */
static size_t put_utf8(uint32_t *u, size_t o, const char *p)
{
    const unsigned char *q = (const unsigned char *)p;
    size_t left = strlen(p);
    while (left) {
        size_t k = wn_utf8_decode(q, left, &u[o++]);
        CHECK(k > 0);
        if (!k)
            break;
        q += k;
        left -= k;
    }
    return o;
}

/* A random text of up to about max code points into u. */
static size_t random_text(uint32_t *u, size_t max)
{
    size_t o = 0, want = 1 + rnd((unsigned)max);
    while (o < want) {
        o = put_utf8(u, o, PIECES[rnd(sizeof PIECES / sizeof *PIECES)]);
        o = put_utf8(u, o, SEPS[rnd(sizeof SEPS / sizeof *SEPS)]);
    }
    return o;
}

/* Equal token lists: the same characters, and (text non-NULL) a token
 * that points into text points at the same place in both. */
static int same_tokens(const uint32_t *text, size_t n, const wn_ustr_vec *a, const wn_ustr_vec *b)
{
    if (a->n != b->n)
        return 0;
    uintptr_t lo = (uintptr_t)text, hi = (uintptr_t)(text + n);
    for (size_t k = 0; k < a->n; k++) {
        const wn_ustr *x = &a->v[k], *y = &b->v[k];
        int xin = (uintptr_t)x->s >= lo && (uintptr_t)x->s < hi;
        int yin = (uintptr_t)y->s >= lo && (uintptr_t)y->s < hi;
        if (x->n != y->n || memcmp(x->s, y->s, x->n * sizeof *x->s) ||
            (text && (xin != yin || (xin && x->s != y->s))))
            return 0;
    }
    return 1;
}

static void show(const char *what, const uint32_t *s, size_t n)
{
    fprintf(stderr, "  %s: ", what);
    for (size_t k = 0; k < n; k++)
        fprintf(stderr, s[k] >= 32 && s[k] < 127 ? "%c" : "<U+%04X>", (unsigned)s[k]);
    fprintf(stderr, "\n");
}

/* Random spans of random texts, all at once and one at a time, and
 * counted (wn_treebank_count_spans). */
TEST(spans_against_one_by_one)
{
    uint32_t *u = malloc(2048 * sizeof *u);
    long bad = 0, spans_done = 0;
    for (int it = 0; it < 20000 && bad < 3; it++) {
        size_t n = random_text(u, 700);
        wn_ustr sp[16];
        size_t ns = 0, at = 0;
        while (ns < 16 && at < n) {
            size_t a = at + rnd((unsigned)(n - at < 40 ? n - at : 40));
            size_t len = 1 + rnd((unsigned)(n - a < 200 ? n - a : 200));
            sp[ns++] = (wn_ustr){u + a, len};
            at = a + len + (rnd(3) ? 0 : rnd(3));
        }
        /* a span that ends right before what pairs with its last character */
        if (n > 3 && rnd(2)) {
            size_t e = 1 + rnd((unsigned)n - 2);
            u[e] = (uint32_t[]){'0', '.', '-', 'n', 'm', 't', ','}[rnd(7)];
            u[e - 1] = (uint32_t[]){',', ':', '.', '-', 'n', 'M', 't', 'a'}[rnd(8)];
            size_t a = e - 1 - rnd((unsigned)(e < 80 ? e : 80));
            ns = 0;
            sp[ns++] = (wn_ustr){u + a, e - a};
            if (e + 1 < n)
                sp[ns++] = (wn_ustr){u + e, n - e};
        }
        wn_ustr_vec all = {0}, one = {0};
        int err = wn_treebank_tokenize_spans(g_a, u, n, sp, ns, &all);
        for (size_t k = 0; k < ns && !err; k++)
            err = wn_treebank_tokenize(g_a, sp[k].s, sp[k].n, &one);
        /* and counted without the tokens, one scan state for all, each
         * span classified alone and with the text's bitmaps */
        size_t counted = 0, counted_maps = 0;
        wn_ustr_vec sents = {0};
        const wn_tb_maps *maps = NULL;
        if (!err)
            err = wn_treebank_count_spans(g_a, NULL, sp, ns, &counted) ||
                  wn_sent_tokenize_classified(g_a, g_pm, u, n, &sents, &maps) ||
                  wn_treebank_count_spans(g_a, maps, sp, ns, &counted_maps);
        if (counted_maps != counted)
            counted = (size_t)-1;
        spans_done += (long)ns;
        if (err || !same_tokens(u, n, &all, &one) || counted != one.n) {
            if (bad++ < 3) {
                fprintf(stderr,
                        "  spans tokenized together or counted differ (%zu, %zu vs %zu tokens) in\n",
                        all.n, counted, one.n);
                show("text", u, n);
                for (size_t k = 0; k < ns; k++)
                    fprintf(stderr, "    span at %zu, %zu long\n", (size_t)(sp[k].s - u), sp[k].n);
            }
        }
        wn_arena_reset(g_a);
    }
    free(u);
    CHECK_EQ_INT(bad, 0);
    printf("  %ld spans, %ld differ\n", spans_done, bad);
}

/* word_tokenize of random texts of several sentences: punkt's sentences,
 * each tokenized alone; every character of the text narrowed in the bytes
 * wn_word_tokenize_bytes is given; and wn_word_count the number of
 * tokens. */
TEST(word_tokenize_against_sentences)
{
    uint32_t *u = malloc(4096 * sizeof *u);
    long bad = 0, texts = 0, sents = 0;
    for (int it = 0; it < 20000 && bad < 3; it++) {
        size_t n = random_text(u, 1500);
        const wn_punkt_model *pm = rnd(2) ? g_pm : NULL;
        wn_ustr_vec st = {0}, one = {0}, all = {0};
        unsigned char *b = wn_arena_alloc(g_a, n + 64);
        int err = !b || wn_sent_tokenize(g_a, pm, u, n, &st);
        for (size_t k = 0; k < st.n && !err; k++)
            err = wn_treebank_tokenize(g_a, st.v[k].s, st.v[k].n, &one);
        if (b)
            memset(b, 0xEE, n + 64);
        err = err || wn_word_tokenize_bytes(g_a, pm, u, n, &all, NULL, b);
        size_t count = 0; /* len(word_tokenize) without the tokens, also from the text's marks */
        err = err || wn_word_count(g_a, pm, u, n, NULL, &count) || count != all.n;
        int narrowed = !err;
        for (size_t k = 0; k < n && narrowed; k++)
            narrowed = b[k] == (u[k] < 255 ? u[k] : 255);
        texts++;
        sents += (long)st.n;
        if (err || !narrowed || !same_tokens(u, n, &all, &one)) {
            if (bad++ < 3) {
                fprintf(stderr, "  word_tokenize differs (%zu vs %zu tokens%s) on\n", all.n, one.n,
                        narrowed ? "" : ", bytes not narrowed");
                show("text", u, n);
            }
        }
        wn_arena_reset(g_a);
    }
    free(u);
    CHECK_EQ_INT(bad, 0);
    printf("  %ld texts, %ld sentences, %ld differ\n", texts, sents, bad);
}

/* Texts of every ASCII character (and some others), each character in
 * every context: word_tokenize's sentences (from the memo) against punkt
 * alone, and its tokens against NLTK's substitutions (the reference,
 * which no classifier touches) on each of them. This is what checks the
 * classifiers' tables character by character. */
TEST(every_character_against_reference)
{
    static const uint32_t OTHERS[] = {0x80, 0x85, 0xa0, 0xab, 0xbb, 0xe9, 0xfe, 0xff, 0x100,
                                      0x130, 0x131, 0x2019, 0x201c, 0x201d, 0x2028, 0x3000,
                                      0x4e2d};
    uint32_t *u = malloc(1024 * sizeof *u);
    long bad = 0, texts = 0;
    for (int it = 0; it < 30000 && bad < 3; it++) {
        size_t n = 1 + rnd(600);
        for (size_t k = 0; k < n; k++) {
            unsigned r = rnd(16);
            u[k] = r < 5   ? rnd(128)
                   : r < 9 ? (uint32_t)"anmtNMTdsxe0123."[rnd(16)]
                   : r < 12 ? (uint32_t)" \n.,:-'\""[rnd(8)]
                   : r < 13 ? OTHERS[rnd(sizeof OTHERS / sizeof *OTHERS)]
                            : 'a' + rnd(26);
        }
        const wn_punkt_model *pm = rnd(2) ? g_pm : NULL;
        wn_ustr_vec st = {0}, want = {0}, got = {0};
        wn_sent_memo memo;
        int err = wn_sent_tokenize(g_a, pm, u, n, &st) ||
                  wn_word_tokenize_memo(g_a, pm, u, n, &got, &memo);
        int same = !err && memo.n == st.n;
        for (size_t k = 0; same && k < st.n; k++)
            same = memo.sent[k].s == st.v[k].s && memo.sent[k].n == st.v[k].n &&
                   !wn_treebank_tokenize_ref(g_a, st.v[k].s, st.v[k].n, &want);
        same = same && same_tokens(NULL, n, &got, &want);
        texts++;
        if (!same && bad++ < 3) {
            fprintf(stderr, "  word_tokenize differs from the substitutions (%zu vs %zu tokens) on\n",
                    got.n, want.n);
            show("text", u, n);
        }
        wn_arena_reset(g_a);
    }
    free(u);
    CHECK_EQ_INT(bad, 0);
    printf("  %ld texts of every character, %ld differ\n", texts, bad);
}

/* punkt's orthographic words of up to 8 code points in 1..255 are looked up
 * by a key of their bytes: every word, and each with a code point 0 or
 * 256 put after it, before it or in place of its last (which must not
 * find it), answers as the sorted list does. */
TEST(short_ortho_keys)
{
    long checked = 0, bad = 0;
    uint32_t v[64];
    for (size_t k = 0; k < wn_punkt_ortho_n; k++) {
        size_t n = put_utf8(v + 1, 0, wn_punkt_ortho_word[k]);
        if (n > 40)
            continue;
        const uint32_t odd[] = {0, 256, 0x100 + 'a'};
        for (int form = 0; form < 7; form++) {
            uint32_t w[64];
            size_t m = n;
            memcpy(w, v + 1, n * sizeof *w);
            if (form >= 1 && form <= 3) {
                w[m++] = odd[form - 1];
            } else if (form >= 4 && form <= 5) {
                memmove(w + 1, w, m * sizeof *w);
                w[0] = odd[form - 4];
                m++;
            } else if (form == 6 && m) {
                w[m - 1] = 0;
            }
            checked++;
            if (wn_punkt_find(g_pm, 3, w, m) != wn_punkt_find(NULL, 3, w, m))
                bad++;
        }
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld orthographic lookups, %ld differ\n", checked, bad);
}

int main(void)
{
    g_a = wn_arena_create(0);
    g_pm = wn_punkt_model_build();
    CHECK(g_pm != NULL);
    RUN(short_ortho_keys);
    int best = wn_treebank_simd(-1);
    for (int level = 0; level <= best; level++) {
        printf("  classifier %d of %d:\n", level, best);
        wn_treebank_simd(level);
        RUN(spans_against_one_by_one);
        RUN(word_tokenize_against_sentences);
        RUN(every_character_against_reference);
    }
    wn_treebank_simd(-1);
    wn_punkt_model_free(g_pm);
    wn_arena_free(g_a);
    return harness_done();
}
