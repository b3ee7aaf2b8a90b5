/*
 * test_filter_r12_tok.c - the whole-text doubled-letter bitmap, thinned.
 *
 * text_masks clears each dbl bit (a doubled n, m or t) whose two letters
 * before cannot start one of the MacIntyre contractions (cannot, gimme,
 * gonna, gotta, lemme, wanna), so that the runs holding only such a bit
 * ("little", "common") are not looked at again. Here texts dense in those
 * words, their near misses and doubled letters at every offset, in random
 * case, with dotless and dotted i, glued to each other by the characters
 * that do and do not end a word, go through word_tokenize (the text's
 * bitmaps) and are compared, sentence by sentence, with NLTK's
 * substitutions (the reference, which no bitmap touches), with every
 * classifier; and wn_word_count must give the number of tokens.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "filter/ftext.h"
#include "harness.h"

static unsigned long long g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static wn_arena *g_a;
static wn_punkt_model *g_pm;

/* the contractions, their first two letters with other doubles, and words
 * with a doubled n, m or t elsewhere */
static const char *const WORDS[] = {
    "cannot", "gimme", "gonna", "gotta", "lemme", "wanna", "cannon", "gotten", "letter",
    "wannabe", "gimmick", "lemming", "canna", "gomma", "camma", "wamma", "lenna", "gitta",
    "little", "common", "better", "summer", "annual", "innate", "mm", "nn", "tt", "ttt",
    "nnnn", "ammo", "xcannot", "scannot", "ccannot", "wwanna", "gg", "cc", "ca", "go", "le",
    "wa", "gi", "d'ye", "more'n", "can", "not"};
static const char GLUE[] = " -/._=+0a'\",:\n";

/* Each character at random in upper or lower case; now and then an i is
 * the dotted capital or the dotless small one. */
static size_t put_word(uint32_t *u, size_t o, const char *w)
{
    for (; *w; w++) {
        uint32_t c = (unsigned char)*w;
        if (c >= 'a' && c <= 'z' && rnd(3) == 0)
            c -= 32;
        if ((c | 32) == 'i' && rnd(4) == 0)
            c = rnd(2) ? 0x130 : 0x131;
        u[o++] = c;
    }
    return o;
}

static int same_tokens(const wn_ustr_vec *a, const wn_ustr_vec *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t k = 0; k < a->n; k++)
        if (a->v[k].n != b->v[k].n || memcmp(a->v[k].s, b->v[k].s, a->v[k].n * sizeof(uint32_t)))
            return 0;
    return 1;
}

TEST(doubled_letters_against_reference)
{
    uint32_t *u = malloc(4096 * sizeof *u);
    long bad = 0, texts = 0;
    for (int it = 0; it < 30000 && bad < 3; it++) {
        size_t n = 0, want_n = 1 + rnd(700);
        while (n < want_n) {
            if (rnd(3) == 0) /* letters before the word, so it starts at any offset */
                for (unsigned k = rnd(3); k; k--)
                    u[n++] = "acglwnmt"[rnd(8)];
            n = put_word(u, n, WORDS[rnd(sizeof WORDS / sizeof *WORDS)]);
            unsigned g = rnd(4);
            for (unsigned k = 0; k < g; k++)
                u[n++] = (uint32_t)GLUE[rnd(sizeof GLUE - 1)];
        }
        const wn_punkt_model *pm = rnd(2) ? g_pm : NULL;
        wn_ustr_vec st = {0}, want = {0}, got = {0};
        wn_sent_memo memo;
        size_t count = 0;
        int err = wn_sent_tokenize(g_a, pm, u, n, &st) ||
                  wn_word_tokenize_memo(g_a, pm, u, n, &got, &memo) ||
                  wn_word_count(g_a, pm, u, n, NULL, &count);
        int same = !err && memo.n == st.n && count == got.n;
        for (size_t k = 0; same && k < st.n; k++)
            same = !wn_treebank_tokenize_ref(g_a, st.v[k].s, st.v[k].n, &want);
        same = same && same_tokens(&got, &want);
        texts++;
        if (!same && bad++ < 3) {
            fprintf(stderr, "  word_tokenize differs (%zu vs %zu tokens, count %zu) on\n  ", got.n,
                    want.n, count);
            for (size_t k = 0; k < n && k < 300; k++)
                fprintf(stderr, u[k] < 128 ? "%c" : "<%x>", u[k]);
            fprintf(stderr, "\n");
        }
        wn_arena_reset(g_a);
    }
    free(u);
    CHECK_EQ_INT(bad, 0);
    printf("  %ld texts, %ld differ\n", texts, bad);
}

int main(void)
{
    g_a = wn_arena_create(0);
    g_pm = wn_punkt_model_build();
    if (!g_pm) { /* a CHECK out here would count for no test */
        fprintf(stderr, "test_filter_r12_tok: the punkt model did not build\n");
        printf("0 passed, 1 failed\n");
        return 1;
    }
    int best = wn_treebank_simd(-1);
    for (int level = 0; level <= best; level++) {
        printf("  classifier %d of %d:\n", level, best);
        wn_treebank_simd(level);
        RUN(doubled_letters_against_reference);
    }
    wn_treebank_simd(-1);
    wn_punkt_model_free(g_pm);
    wn_arena_free(g_a);
    return harness_done();
}
