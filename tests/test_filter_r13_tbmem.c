/*
 * test_filter_r13_tbmem.c - the Treebank substitutions' memory on giant
 * sentences, and that their tokens do not depend on it.
 *
 * tb_run() gives each of its two buffers room for what the first pass can
 * make of the sentence (4n+16 code points, twice that for a sentence under
 * 16384 characters); once the text has grown past
 * what that holds for any pass (4 * length + 8), each pass counts what it
 * can add (the tally, or the text for the passes about quotes) instead of
 * both buffers being made anew at twice 4 * length + 8, as before. The
 * reduced sentence's directly decided tokens wait at the end of the room
 * the token list has for the sentence instead of in a copy. This file
 * includes treebank.c to reach tb_run.
 *
 *  - frozen: '"' repeated (the most growth there is, four code points for
 *    one), '("' and "''" repeated, whose tokens follow from NLTK's
 *    patterns (see each test), through the substitutions alone, the fast
 *    path and word_tokenize.
 *  - sizes: long single sentences of punctuation soup, quotes of every
 *    kind, clitics and contractions go through tb_run with fresh buffers
 *    (the counts at work) and with buffers made for a sentence five times
 *    as long (the generous bound always holds: the old way), which must
 *    give the same tokens; and the fresh buffers must not have grown (no
 *    text grows past 4n + 16). The fast path must agree, and so must
 *    word_tokenize with NLTK's substitutions on each of punkt's sentences,
 *    and wn_word_count with it.
 *  - memory: word_tokenize on 200,000 characters of punctuation soup (one
 *    sentence) hands out less than 80 bytes of arena a character; it
 *    handed out over 300 before.
 */
/* tb_run's buffers hold 4n+16 code points at first, and a dst made anew
 * half as much again as it must; with g_tight, the first hold the
 * sentence alone and the others exactly what the pass counted, so that
 * every pass counts and a pass that wrote more than it counted would
 * write past dst (AddressSanitizer sees it; without, the tokens differ
 * or the program fails) */
static int g_tight;
#define TB_FIRST_ROOM(n) (g_tight ? (n) + 1 : TB_FIRST_ROOM_USUAL(n))
#define TB_ROOM_SLACK(need) (g_tight ? 0 : TB_ROOM_SLACK_USUAL(need))
#include "../lib/filter/treebank.c"
#undef RUN /* tb_run's; the harness has its own */

#include <stdio.h>
#include <stdlib.h>

#include "core/arena.h"
#include "harness.h"

static unsigned long long g_rng = 0x853c49e6748fea9bull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static wn_arena *g_a;

/* A token list as one array, each token followed by a separator no token
 * holds, for comparing lists whose tokens lie in buffers used again. */
#define SEP 0xFFFFFFFFu
static uint32_t *flat(const wn_ustr_vec *v, size_t *len)
{
    size_t m = 0;
    for (size_t k = 0; k < v->n; k++)
        m += v->v[k].n + 1;
    uint32_t *f = wn_arena_alloc(g_a, (m + 1) * sizeof *f);
    if (!f)
        return NULL;
    size_t o = 0;
    for (size_t k = 0; k < v->n; k++) {
        memcpy(f + o, v->v[k].s, v->v[k].n * sizeof *f);
        o += v->v[k].n;
        f[o++] = SEP;
    }
    *len = o;
    return f;
}

static int same(const wn_ustr_vec *a, const wn_ustr_vec *b)
{
    size_t la, lb;
    uint32_t *fa = flat(a, &la), *fb = flat(b, &lb);
    return fa && fb && a->n == b->n && la == lb && !memcmp(fa, fb, la * sizeof *fa);
}

/* tb_run on s with the buffers of t, split on whitespace as
 * wn_treebank_tokenize_ref does, flattened at once (the next run reuses
 * the buffers). */
static uint32_t *run_flat(tb *t, const uint32_t *s, size_t n, size_t *len, size_t *count)
{
    if (tb_run(t, s, n))
        return NULL;
    wn_ustr_vec v = {0};
    const uint32_t *f = t->src;
    size_t m = t->n;
    for (size_t i = 0; i < m;) {
        while (i < m && wn_isspace(f[i]))
            i++;
        size_t j = i;
        while (j < m && !wn_isspace(f[j]))
            j++;
        if (j > i && wn_ustr_vec_push(g_a, &v, f + i, j - i))
            return NULL;
        i = j;
    }
    *count = v.n;
    return flat(&v, len);
}

static uint32_t *u32_of(const char *s, size_t *n)
{
    return wn_utf8_to_u32(g_a, s, strlen(s), n);
}

/* unit repeated times, tokenized by the substitutions alone, the fast
 * path and word_tokenize: each must give the unit's tokens (nt of them)
 * that many times, but for the first few, which are those of head (a
 * NULL-terminated list, or NULL). */
static int frozen(const char *unit, size_t times, const char *const *head,
                  const char *const *toks, size_t nt)
{
    size_t ul = strlen(unit), n;
    char *s = wn_arena_alloc(g_a, ul * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * ul, unit, ul);
    s[ul * times] = 0;
    uint32_t *u = u32_of(s, &n);
    wn_ustr_vec want = {0}, ref = {0}, fast = {0}, all = {0};
    size_t nh = 0;
    while (head && head[nh])
        nh++;
    for (size_t i = 0; i < times * nt; i++) {
        size_t m;
        const uint32_t *t = u32_of(i < nh ? head[i] : toks[i % nt], &m);
        if (!t || wn_ustr_vec_push(g_a, &want, t, m))
            return 0;
    }
    if (!u || wn_treebank_tokenize_ref(g_a, u, n, &ref) || wn_treebank_tokenize(g_a, u, n, &fast) ||
        wn_word_tokenize(g_a, u, n, &all))
        return 0;
    return same(&ref, &want) && same(&fast, &want) && same(&all, &want);
}

/* STARTING_QUOTES turns the first '"' into `` (^\") and pads it ((``)),
 * so that a space comes before the second, which ([ \(\[{<])(\"|\'{2})
 * makes `` too; the others follow no opener, and ENDING_QUOTES pads each
 * as " '' ", which no later pattern touches (each ' follows a space or a
 * '). The text grows to about 4n: the most there is. */
TEST(dquotes)
{
    static const char *const open[] = {"``", "``", NULL}, *const close[] = {"''"};
    CHECK(frozen("\"", 1, open, close, 1));
    CHECK(frozen("\"", 2, open, close, 1));
    CHECK(frozen("\"", 3, open, close, 1));
    CHECK(frozen("\"", 100000, open, close, 1));
}

/* ([ \(\[{<])(\"|\'{2}) makes each '"' after '(' " `` ", then the
 * brackets are padded: ( and `` in turn. */
TEST(paren_dquotes)
{
    static const char *const toks[] = {"(", "``"};
    CHECK(frozen("(\"", 1, NULL, toks, 2));
    CHECK(frozen("(\"", 3, NULL, toks, 2));
    CHECK(frozen("(\"", 60000, NULL, toks, 2));
}

/* "''" with no opener before it is left by STARTING_QUOTES and padded by
 * ENDING_QUOTES' (\'\') as " '' ": one token a pair. */
TEST(double_quotes_ascii)
{
    static const char *const toks[] = {"''"};
    CHECK(frozen("''", 1, NULL, toks, 1));
    CHECK(frozen("''", 50000, NULL, toks, 1));
}

/* Pieces of long sentences: punctuation, quotes of every kind (ASCII and
 * Unicode, doubled, after openers), clitics, contractions and the words
 * of CONTRACTIONS3, a few letters and spaces. */
static const char *const PIECES[] = {
    "\"", "\"", "\"", "'", "'", "''", "``", "`", "(", ")", "[", "]", "{", "}", "<", ">", ";",
    "@", "#", "$", "%", "&", "?", "!", "*", ",", ":", ".", "...", "..", "-", "--", "---",
    "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99", "\xc2\xab", "\xc2\xbb",
    "\xe2\x80\x9e", "'s", "'S", "'m", "'d", "'ll", "'re", "'ve", "n't", "N'T", "can't",
    "cannot", "gonna", "gimme", "lemme", "wanna", "gotta", "d'ye", "more'n", " 'tis",
    " 'Twas", "x", "a", "t", "1", ",1", ":3", " ", " ", "\n", "(\"", " \"", "[''"};
/* One kind of sentence: the brief's punctuation soup, quotes alone,
 * quotes after openers and commas, or pieces of all kinds. */
static char *sentence(size_t want, int kind)
{
    static const char *const SOUPS[] = {"!?.,;:()[]\"'-", "\"", "\"'", "\"(", "\",", "\" ",
                                        "'` \"", "\xe2\x80\x9c\xe2\x80\x9d\""};
    char *s = wn_arena_alloc(g_a, want * 12 + 16);
    size_t o = 0;
    if (kind < 8) {
        const char *soup = SOUPS[kind];
        size_t units = 0; /* the soup's characters, a Unicode quote being one */
        const char *p;
        for (p = soup; *p; p++)
            units += ((unsigned char)*p & 0xC0) != 0x80;
        while (o < want) {
            size_t u = rnd((unsigned)units), seen = 0;
            for (p = soup; *p; p++)
                if (((unsigned char)*p & 0xC0) != 0x80 && seen++ == u)
                    break;
            do
                s[o++] = *p++;
            while (((unsigned char)*p & 0xC0) == 0x80);
        }
    } else {
        while (o < want) {
            const char *p = PIECES[rnd(sizeof PIECES / sizeof *PIECES)];
            size_t l = strlen(p);
            memcpy(s + o, p, l);
            o += l;
        }
    }
    s[o] = 0;
    return s;
}

TEST(sizes)
{
    wn_punkt_model *pm = wn_punkt_model_build();
    CHECK(pm != NULL);
    for (int round = 0; round < 36; round++) {
        int kind = round % 9;
        size_t want = 1000 + rnd(round < 27 ? 20000 : 120000);
        size_t n, l1, l2, c1, c2;
        uint32_t *u = u32_of(sentence(want, kind), &n);
        tb fresh = {.a = g_a};
        uint32_t *f1 = run_flat(&fresh, u, n, &l1, &c1);
        size_t first = n < 16384 ? 8 * n + 32 : 4 * n + 16;
        CHECK(f1 && fresh.scap == first && fresh.dcap == first);
        /* buffers that hold the sentence alone: each pass makes room */
        g_tight = 1;
        tb tight = {.a = g_a};
        size_t l0, c0;
        uint32_t *f0 = run_flat(&tight, u, n, &l0, &c0);
        g_tight = 0;
        CHECK(f0 && f1 && c0 == c1 && l0 == l1 && !memcmp(f0, f1, l1 * sizeof *f1));
        /* buffers made for a sentence five times as long: 4 * length + 8
         * always fits, so no pass counts */
        uint32_t *wide = wn_arena_calloc(g_a, 5 * n + 1, sizeof *wide);
        tb roomy = {.a = g_a};
        CHECK(wide && !tb_run(&roomy, wide, 5 * n) && roomy.dcap >= 20 * n + 16);
        uint32_t *f2 = run_flat(&roomy, u, n, &l2, &c2);
        CHECK(f1 && f2 && c1 == c2 && l1 == l2 && !memcmp(f1, f2, l1 * sizeof *f1));
        /* the fast path, its direct tokens merged in place */
        wn_ustr_vec fast = {0};
        size_t l3;
        uint32_t *f3 = wn_treebank_tokenize(g_a, u, n, &fast) ? NULL : flat(&fast, &l3);
        CHECK(f1 && f3 && l1 == l3 && !memcmp(f1, f3, l1 * sizeof *f1));
        /* word_tokenize, against the substitutions on punkt's sentences */
        wn_ustr_vec sents = {0}, all = {0}, want_all = {0};
        size_t count = 0;
        CHECK(!wn_sent_tokenize(g_a, pm, u, n, &sents));
        for (size_t k = 0; k < sents.n; k++)
            CHECK(!wn_treebank_tokenize_ref(g_a, sents.v[k].s, sents.v[k].n, &want_all));
        CHECK(!wn_word_tokenize_memo(g_a, pm, u, n, &all, NULL) && same(&all, &want_all));
        CHECK(!wn_word_count(g_a, pm, u, n, NULL, &count) && count == want_all.n);
        wn_arena_reset(g_a);
    }
    wn_punkt_model_free(pm);
}

/* Arena bytes word_tokenize hands out per character of text (the text
 * itself lies in another arena). */
static double bytes_per_char(const char *text)
{
    size_t n;
    uint32_t *u = u32_of(text, &n);
    wn_arena *a = wn_arena_create(0);
    wn_ustr_vec v = {0};
    size_t before = wn_arena_used(a);
    double r = u && !wn_word_tokenize(a, u, n, &v) && v.n
                   ? (double)(wn_arena_used(a) - before) / (double)n
                   : 1e9;
    wn_arena_free(a);
    return r;
}

TEST(memory)
{
    g_rng = 7;
    double soup = bytes_per_char(sentence(200000, 0));
    double quotes = bytes_per_char(sentence(200000, 4)); /* '"' and ',': the substitutions' */
    double mixed = bytes_per_char(sentence(200000, 8));
    printf("arena bytes a character: soup %.1f, quotes and commas %.1f, pieces %.1f\n", soup,
           quotes, mixed);
    CHECK(soup < 80);
    CHECK(quotes < 80);
    CHECK(mixed < 80);
    wn_arena_reset(g_a);
}

int main(void)
{
    g_a = wn_arena_create(0);
    RUN(dquotes);
    RUN(paren_dquotes);
    RUN(double_quotes_ascii);
    RUN(sizes);
    RUN(memory);
    wn_arena_free(g_a);
    return harness_done();
}
