/*
 * test_filter_punkt.c - punkt against its frozen earlier version.
 *
 * punkt (lib/filter/punkt.c) is tuned for speed round after round; each
 * round must leave every sentence where it was. tests/punkt_ref.inc is
 * punkt as it stood before round 7, and here both split the same texts:
 * random ones built from what punkt's decisions read (the model's
 * abbreviations, sentence starters, collocations and orthographic words,
 * initials, numbers, ellipses, closing quotes and brackets, multi-character
 * punctuation, characters glued before a word, line breaks and other
 * whitespace, non-ASCII letters and spaces), with and without the model's hash tables, and every text and
 * every line of the parity corpus (when ../shared is there). The spans,
 * those of wn_sent_tokenize_marks() (given the text's marks as bitmaps),
 * the sentences word_tokenize splits into (with the marks its classifier
 * makes), those of wn_sent_tokenize_classified() (the same marks) and
 * wn_sent_count() must be the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "core/json.h"
#include "filter/filter_data.h"
#include "filter/ftext.h"
#include "harness.h"
#include "parity_texts.h"

#include "punkt_ref.inc"

static unsigned long long g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

static wn_arena *g_a;
static wn_punkt_model *g_pm;
static ref_punkt_model *g_ref;
static long g_texts, g_sents, g_bad;

/* Split s[0..n) both ways; 1 when they agree. */
static int same_split(const uint32_t *s, size_t n, int use_model)
{
    wn_ustr_vec v1 = {0}, v2 = {0};
    size_t count = 0;
    int e1 = wn_sent_tokenize(g_a, use_model ? g_pm : NULL, s, n, &v1);
    int e2 = ref_sent_tokenize(g_a, use_model ? g_ref : NULL, s, n, &v2);
    int e3 = wn_sent_count(g_a, use_model ? g_pm : NULL, s, n, &count);
    /* and with the text's marks given as bitmaps, as word_tokenize does */
    wn_ustr_vec v3 = {0};
    size_t words = (n + 63) / 64 + 1;
    uint64_t *enders = wn_arena_calloc(g_a, 4 * words, sizeof *enders);
    uint64_t *space = enders ? enders + words : NULL, *high = enders ? enders + 2 * words : NULL;
    uint64_t *stop = enders ? enders + 3 * words : NULL;
    for (size_t k = 0; enders && k < n; k++) {
        uint64_t bit = 1ull << (k & 63);
        /* the enders no candidate starts at (followed by an ASCII
         * character that is neither whitespace nor punkt's non-word
         * character) may be left out: half of them are */
        int never = k + 1 < n && s[k + 1] < 128 && !wn_isspace(s[k + 1]) &&
                    !strchr(")\";}]*:@'({[!?", (int)s[k + 1]);
        if ((s[k] == '.' || s[k] == '?' || s[k] == '!') && !(never && (k & 1)))
            enders[k >> 6] |= bit;
        if (s[k] < 128 && wn_isspace(s[k]))
            space[k >> 6] |= bit;
        if (s[k] >= 128)
            high[k >> 6] |= bit;
        /* what a plain word cannot hold, and (as allowed) a few others */
        if (s[k] >= 128 || wn_isspace(s[k]) || strchr(")\";}]*:@'({[!?-.,", (int)s[k]) ||
            (s[k] % 7 == 0 && (k & 1)))
            stop[k >> 6] |= bit;
    }
    wn_text_marks mk = {.enders = enders, .space = space, .high = high, .stop = stop};
    int e4 = !enders || wn_sent_tokenize_marks(g_a, use_model ? g_pm : NULL, s, n, &mk, &v3);
    /* and inside word_tokenize, with the marks its classifier makes (the
     * memo holds the sentences) */
    wn_ustr_vec toks = {0};
    wn_sent_memo memo;
    int e5 = wn_word_tokenize_memo(g_a, use_model ? g_pm : NULL, s, n, &toks, &memo);
    /* and with those marks alone (c4_quality's split of its kept lines) */
    wn_ustr_vec v4 = {0};
    int e6 = wn_sent_tokenize_classified(g_a, use_model ? g_pm : NULL, s, n, &v4, NULL);
    int same = !e1 && !e2 && !e3 && !e4 && !e5 && !e6 && v1.n == v2.n && count == v2.n &&
               v3.n == v2.n && memo.n == v2.n && v4.n == v2.n;
    for (size_t k = 0; same && k < v1.n; k++)
        same = v1.v[k].s == v2.v[k].s && v1.v[k].n == v2.v[k].n && v3.v[k].s == v2.v[k].s &&
               v3.v[k].n == v2.v[k].n && memo.sent[k].s == v2.v[k].s && memo.sent[k].n == v2.v[k].n &&
               v4.v[k].s == v2.v[k].s && v4.v[k].n == v2.v[k].n;
    g_texts++;
    g_sents += (long)v2.n;
    if (!same && g_bad++ < 3) {
        fprintf(stderr, "  punkt differs from the frozen version (%zu/%zu sentences, count %zu) on:\n  ",
                v1.n, v2.n, count);
        for (size_t k = 0; k < n; k++)
            fprintf(stderr, s[k] < 128 ? "%c" : "<U+%04X>", (unsigned)s[k]);
        fprintf(stderr, "\n");
    }
    return same;
}

static size_t put_utf8_word(uint32_t *u, size_t o, const char *w, int cap_first)
{
    const unsigned char *p = (const unsigned char *)w;
    size_t start = o, left = strlen(w);
    while (left) {
        uint32_t c;
        size_t k = wn_utf8_decode(p, left, &c); /* the words are valid UTF-8 */
        p += k, left -= k;
        u[o++] = c == '\t' ? ' ' : c;
    }
    if (cap_first && o > start && u[start] >= 'a' && u[start] <= 'z')
        u[start] -= 32;
    return o;
}

static const char *const OTHER[] = {
    "the", "The", "a", "I", "J.", "A.", "e.", "3.", "12.", "1990.", "1,000.", "-5.", "3.5", ".5.",
    "U.S.", "U.S.A.", "e.g.", "i.e.", "No.", "no.", "Mr.", "Dr", "...", "..", ". . .", ". . . .",
    "?", "!", "?!", "!!", ".", "\"", "'", ")", "]", "}", "(", "[", "\"Quote.\"", "(aside.)",
    "end.\"", "end.)", "end.'", "end.\")", "'end.'", "--", "---", "-", ",", ";", ":", "*", "@",
    "word,", "a,b", "x-ray.", "co-op.", "e.g.,", "\n", "\n\n", "\n \n", "\t", "  ",
    "\xc3\x89" "cole.", "\xc3\xa9t\xc3\xa9.", "\xc4\xb0stanbul.", "\xce\xa9mega.", "\xc3\xa9.",
    "\xc3\x89.", "\xe2\x80\x9cQuoted.\xe2\x80\x9d", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xa8",
    "\xc2\x85", "\xe2\x80\xa6", "\xef\xbc\x8e", "Smith", "smith", "However,", "But", "but", "In",
    "in", "It", "it", "A", "This", "this", "##number##", "\xe2\x80\x99s.", "x.y.z.", "5:30.",
};

/* A random text of the pieces punkt's decisions read. */
static size_t random_punkt_text(uint32_t *u)
{
    size_t o = 0;
    size_t words = 1 + rnd(rnd(4) ? 25 : 120);
    for (size_t k = 0; k < words; k++) {
        int r = (int)rnd(10);
        const char *w = r == 0   ? wn_punkt_abbrev[rnd((unsigned)wn_punkt_abbrev_n)]
                        : r == 1 ? wn_punkt_starters[rnd((unsigned)wn_punkt_starters_n)]
                        : r == 2 ? wn_punkt_colloc[rnd((unsigned)wn_punkt_colloc_n)]
                        : r == 3 ? wn_punkt_ortho_word[rnd((unsigned)wn_punkt_ortho_n)]
                                 : OTHER[rnd(sizeof OTHER / sizeof *OTHER)];
        if (strlen(w) > 80)
            w = "long";
        if (rnd(10) == 0) /* glued to what cannot start a word, or ends one */
            u[o++] = "#&`*@([{\"'-,.:;)]}?!"[rnd(21)];
        o = put_utf8_word(u, o, w, r < 4 && rnd(2));
        if (r < 4) {
            unsigned e = rnd(8);
            if (e < 3)
                u[o++] = '.';
            else if (e == 3)
                u[o++] = "?!"[rnd(2)];
            else if (e == 4)
                u[o++] = '.', u[o++] = "\"')]}"[rnd(5)];
        }
        /* mostly one space; sometimes none, a line break or others */
        unsigned sp = rnd(16);
        if (sp < 11)
            u[o++] = ' ';
        else if (sp == 11)
            u[o++] = '\n';
        else if (sp == 12)
            u[o++] = ' ', u[o++] = ' ';
        else if (sp == 13)
            u[o++] = "\t\r\f\v"[rnd(4)];
        else if (sp == 14)
            u[o++] = (uint32_t[]){0xa0, 0x3000, 0x2028, 0x85, 0x1c}[rnd(5)];
    }
    return o;
}

TEST(random_against_frozen)
{
    uint32_t *u = malloc(16384 * sizeof *u);
    const char *env = getenv("PUNKT_TEST_TEXTS");
    long iters = env ? atol(env) : 200000;
    long before = g_bad;
    for (long it = 0; it < iters && g_bad - before < 3; it++) {
        size_t n = random_punkt_text(u);
        CHECK(same_split(u, n, rnd(5) != 0));
        /* the text's start and end cut at random places too */
        if (n > 4 && rnd(4) == 0) {
            size_t a = rnd((unsigned)n / 2), b = n - rnd((unsigned)n / 2);
            CHECK(same_split(u + a, b - a, 1));
        }
        wn_arena_reset(g_a);
    }
    free(u);
    printf("  %ld random texts, %ld sentences, %ld differ\n", g_texts, g_sents, g_bad - before);
}

/* Every text of the parity corpus whole, and each of its lines stripped
 * (as c4_quality counts sentences). */
TEST(corpus_against_frozen)
{
    wn_arena *ta = wn_arena_create(0);
    size_t nt;
    const wn_ustr *texts = parity_texts(ta, &nt);
    if (!texts) {
        wn_arena_free(ta);
        SKIP("no ../shared/parity/datatrove");
    }
    long texts0 = g_texts, bad0 = g_bad;
    for (size_t k = 0; k < nt; k++) {
        const uint32_t *u = texts[k].s;
        size_t n = texts[k].n;
        CHECK(same_split(u, n, 1));
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && !wn_is_linebreak(u[j]))
                j++;
            size_t a, b;
            wn_u32_strip(u + i, j - i, &a, &b);
            CHECK(same_split(u + i + a, b - a, 1));
            i = j + 1;
        }
        wn_arena_reset(g_a);
    }
    wn_arena_free(ta);
    printf("  %ld corpus texts and lines, %ld differ\n", g_texts - texts0, g_bad - bad0);
    CHECK(g_texts - texts0 > 100000);
}

int main(void)
{
    g_a = wn_arena_create(0);
    g_pm = wn_punkt_model_build();
    g_ref = ref_punkt_model_build();
    CHECK(g_pm && g_ref);
    RUN(random_against_frozen);
    RUN(corpus_against_frozen);
    ref_punkt_model_free(g_ref);
    wn_punkt_model_free(g_pm);
    wn_arena_free(g_a);
    return harness_done();
}
