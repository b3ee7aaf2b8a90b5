/*
 * test_filter_r13_early.c - gopher_repetition ended at its first failing
 * check (first_drop_ends = 1, what the filter stage does without all=1)
 * against the same filter measuring every value (first_drop_ends = 0, the
 * default, what the parity test and --all-filters use).
 *
 * For every text: the same kept, reason and error; the early record's
 * values are the first values of the full record, equal name for name and
 * bit for bit; a kept document has all of them (no check failed, so
 * nothing was cut short). And gopher_quality run after it, on the same
 * wn_ftext (the early filter makes the words only when its lines pass, by
 * the tokenizer rather than from its own narrowed bytes), gives the values
 * it gives after the full filter. Texts: the parity corpus when it is
 * there, and generated ones built to stop at each kind of check
 * (paragraphs, lines, top n-grams, duplicate n-grams, the empty text); the
 * test fails if some kind was never reached.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"
#include "parity_texts.h"

static wn_arena *g_a, *g_b;
static uint64_t g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (unsigned)(g_rng % n);
}

static int same_value(const wn_fval *a, const wn_fval *b)
{
    if (strcmp(a->name, b->name) || a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case 'i': return a->i == b->i;
    case 'd': return !memcmp(&a->d, &b->d, sizeof a->d);
    case 's': return a->slen == b->slen && !memcmp(a->s, b->s, a->slen);
    default: return 1;
    }
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* what kind of check ended the early record: 0 kept, 1 paragraphs, 2 lines,
 * 3 top n-grams, 4 duplicate n-grams, 5 the empty text */
static int kind_of(const wn_fres *r)
{
    if (r->kept)
        return 0;
    if (r->error)
        return 5;
    if (!strncmp(r->reason, "dup_para", 8))
        return 1;
    if (!strncmp(r->reason, "dup_line", 8))
        return 2;
    if (!strncmp(r->reason, "top_", 4))
        return 3;
    return 4;
}

static long g_texts, g_bad, g_kinds[6], g_gq;

/* One text both ways; the arenas are reset by the caller. */
static void compare(const uint32_t *s, size_t n)
{
    wn_gr_cfg full, early;
    wn_gr_defaults(&full);
    early = full;
    early.first_drop_ends = 1;
    wn_ftext tf = {.a = g_a, .s = s, .n = n}, te = {.a = g_b, .s = s, .n = n};
    wn_fres rf, re;
    memset(&rf, 0, sizeof rf);
    memset(&re, 0, sizeof re);
    CHECK(wn_filter_gopher_repetition(&full, &tf, &rf) == 0);
    CHECK(wn_filter_gopher_repetition(&early, &te, &re) == 0);
    g_texts++;
    int ok = rf.kept == re.kept && same_str(rf.reason, re.reason) && same_str(rf.error, re.error) &&
             re.nv <= rf.nv && (!re.kept || re.nv == rf.nv);
    for (size_t k = 0; ok && k < re.nv; k++)
        ok = same_value(&rf.v[k], &re.v[k]);
    if (!ok) {
        if (g_bad++ < 5)
            fprintf(stderr, "  differs (%zu code points, reason %s / %s, %zu / %zu values)\n", n,
                    rf.reason ? rf.reason : "-", re.reason ? re.reason : "-", rf.nv, re.nv);
        return;
    }
    g_kinds[kind_of(&re)]++;
    if (re.kept) { /* the chain goes on to gopher_quality on the same text */
        wn_gq_cfg q;
        wn_gq_defaults(&q);
        wn_fres qf, qe;
        memset(&qf, 0, sizeof qf);
        memset(&qe, 0, sizeof qe);
        CHECK(wn_filter_gopher_quality(&q, &tf, &qf) == 0);
        CHECK(wn_filter_gopher_quality(&q, &te, &qe) == 0);
        int same = qf.kept == qe.kept && same_str(qf.reason, qe.reason) && qf.nv == qe.nv;
        for (size_t k = 0; same && k < qf.nv; k++)
            same = same_value(&qf.v[k], &qe.v[k]);
        if (!same && g_bad++ < 5)
            fprintf(stderr, "  gopher_quality differs after the early filter (%zu code points)\n", n);
        g_gq += same;
    }
}

static void compare_utf8(const char *text, size_t len)
{
    size_t n;
    uint32_t *u = wn_utf8_to_u32(g_a, text, len, &n);
    CHECK(u != NULL);
    if (u)
        compare(u, n);
}

TEST(parity_corpus_early_against_full)
{
    wn_arena *pa = wn_arena_create((size_t)1 << 30);
    size_t count;
    wn_ustr *v = parity_texts(pa, &count);
    if (!v) {
        /* absent is a skip; present but unread is a failure */
        FILE *f = fopen("../shared/parity/datatrove/inputs_real.jsonl", "r");
        CHECK(f == NULL);
        if (f)
            fclose(f);
        wn_arena_free(pa);
        SKIP("no ../shared/parity/datatrove/inputs_real.jsonl");
    }
    CHECK(count >= 597);
    long bad = g_bad;
    for (size_t i = 0; i < count; i++) {
        compare(v[i].s, v[i].n);
        wn_arena_reset(g_a);
        wn_arena_reset(g_b);
    }
    printf("  %zu parity texts\n", count);
    CHECK_EQ_INT(g_bad, bad);
    wn_arena_free(pa);
}

/* Texts made of a few sentences and lines repeated in ways that trip each
 * check in turn: whole paragraphs again (dup_para_*), single lines again
 * (dup_line_*), a phrase again and again inside lines (top_n_gram), long
 * runs of words again inside otherwise new lines (duplicated_n_grams). */
TEST(generated_texts_early_against_full)
{
    static const char *const words[] = {"the", "cat", "sat", "on", "a", "mat", "and", "then",
                                        "went", "home", "to", "sleep", "by", "fire", "quietly",
                                        "\u00e9t\u00e9", "\u4e2d\u6587", "data", "set", "of"};
    const size_t nwords = sizeof words / sizeof words[0];
    static char text[65536];
    /* the kinds counted here are the generated texts' alone */
    memset(g_kinds, 0, sizeof g_kinds);
    g_texts = g_gq = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t o = 0;
        int style = iter % 5;
        size_t lines = 1 + rnd(60);
        char saved[512] = "";
        for (size_t l = 0; l < lines && o + 1200 < sizeof text; l++) {
            char line[512];
            size_t lo = 0, nw = 2 + rnd(style == 4 ? 30 : 12);
            for (size_t w = 0; w < nw && lo + 40 < sizeof line; w++) {
                /* style 3: one phrase over and over; 4: new words, with a
                 * run of the saved line's words inside */
                const char *word = style == 3 && rnd(3) ? (w % 2 ? "very" : "much")
                                                        : words[rnd((unsigned)nwords)];
                lo += (size_t)snprintf(line + lo, sizeof line - lo, "%s%s", w ? " " : "", word);
            }
            if (style == 4 && l && rnd(2))
                lo += (size_t)snprintf(line + lo, sizeof line - lo, " %s", saved);
            const char *put = line;
            if ((style == 1 || style == 2) && l && rnd(3) == 0)
                put = saved; /* a line again */
            o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", put,
                                  style == 1 ? "\n\n" : rnd(8) == 0 ? "\n\n" : "\n");
            if (!saved[0] || rnd(4) == 0)
                snprintf(saved, sizeof saved, "%s", line);
        }
        if (iter % 97 == 0)
            o = 0; /* the empty text: the reference raises */
        compare_utf8(text, o);
        wn_arena_reset(g_a);
        wn_arena_reset(g_b);
    }
    printf("  %ld generated texts: kept %ld, ended at paragraphs %ld, lines %ld, top n-grams %ld, "
           "duplicate n-grams %ld, empty %ld; gopher_quality equal after %ld kept\n",
           g_texts, g_kinds[0], g_kinds[1], g_kinds[2], g_kinds[3], g_kinds[4], g_kinds[5], g_gq);
    for (int k = 0; k < 6; k++)
        CHECK(g_kinds[k] > 0);
    CHECK(g_gq == g_kinds[0]);
    CHECK_EQ_INT(g_bad, 0);
}

int main(void)
{
    g_a = wn_arena_create((size_t)1 << 30);
    g_b = wn_arena_create((size_t)1 << 30);
    RUN(parity_corpus_early_against_full);
    RUN(generated_texts_early_against_full);
    wn_arena_free(g_a);
    wn_arena_free(g_b);
    return harness_done();
}
