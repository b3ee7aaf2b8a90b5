/*
 * test_filter_gopher_r10.c - round 10's shortcuts in gopher.c against the
 * plain definitions: gopher_quality's word flags from the tokenizer's
 * narrowed bytes, gopher_repetition's bigram list made inside another pass.
 *
 * gopher_quality takes a token's flags (all punctuation, some letter,
 * which stop word) from its narrowed bytes, eight at once, when it has 1 to
 * 16 characters and all are printable ASCII (ascii_word_flags,
 * ascii_word_flags16), and from its characters one by one otherwise. This file includes gopher.c to call the static helper
 * directly (its public functions then come from here, not from the
 * library's copy, which the linker leaves out):
 *
 * ascii_word_flags (and ascii_word_flags16 for 9 to 16 bytes, with other
 * bytes after the word) against the character table: every byte alone,
 * every byte at every place of an otherwise ordinary word, and random words
 * of 1 to 16 bytes drawn mostly from the printable range; they must decline
 * exactly the words with a byte outside '!'..'~' and give the table's
 * answer for the others.
 *
 * The filter's word counts against a plain count over its own token list:
 * random texts of ASCII punctuation, digits, letters, stop words in every
 * case, words of 8 characters or more, Latin-1 and other letters, and the
 * tokenizer's own tokens (quotes it rewrites, split-off '.'), with and
 * without gopher_repetition's ids first.
 *
 * gopher_repetition's token counts (made in the id pass) and its list of
 * the bigrams whose both tokens repeat (made in repeat_flags' start window
 * pass) against the plain ones.
 */
#include "../lib/filter/gopher.c"

#include <stdio.h>

#include "harness.h"

static unsigned long long g_rng = 0x2545f4914f6cdd1dull;
static wn_arena *g_a;

static uint32_t rnd32(void)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g_rng >> 32);
}

static unsigned rnd(unsigned n) { return rnd32() % n; }

/* the plain answer for the bytes b[0, n): 0 when one is outside '!'..'~' */
static int plain_flags(const uint8_t *b, size_t n, unsigned *sym, unsigned *alpha)
{
    unsigned all = WN_U_PUNCT, any = 0;
    for (size_t k = 0; k < n; k++) {
        if (b[k] < 0x21 || b[k] > 0x7e)
            return 0;
        all &= wn_uflags(b[k]);
        any |= wn_uflags(b[k]);
    }
    *sym = all != 0;
    *alpha = (any & WN_U_ALPHA) != 0;
    return 1;
}

static long g_words, g_bad;

static void check_word(const uint8_t *b, size_t n)
{
    uint8_t padded[16] = {0}; /* the bytes past the word are not its own */
    for (size_t k = 0; k < 16; k++)
        padded[k] = k < n ? b[k] : (uint8_t)rnd(256);
    uint64_t v;
    memcpy(&v, padded, 8);
    unsigned s1 = 9, a1 = 9, s2 = 9, a2 = 9;
    int ok1 = plain_flags(b, n, &s1, &a1);
    int ok2 = n <= 8 ? ascii_word_flags(v, n, &s2, &a2) : ascii_word_flags16(padded, n, &s2, &a2);
    g_words++;
    if ((ok1 != ok2 || (ok1 && (s1 != s2 || a1 != a2))) && g_bad++ < 5)
        fprintf(stderr, "  word of %zu, first byte %#x: took %d/%d sym %u/%u alpha %u/%u\n", n, b[0],
                ok1, ok2, s1, s2, a1, a2);
}

TEST(ascii_word_flags_against_table)
{
    uint8_t b[16];
    for (unsigned c = 0; c < 256; c++) {
        b[0] = (uint8_t)c;
        check_word(b, 1);
    }
    static const char base[] = "Wo2d-x.Zq9(!a~[0";
    for (size_t n = 1; n <= 16; n++)
        for (size_t at = 0; at < n; at++)
            for (unsigned c = 0; c < 256; c++) {
                memcpy(b, base, 16);
                b[at] = (uint8_t)c;
                check_word(b, n);
            }
    /* every printable pair and a range of them at each place, and random words */
    for (long iter = 0; iter < 400000; iter++) {
        size_t n = 1 + rnd(16);
        for (size_t k = 0; k < n; k++) {
            unsigned r = rnd(16);
            b[k] = (uint8_t)(r == 0 ? rnd(256) : r < 6 ? (unsigned)(unsigned char)"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"[rnd(32)]
                             : r < 8 ? '0' + rnd(10) : r < 12 ? 'a' + rnd(26) : r < 14 ? 'A' + rnd(26)
                             : 0x20 + rnd(0x60));
        }
        check_word(b, n);
    }
    CHECK_EQ_INT(g_bad, 0);
    printf("  %ld words of 1 to 16 bytes, each as the table says\n", g_words);
}

static long long value(const wn_fres *r, const char *name)
{
    for (size_t k = 0; k < r->nv; k++)
        if (!strcmp(r->v[k].name, name))
            return r->v[k].i;
    return -12345;
}

/* The stop words by string, as the reference has them. */
static int plain_stop(const wn_ustr *w)
{
    static const char *const stop[8] = {"the", "be", "to", "of", "and", "that", "have", "with"};
    for (int k = 0; k < 8; k++)
        if (w->n == strlen(stop[k])) {
            size_t q = 0;
            while (q < w->n && w->s[q] == (uint32_t)(unsigned char)stop[k][q])
                q++;
            if (q == w->n)
                return k;
        }
    return -1;
}

TEST(gopher_quality_counts_against_plain)
{
    static const char *const vocab[] = {
        "the", "The", "tHe", "be", "BE", "to", "of", "and", "that", "have", "with", "withh",
        "th", "a", "I", "#", "##", "#1", "...", "..", "\u2026", "-", "--", "\u2022", "a1", "123",
        "12.5", "3rd", "e.g.", "U.S.", "don't", "can't", "`", "``", "\"quoted\"", "'single'",
        "(x)", "[y]", "{z}", "!?", ",", ";", ":", "@home", "a@b.c", "x_y", "~~~", "^", "|",
        "\\", "/", "$5", "50%", "&amp", "*", "+", "=", "<>", "\u00e9t\u00e9", "caf\u00e9",
        "\u00bf", "\u00d7", "\u0130", "\u03b1\u03b2", "\u4e2d\u6587", "abcdefg", "abcdefgh",
        "abcdefghi", "extraordinary", "!!!!!!!!", "!!!!!!!!!", "12345678", "Mr.", "end.",
        "\u00ff", "\u00ffx", "x\u00fe", "\u2019s", "A", "z", "Z", "@", "[", "`x", "{", "~",
        "abcdefghijklmnop", "abcdefghijklmnopq", "well-being_2024", "!!!!!!!!!!!!!!!!", "(((((((((9",
        "abcdefghijklm\u00e9", "12345678901234", "Zz@[`{~!!!!!!!!!z", "!!!!!!!!!!a", "0123456789",
        "http://a.b/c?d=e", "[[[[[[[[[[[[[[[[", "}}}}}}}}}}}}}}}}}",
        "!!!!!!!!!!!!!!!!a", "________________a", "_______________a", "________a",
        "a_______________", "________________", "_________"};
    static const char *const seps[] = {" ", " ", " ", "\n", "\n- ", "\n\n", "... ", ". ", "  "};
    wn_gq_cfg qc;
    wn_gq_defaults(&qc);
    wn_gr_cfg rc;
    wn_gr_defaults(&rc);
    long docs = 0, bad = 0, fast = 0, tokens = 0;
    char text[16384];
    for (int iter = 0; iter < 3000 && bad < 5; iter++) {
        size_t want = 1 + rnd(iter % 10 == 0 ? 1200 : 120), o = 0;
        unsigned nv = 2 + rnd(sizeof vocab / sizeof vocab[0] - 2);
        for (size_t k = 0; k < want && o + 40 < sizeof text; k++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", vocab[rnd(nv)],
                                  seps[rnd(sizeof seps / sizeof seps[0])]);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext t = {.a = g_a, .s = u, .n = n};
        wn_fres r = {0}, rr = {0};
        if (iter & 1)
            CHECK(wn_filter_gopher_repetition(&rc, &t, &rr) == 0);
        CHECK(wn_filter_gopher_quality(&qc, &t, &r) == 0);
        docs++;
        long long non_sym = 0, sum_len = 0, alpha = 0, stops = 0;
        unsigned seen = 0;
        for (size_t i = 0; i < t.words.n; i++) {
            const wn_ustr *w = &t.words.v[i];
            unsigned all = WN_U_PUNCT, any = 0;
            for (size_t q = 0; q < w->n; q++) {
                all &= wn_uflags(w->s[q]);
                any |= wn_uflags(w->s[q]);
            }
            if (!all) {
                non_sym++;
                sum_len += (long long)w->n;
            }
            alpha += (any & WN_U_ALPHA) != 0;
            int k = plain_stop(w);
            if (k >= 0) {
                stops++;
                seen |= 1u << k;
            }
            /* how many take the fast path: in the text, 1 to 16 printable ASCII */
            int ascii = w->n >= 1 && w->n <= 16 && w->s >= u && w->s < u + n;
            for (size_t q = 0; ascii && q < w->n; q++)
                ascii = w->s[q] >= 0x21 && w->s[q] <= 0x7e;
            fast += ascii;
            tokens++;
        }
        int same = value(&r, "n_non_symbol_words") == non_sym &&
                   value(&r, "sum_non_symbol_word_len") == sum_len &&
                   value(&r, "alpha_words") == alpha && value(&r, "stop_word_count") == stops &&
                   value(&r, "stop_word_distinct") == __builtin_popcount(seen);
        if (!same) {
            bad++;
            fprintf(stderr, "  differs on: %.200s\n", text);
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
    CHECK(fast > tokens / 2 && fast < tokens);
    printf("  %ld texts, %ld tokens (%ld printable ASCII of 1 to 16 in the text), counts equal\n",
           docs, tokens, fast);
}

/* ngram_init counts each token id in its id pass, and repeat_flags lists
 * the bigrams whose both tokens repeat in its start
 * window pass, which stops short of the last tokens (those with fewer than
 * 16 characters after their start): the list must be the plain one for
 * every document length, including the ones of 0, 1 and 2 tokens and those
 * whose windows all fall short. */
TEST(bigram_list_against_plain)
{
    static const char *const vocab[] = {"a", "bb", "ccc", "dddd", "the", "x", "longer-token",
                                        "\u00e9", "a", "a"};
    long docs = 0, listed = 0, bad = 0;
    for (int iter = 0; iter < 20000 && bad < 5; iter++) {
        size_t nw = iter < 40 ? (size_t)iter / 4 : rnd(iter % 50 == 0 ? 2000 : 40);
        unsigned nv = 1 + rnd(sizeof vocab / sizeof vocab[0] - 1);
        wn_ustr *w = wn_arena_alloc(g_a, (nw + 1) * sizeof *w);
        for (size_t i = 0; i < nw; i++) {
            const char *tok = vocab[rnd(nv)];
            size_t n;
            w[i].s = wn_utf8_to_u32(g_a, tok, strlen(tok), &n);
            w[i].n = n;
        }
        ngram_ctx g = {.w = w, .nw = nw};
        CHECK(ngram_init(g_a, &g) == 0);
        /* the counts, the plain way, from the ids */
        uint32_t *cnt = wn_arena_calloc(g_a, nw + 1, sizeof *cnt);
        for (size_t i = 0; i < nw; i++)
            cnt[g.id[i]]++;
        size_t m = 0;
        int same = 1;
        for (size_t q = 0; q < g.nids; q++)
            same &= g.tcount[q] == cnt[q];
        for (size_t i = 0; i + 1 < nw; i++)
            if (cnt[g.id[i]] > 1 && cnt[g.id[i + 1]] > 1)
                same &= m < g.nbcand && g.bcand[m++] == i;
        same &= m == g.nbcand;
        listed += (long)m;
        docs++;
        if (!same && bad++ < 5) {
            fprintf(stderr, "  %zu tokens: counts or list differ (%zu listed, %zu wanted)\n", nw,
                    g.nbcand, m);
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
    printf("  %ld documents: token counts, and %ld bigrams listed, as the plain passes make them\n",
           docs, listed);
}

int main(void)
{
    g_a = wn_arena_create((size_t)64 << 20);
    if (!g_a)
        return 1;
    RUN(ascii_word_flags_against_table);
    RUN(gopher_quality_counts_against_plain);
    RUN(bigram_list_against_plain);
    wn_arena_free(g_a);
    return harness_done();
}
