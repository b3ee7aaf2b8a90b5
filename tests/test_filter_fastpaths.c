/*
 * test_filter_fastpaths.c - the filters' shortcuts against the plain way.
 *
 * gopher_repetition's n-gram values against a plain
 * reimplementation of the reference's functions (datatrove's
 * get_n_grams + Counter.most_common(1) for top_n_grams, find_all_duplicate
 * for dup_n_grams), made the slow, obvious way: n-grams are built as strings
 * and compared character by character.
 *
 * The filter proves most n-grams unique before it looks them up (see
 * gopher.c), and joins dup_n_grams without spaces, so that n-grams cut
 * differently can be equal. The texts here are random, from a small
 * vocabulary of tokens that are prefixes and suffixes of one another ("a",
 * "ab", "b", "ba", ...), with repeated runs pasted in, so that repeats,
 * ties and differently cut equal strings are all common. A second vocabulary
 * has tokens of every shape the token ids treat apart (1 to 8 characters,
 * longer, Latin-1, CJK, pairs that fold to one byte) and templates whose
 * n-grams share their first and last 16 characters, so that the duplicate
 * keys made from those windows collide, and some levels fall back to
 * hashing whole spans: both ways, and the filter's, must give the naive
 * counts.
 *
 * gopher_repetition's paragraph duplicates come from the hashes of the
 * lines the paragraphs are made of: the counts must be those of splitting
 * and comparing the strings, on texts full of blank lines, whitespace at
 * the ends and repeated lines and paragraphs.
 *
 * The same n-gram values on texts whose tokens are kept partly in the text,
 * partly in the tokenizer's storage (quotes, split-off punctuation).
 *
 * c4_quality's phrase search skips four positions at a time: every phrase,
 * in either case, at every offset in a line, must still be found, and a
 * near miss must not.
 *
 * gopher_quality's word counts by distinct token (after gopher_repetition
 * has numbered the tokens) must equal its token-by-token counts, and its
 * scan of the text, which looks only at the characters a 16-wide screen
 * marks, must count '#', ellipses, lines, bullets and trailing ellipses as
 * the reference's str.count and str.splitlines do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"

static wn_arena *g_a;
static unsigned long long g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

/* sep.join(w[i:i+n]) into buf; its length */
static size_t join(const wn_ustr *w, size_t i, size_t n, int sep, uint32_t *buf)
{
    size_t o = 0;
    for (size_t k = i; k < i + n; k++) {
        if (sep && k > i)
            buf[o++] = ' ';
        memcpy(buf + o, w[k].s, w[k].n * sizeof *buf);
        o += w[k].n;
    }
    return o;
}

typedef struct gram {
    uint32_t *s;
    size_t n;
} gram;

static int gram_eq(const gram *a, const gram *b)
{
    return a->n == b->n && !memcmp(a->s, b->s, a->n * sizeof *a->s);
}

static gram make_gram(const wn_ustr *w, size_t i, size_t n, int sep)
{
    size_t len = 0;
    for (size_t k = i; k < i + n; k++)
        len += w[k].n + 1;
    gram g = {wn_arena_alloc(g_a, (len + 1) * sizeof *g.s), 0};
    g.n = join(w, i, n, sep, g.s);
    return g;
}

/* find_all_duplicate(words, n) */
static long long naive_all_dup(const wn_ustr *w, size_t nw, size_t n)
{
    if (nw < n)
        return 0;
    gram *seen = wn_arena_alloc(g_a, (nw + 1) * sizeof *seen);
    size_t ns = 0;
    long long chars = 0;
    for (size_t i = 0; i + n <= nw;) {
        gram g = make_gram(w, i, n, 0);
        size_t k = 0;
        while (k < ns && !gram_eq(&seen[k], &g))
            k++;
        if (k < ns) {
            chars += (long long)g.n;
            i += n;
        } else {
            seen[ns++] = g;
            i++;
        }
    }
    return chars;
}

/* Counter(get_n_grams(words, n)).most_common(1): the n-gram and its count */
static void naive_top(const wn_ustr *w, size_t nw, size_t n, gram *best, long long *count)
{
    size_t cnt = nw - n + 1;
    gram *g = wn_arena_alloc(g_a, cnt * sizeof *g);
    long long *c = wn_arena_alloc(g_a, cnt * sizeof *c);
    size_t nd = 0;
    for (size_t i = 0; i < cnt; i++) {
        gram x = make_gram(w, i, n, 1);
        size_t k = 0;
        while (k < nd && !gram_eq(&g[k], &x))
            k++;
        if (k == nd) {
            g[nd] = x;
            c[nd++] = 0;
        }
        c[k]++;
    }
    size_t b = 0;
    for (size_t k = 1; k < nd; k++)
        if (c[k] > c[b])
            b = k;
    *best = g[b];
    *count = c[b];
}

static const wn_fval *value(const wn_fres *r, const char *name)
{
    for (size_t k = 0; k < r->nv; k++)
        if (!strcmp(r->v[k].name, name))
            return &r->v[k];
    return NULL;
}

/* The n-gram values of one text's tokens against the naive ones; returns
 * how many values were compared, and counts (and shows the first few)
 * wrong ones in *bad. */
static long check_ngrams(const wn_ustr *tok, size_t ntok, const wn_fres *r, int iter, long *bad)
{
    long values = 0;
    for (size_t k = 5; k <= 10; k++) {
        char name[32];
        snprintf(name, sizeof name, "dup_%zu_gram_chars", k);
        const wn_fval *v = value(r, name);
        long long want = naive_all_dup(tok, ntok, k);
        values++;
        if ((!v || v->kind != 'i' || v->i != want) && (*bad)++ < 5)
            fprintf(stderr, "  doc %d: %s = %lld, naive %lld\n", iter, name, v ? v->i : -1, want);
    }
    for (size_t k = 2; k <= 4 && ntok >= k; k++) {
        gram best;
        long long count;
        naive_top(tok, ntok, k, &best, &count);
        char name[32];
        snprintf(name, sizeof name, "top_%zu_gram_count", k);
        const wn_fval *c = value(r, name);
        snprintf(name, sizeof name, "top_%zu_gram", k);
        const wn_fval *g = value(r, name);
        size_t len;
        char *want_s = wn_u32_to_utf8(g_a, best.s, best.n, &len);
        values += 2;
        if ((!c || c->i != count || !g || g->kind != 's' || strcmp(g->s, want_s)) && (*bad)++ < 5)
            fprintf(stderr, "  doc %d: top %zu-gram \"%s\" x %lld, naive \"%s\" x %lld\n", iter, k,
                    g ? g->s : "?", c ? c->i : -1, want_s, count);
    }
    return values;
}

/* A text of words from vocab[0..nv), with runs of earlier words repeated
 * (so that n-grams repeat), each word followed by one of seps[0..nseps),
 * into text (room for cap bytes); its length. Long texts every tenth iter. */
static size_t repeat_text(const char *const *vocab, unsigned nvocab, const char *const *seps,
                          unsigned nseps, int iter, char *text, size_t cap)
{
    const char *w[1200];
    size_t nw = 0, want = 3 + rnd(iter % 10 == 0 ? 1000 : 120);
    unsigned nv = 2 + rnd(nvocab - 2);
    while (nw < want) {
        if (nw && rnd(6) == 0) {
            size_t from = rnd((unsigned)nw), len = 1 + rnd(12);
            for (size_t k = 0; k < len && from + k < nw && nw < want; k++)
                w[nw++] = w[from + k];
        } else {
            w[nw++] = vocab[rnd(nv)];
        }
    }
    size_t o = 0;
    for (size_t k = 0; k < nw; k++)
        o += (size_t)snprintf(text + o, cap - o, "%s%s", w[k], seps[rnd(nseps)]);
    return o;
}

TEST(ngrams_against_naive)
{
    static const char *const vocab[] = {"a",  "ab", "b",   "ba", "abc", "c",    "bc", "the",
                                        "re", "there", "in", "to", "into", ".",  ",",  "1",
                                        "12", "2",  "23",  "3",  "-",   "--",   "(",  ")"};
    static const char *const seps[] = {" ", " ", " ", "", "\n", "\n\n"};
    wn_gr_cfg cfg;
    wn_gr_defaults(&cfg);
    long docs = 0, values = 0, bad = 0;
    char text[8192];
    for (int iter = 0; iter < 3000 && bad < 5; iter++) {
        size_t o = repeat_text(vocab, sizeof vocab / sizeof vocab[0], seps,
                               sizeof seps / sizeof seps[0], iter, text, sizeof text);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext t = {.a = g_a, .s = u, .n = n};
        wn_fres r = {0};
        CHECK(wn_filter_gopher_repetition(&cfg, &t, &r) == 0);
        const wn_ustr *tok = t.words.v;
        size_t ntok = t.words.n;
        docs++;
        values += check_ngrams(tok, ntok, &r, iter, &bad);
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld n-gram values of %ld random texts equal to the naive ones\n", values, docs);
}

/* Tokens of every shape the token ids and the duplicate keys treat apart:
 * 1 to 8 characters (packed keys, folded 4 at a time), 8 or more (hashed),
 * Latin-1 above 127, beyond Latin-1 (CJK), pairs that fold to the same byte
 * ('`' and U+0161, 'b' and U+0163), so that equal folded bytes must not
 * make equal tokens, and 8-character tokens whose last bytes differ only in
 * the bits a 7-character key keeps its length and tag in ("a", "i"). */
static const char *const wide_vocab[] = {
    "a", "b", "ab", "ba", "`", "\u0161", "b", "\u0163", "c", "\u00e9", "\u00e9t\u00e9",
    "\u4e2d", "\u6587", "\u4e2d\u6587", "abcd", "efgh", "abcdefgh", "efghijkl", "abcdefg",
    "ijkl", "abcdefghijkl", "ab\u00e9d", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaa",
    "bbbbbbbbbbbbbbbbbbbb", "x", "y", "1", "12", "\u0161\u0161\u0161\u0161", "abcdefga", "abcdefgi"};

/* A document of tokens (made directly, no tokenizer): random tokens from
 * wide_vocab, repeats of earlier runs, repeats cut differently (the run's
 * characters split again into as many tokens at other places), and
 * templates: one 16-character start, three middle tokens of 2 random
 * letters, one 16-character end, so that many different n-grams have equal
 * lengths and equal first and last 16 characters. */
static size_t wide_doc(wn_ustr *w, size_t want, int templates)
{
    /* a random few of the vocabulary (in so small a one, two tokens given
     * one id would change the top n-grams), or a random prefix of it */
    size_t nw = 0, all = sizeof wide_vocab / sizeof wide_vocab[0];
    unsigned nv = 2 + rnd((unsigned)all - 2), pick[4];
    for (int k = 0; k < 4; k++)
        pick[k] = rnd((unsigned)all);
    int few = rnd(3) == 0;
    if (few)
        nv = 2 + rnd(3);
    while (nw < want) {
        unsigned kind = rnd(10);
        if (templates && kind < 4 && nw + 5 <= want) {
            static const char *const ends[2] = {"PPPPPPPPPPPPPPPP", "QQQQQQQQQQQQQQQQQ"};
            uint32_t *mid = wn_arena_alloc(g_a, 6 * sizeof *mid);
            for (int k = 0; k < 6; k++)
                mid[k] = 'a' + rnd(templates > 1 ? 26 : 3);
            size_t len;
            w[nw++] = (wn_ustr){wn_utf8_to_u32(g_a, ends[0], 16, &len), 16};
            for (int k = 0; k < 3; k++)
                w[nw++] = (wn_ustr){mid + 2 * k, 2};
            w[nw++] = (wn_ustr){wn_utf8_to_u32(g_a, ends[1], 17, &len), 17};
        } else if (nw > 2 && kind < 6) {
            size_t from = rnd((unsigned)nw), len = 1 + rnd(12);
            for (size_t k = 0; k < len && from + k < nw && nw < want; k++)
                w[nw++] = w[from + k];
        } else if (nw > 2 && kind < 7) {
            /* tokens from..from+m-1 again, their characters cut elsewhere */
            size_t from = rnd((unsigned)nw - 1), m = 2 + rnd(6), chars = 0;
            if (from + m > nw)
                m = nw - from;
            if (nw + m > want)
                m = want - nw;
            for (size_t k = 0; k < m; k++)
                chars += w[from + k].n;
            if (m < 2 || chars < m)
                continue;
            uint32_t *c = wn_arena_alloc(g_a, chars * sizeof *c);
            size_t o = 0;
            for (size_t k = 0; k < m; k++, o += w[from + k - 1].n)
                memcpy(c + o, w[from + k].s, w[from + k].n * sizeof *c);
            size_t at = 0; /* m pieces, each non-empty */
            for (size_t k = 0; k < m; k++) {
                size_t left = chars - at - (m - k - 1);
                size_t len = k + 1 == m ? chars - at : 1 + rnd((unsigned)left);
                w[nw++] = (wn_ustr){c + at, len};
                at += len;
            }
        } else {
            const char *v = wide_vocab[few ? pick[rnd(nv)] : rnd(nv)];
            size_t len;
            uint32_t *u = wn_utf8_to_u32(g_a, v, strlen(v), &len);
            w[nw++] = (wn_ustr){u, len};
        }
    }
    return nw;
}

/* dup_n_grams by the filter's machinery (window keys, with and without the
 * fall back to full span hashes) against find_all_duplicate done the plain
 * way. Templates make the window keys collide often enough that some levels
 * give up on them: the fall back must be taken, and agree. */
TEST(dup_keys_against_naive)
{
    wn_ustr w[700];
    long docs = 0, values = 0, bad = 0, gave_up = 0, window_only = 0;
    for (int iter = 0; iter < 3000 && bad < 5; iter++) {
        size_t nw = wide_doc(w, 5 + rnd(iter % 10 == 0 ? 600 : 150), iter % 3);
        docs++;
        for (size_t n = 5; n <= 10; n++) {
            long long want = naive_all_dup(w, nw, n);
            long long got = wn_gr_dup_chars(g_a, w, nw, n, 0);
            long long strong = wn_gr_dup_chars(g_a, w, nw, n, 1);
            long long weak = wn_gr_dup_chars(g_a, w, nw, n, 2);
            values++;
            gave_up += weak == -1;
            window_only += weak == want;
            if (got != want || strong != want || (weak != want && weak != -1)) {
                if (bad++ < 5)
                    fprintf(stderr, "  doc %d, n %zu: %lld / %lld / %lld, naive %lld\n", iter, n,
                            got, strong, weak, want);
            }
        }
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(gave_up > 0);
    CHECK(window_only > values / 2);
    printf("  %ld dup_n_gram values of %ld token lists equal to the naive ones (window keys "
           "gave up on %ld)\n", values, docs, gave_up);
}

/* The whole filter on texts of the same tokens (through the tokenizer):
 * every dup_n_gram_chars, top n-gram and count against the naive ones. */
TEST(ngrams_wide_tokens_against_naive)
{
    wn_gr_cfg cfg;
    wn_gr_defaults(&cfg);
    wn_ustr w[700];
    long docs = 0, values = 0, bad = 0;
    for (int iter = 0; iter < 1500 && bad < 5; iter++) {
        size_t nw = wide_doc(w, 3 + rnd(iter % 10 == 0 ? 600 : 120), iter % 3);
        size_t chars = 0;
        for (size_t k = 0; k < nw; k++)
            chars += w[k].n + 1;
        uint32_t *text = wn_arena_alloc(g_a, (chars + 1) * sizeof *text);
        size_t o = 0;
        for (size_t k = 0; k < nw; k++) {
            memcpy(text + o, w[k].s, w[k].n * sizeof *text);
            o += w[k].n;
            text[o++] = rnd(8) ? ' ' : '\n';
        }
        wn_ftext t = {.a = g_a, .s = text, .n = o};
        wn_fres r = {0};
        CHECK(wn_filter_gopher_repetition(&cfg, &t, &r) == 0);
        const wn_ustr *tok = t.words.v;
        size_t ntok = t.words.n;
        docs++;
        values += check_ngrams(tok, ntok, &r, iter, &bad);
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld n-gram values of %ld texts of wide tokens equal to the naive ones\n", values,
           docs);
}

/* Most tokens point into the text; the tokenizer keeps others in its own
 * storage (the `` and '' a '"' becomes, a ',' ':' or '.' split off, the
 * pieces of sentences it rewrote). A token's id and keys must depend on its
 * characters alone, wherever they are kept (a shortcut that reads tokens
 * from the text, as round 7 tried, must not give such a token another id):
 * texts of quotes, '' and `` written out, punctuation, and tokens of 1 to 9
 * characters, Latin-1, beyond it and folding alike, with repeats. The test
 * checks that some texts hold one token both ways. */
TEST(ngrams_text_and_own_tokens_against_naive)
{
    static const char *const vocab[] = {
        "\"", "''", "``", "\"a\"", ".", ",", ":", "a.", "(", ")", "'", "`", "\u0161", "b",
        "\u0163", "\u00e9", "ab", "ba", "\u00e9t\u00e9", "\u4e2d", "\u4e2d\u6587", "abcdefg",
        "abcdefgh", "abcdefgi", "abcdefghi", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
        "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "\u0161\u0161\u0161\u0161", "x", "1"};
    static const char *const seps[] = {" ", " ", " ", "\n", "\n\n"};
    wn_gr_cfg cfg;
    wn_gr_defaults(&cfg);
    long docs = 0, values = 0, bad = 0, inside = 0, outside = 0, both = 0;
    char text[16384];
    for (int iter = 0; iter < 1500 && bad < 5; iter++) {
        size_t o = repeat_text(vocab, sizeof vocab / sizeof vocab[0], seps,
                               sizeof seps / sizeof seps[0], iter, text, sizeof text);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext t = {.a = g_a, .s = u, .n = n};
        wn_fres r = {0};
        CHECK(wn_filter_gopher_repetition(&cfg, &t, &r) == 0);
        const wn_ustr *tok = t.words.v;
        size_t ntok = t.words.n;
        int shared = 0; /* a token both in the text and not, among the first few */
        for (size_t k = 0; k < ntok; k++) {
            int in = (uintptr_t)tok[k].s - (uintptr_t)u < n * sizeof *u;
            inside += in;
            outside += !in;
            for (size_t q = 0; q < k && k < 200 && !in && !shared; q++)
                shared = (uintptr_t)tok[q].s - (uintptr_t)u < n * sizeof *u && tok[q].n == tok[k].n &&
                         !memcmp(tok[q].s, tok[k].s, tok[k].n * sizeof *tok[k].s);
        }
        both += shared;
        docs++;
        values += check_ngrams(tok, ntok, &r, iter, &bad);
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(inside > 0 && outside > 0 && both > 0);
    printf("  %ld n-gram values of %ld texts equal to the naive ones (%ld tokens in the text, %ld "
           "not; one token both ways in %ld texts)\n", values, docs, inside, outside, both);
}

/* re.split(r"\n{min,}", s[0..n)) compared the slow way: how many pieces,
 * how many repeat an earlier one, and their characters */
static void naive_split_dups(const uint32_t *s, size_t n, size_t min, long long *pieces,
                             long long *dups, long long *chars)
{
    gram *v = wn_arena_alloc(g_a, (n + 2) * sizeof *v);
    size_t nv = 0, start = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\n') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] == '\n')
            j++;
        if (j - i >= min) {
            v[nv++] = (gram){(uint32_t *)(s + start), i - start};
            start = j;
        }
        i = j;
    }
    v[nv++] = (gram){(uint32_t *)(s + start), n - start};
    *pieces = (long long)nv, *dups = *chars = 0;
    for (size_t k = 0; k < nv; k++)
        for (size_t q = 0; q < k; q++)
            if (gram_eq(&v[q], &v[k])) {
                (*dups)++;
                *chars += (long long)v[k].n;
                break;
            }
}

TEST(lines_and_paragraphs_against_naive)
{
    static const char *const piece[] = {"a", "b c", "the line", "x", "  ", "\t", " a", "b "};
    static const char *const sep[] = {"\n", "\n", "\n\n", "\n\n\n", " \n", "\n ",
                                      "\n \n", "\r\n", "\r\n\r\n", " ", ""};
    wn_gr_cfg cfg;
    wn_gr_defaults(&cfg);
    long bad = 0, docs = 0;
    char text[4096];
    for (int iter = 0; iter < 20000 && bad < 5; iter++) {
        size_t o = 0, parts = (size_t)rnd(40);
        if (rnd(3) == 0)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s", sep[rnd(11)]);
        for (size_t k = 0; k < parts; k++) {
            size_t m = 1 + rnd(3);
            for (size_t q = 0; q < m; q++)
                o += (size_t)snprintf(text + o, sizeof text - o, "%s",
                                      piece[rnd(sizeof piece / sizeof piece[0])]);
            o += (size_t)snprintf(text + o, sizeof text - o, "%s", sep[rnd(11)]);
        }
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext t = {.a = g_a, .s = u, .n = n};
        wn_fres r = {0};
        CHECK(wn_filter_gopher_repetition(&cfg, &t, &r) == 0);
        size_t sa, sb;
        wn_u32_strip(u, n, &sa, &sb);
        long long want[6];
        naive_split_dups(u + sa, sb - sa, 2, &want[0], &want[1], &want[2]);
        naive_split_dups(u, n, 1, &want[3], &want[4], &want[5]);
        static const char *const names[6] = {"n_paragraphs", "para_dup_count", "para_dup_chars",
                                             "n_lines",      "line_dup_count", "line_dup_chars"};
        for (int k = 0; k < 6; k++) {
            const wn_fval *v = value(&r, names[k]);
            if ((!v || v->i != want[k]) && bad++ < 5)
                fprintf(stderr, "  text %d: %s = %lld, naive %lld\n", iter, names[k],
                        v ? v->i : -1, want[k]);
        }
        docs++;
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  line and paragraph duplicates of %ld random texts equal to the naive ones\n",
           docs);
}

static const wn_fval *c4_run(const char *line, wn_fres *r)
{
    char text[512];
    int o = snprintf(text, sizeof text, "%s\nOne two three four.\n", line);
    size_t n;
    uint32_t *u = wn_utf8_to_u32(g_a, text, (size_t)o, &n);
    wn_ftext t = {.a = g_a, .s = u, .n = n};
    wn_c4_cfg cfg;
    wn_c4_defaults(&cfg, 0);
    memset(r, 0, sizeof *r);
    if (wn_filter_c4_quality(&cfg, &t, r, 0))
        return NULL;
    return r->v;
}

TEST(c4_phrases_at_every_offset)
{
    static const struct {
        const char *phrase, *value; /* value NULL: the reason lorem_ipsum */
    } ph[] = {{"lorem ipsum", NULL},          {"javascript", "lines_javascript"},
              {"terms of use", "lines_policy"}, {"privacy policy", "lines_policy"},
              {"cookie policy", "lines_policy"}, {"uses cookies", "lines_policy"},
              {"use of cookies", "lines_policy"}, {"use cookies", "lines_policy"}};
    long checked = 0;
    for (size_t k = 0; k < sizeof ph / sizeof ph[0]; k++)
        for (int upper = 0; upper < 2; upper++)
            for (int miss = 0; miss < 2; miss++)
                for (int pre = 0; pre < 9; pre++)
                    for (int post = 0; post < 6; post++) {
                        char p[64], line[128];
                        snprintf(p, sizeof p, "%s", ph[k].phrase);
                        for (char *q = p; upper && *q; q++)
                            if (q == p || q[-1] == ' ')
                                *q = (char)(*q - 32 * (*q >= 'a' && *q <= 'z'));
                        if (miss)
                            p[strlen(p) - 1] = 'Q';
                        snprintf(line, sizeof line, "%.*sx%s%.*s and more words.", pre,
                                 "abcdefghij", p, post, "zzzzzz");
                        wn_fres r;
                        CHECK(c4_run(line, &r) != NULL);
                        int found = ph[k].value ? value(&r, ph[k].value) &&
                                                      value(&r, ph[k].value)->i == 1
                                                : r.reason && !strcmp(r.reason, "lorem_ipsum");
                        checked++;
                        if (found == miss) {
                            fprintf(stderr, "  \"%s\": found %d\n", line, found);
                            CHECK(0);
                        }
                        wn_arena_reset(g_a);
                    }
    printf("  %ld lines with and without a c4 phrase\n", checked);
}

/* gopher_quality counts each distinct token once, weighted by its count,
 * when gopher_repetition has given the tokens ids: every value must be the
 * one the token-by-token loop (gopher_quality alone) gives. Stop words in
 * every case, symbols, digits, non-Latin-1 letters, and tokens of 8
 * characters or more (ids by hash, not by exact key). */
TEST(gopher_quality_by_id_against_per_token)
{
    static const char *const vocab[] = {
        "the",  "The", "THE", "be",  "to",   "of",      "and",     "that", "have",
        "with", "wit", "tha", "#",   "##",   "...",     "\u2026", "-",    "\u2022",
        "a1",   "123", "\u00e9t\u00e9", "\u0130", "\u03b1\u03b2", "\u4e2d\u6587",
        "extraordinary", "extraordinarY", "!?",  ",",    "(",       "ok",  "x"};
    static const char *const seps[] = {" ", " ", " ", "\n", "\n- ", "\n\n", "... "};
    wn_gq_cfg qc;
    wn_gq_defaults(&qc);
    wn_gr_cfg rc;
    wn_gr_defaults(&rc);
    long docs = 0, values = 0, bad = 0, by_id = 0;
    char text[16384];
    for (int iter = 0; iter < 2000 && bad < 5; iter++) {
        size_t want = 1 + rnd(iter % 10 == 0 ? 1500 : 150), o = 0;
        unsigned nv = 2 + rnd(sizeof vocab / sizeof vocab[0] - 2);
        for (size_t k = 0; k < want && o + 32 < sizeof text; k++) /* 32: a token and a sep */
            o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", vocab[rnd(nv)],
                                  seps[rnd(sizeof seps / sizeof seps[0])]);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext plain = {.a = g_a, .s = u, .n = n}, ided = {.a = g_a, .s = u, .n = n};
        wn_fres r1 = {0}, r2 = {0}, rr = {0};
        CHECK(wn_filter_gopher_quality(&qc, &plain, &r1) == 0);
        CHECK(wn_filter_gopher_repetition(&rc, &ided, &rr) == 0);
        by_id += ided.ids_of == ided.words.v && ided.words.n;
        CHECK(wn_filter_gopher_quality(&qc, &ided, &r2) == 0);
        docs++;
        int same = r1.nv == r2.nv && r1.kept == r2.kept &&
                   (r1.reason == r2.reason || (r1.reason && r2.reason && !strcmp(r1.reason, r2.reason)));
        for (size_t k = 0; same && k < r1.nv; k++, values++)
            same = !strcmp(r1.v[k].name, r2.v[k].name) && r1.v[k].kind == r2.v[k].kind &&
                   r1.v[k].i == r2.v[k].i && !memcmp(&r1.v[k].d, &r2.v[k].d, sizeof r1.v[k].d);
        if (!same) {
            bad++;
            fprintf(stderr, "  differs on: %.200s\n", text);
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
    CHECK(by_id > docs / 2);
    printf("  %ld texts, %ld by token ids, %ld values equal\n", docs, by_id, values);
}

/* Python's str.splitlines() breaks, and str.isspace() for strip() */
static int naive_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
           c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* text.count("#"), text.count("...") + text.count("\u2026"), and over
 * text.splitlines(): lines, those whose lstrip() starts with a bullet,
 * those whose rstrip() ends with an ellipsis */
static void naive_quality_scan(const uint32_t *s, size_t n, long long want[5])
{
    memset(want, 0, 5 * sizeof *want);
    for (size_t i = 0; i < n; i++) {
        want[0] += s[i] == '#';
        want[1] += s[i] == 0x2026;
    }
    for (size_t i = 0; i + 3 <= n;) {
        if (s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.') {
            want[1]++;
            i += 3;
        } else {
            i++;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !naive_break(s[j]))
            j++;
        want[2]++;
        size_t a = i, b = j;
        while (a < j && wn_isspace(s[a]))
            a++;
        while (b > i && wn_isspace(s[b - 1]))
            b--;
        want[3] += a < j && (s[a] == 0x2022 || s[a] == '-');
        want[4] += b > i && (s[b - 1] == 0x2026 ||
                             (b - i >= 3 && s[b - 1] == '.' && s[b - 2] == '.' && s[b - 3] == '.'));
        i = j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n' ? j + 2 : j + 1;
    }
}

/* Every line break, control characters that are not one, tabs, dot runs
 * of every length (crossing the 16-wide blocks), '#', bullets, spaces of
 * both kinds at line ends, non-ASCII letters next to the marked
 * characters, and texts of every length mod 16. */
TEST(gopher_quality_scan_against_naive)
{
    static const char *const piece[] = {
        "\n", "\r", "\r\n", "\n\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", "\x01",
        "\t", "\xc2\x85", "\u2028", "\u2029", "\u2027", "\u202a", "\u2026", ".", "..", "...",
        "....", ".......", "#", "##", "-", "\u2022", " ", "  ", "\u00a0", "\u3000", "a",
        "word", "longer words here", "\u00e9", "\u4e2d", "\xc2\x86", "\u2025", "x.", "-x"};
    wn_gq_cfg qc;
    wn_gq_defaults(&qc);
    static const char *const names[5] = {"hash_count", "ellipsis_count", "n_lines",
                                         "bullet_lines", "end_ellipsis_lines"};
    long bad = 0, docs = 0;
    char text[8192];
    for (int iter = 0; iter < 20000 && bad < 5; iter++) {
        size_t o = 0, parts = (size_t)rnd(iter % 8 == 0 ? 400 : 40);
        for (size_t k = 0; k < parts && o + 32 < sizeof text; k++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s",
                                  piece[rnd(sizeof piece / sizeof piece[0])]);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ftext t = {.a = g_a, .s = u, .n = n};
        wn_fres r = {0};
        CHECK(wn_filter_gopher_quality(&qc, &t, &r) == 0);
        long long want[5];
        naive_quality_scan(u, n, want);
        for (int k = 0; k < 5; k++) {
            const wn_fval *v = value(&r, names[k]);
            if ((!v || v->i != want[k]) && bad++ < 5)
                fprintf(stderr, "  text %d: %s = %lld, naive %lld\n", iter, names[k],
                        v ? v->i : -1, want[k]);
        }
        docs++;
        wn_arena_reset(g_a);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  gopher_quality's scan of %ld random texts equal to the naive one\n", docs);
}

int main(void)
{
    g_a = wn_arena_create(0);
    RUN(ngrams_against_naive);
    RUN(dup_keys_against_naive);
    RUN(ngrams_wide_tokens_against_naive);
    RUN(ngrams_text_and_own_tokens_against_naive);
    RUN(lines_and_paragraphs_against_naive);
    RUN(c4_phrases_at_every_offset);
    RUN(gopher_quality_by_id_against_per_token);
    RUN(gopher_quality_scan_against_naive);
    wn_arena_free(g_a);
    return harness_done();
}
