/*
 * test_filter_tokenize.c - the pieces of NLTK's word_tokenize that the
 * quality filters are built on: punkt sentences, the Treebank word
 * tokenizer, Python's character classes, and the plain-chunk shortcut of the
 * Treebank tokenizer, which must give exactly what NLTK's substitutions give.
 *
 * Expected outputs are NLTK 3.8's documented examples and cases worked out by
 * hand from its rules; the shortcut is checked against the full substitutions
 * on every sentence of the parity corpus (when ../shared is there) and on
 * random text built from the characters the rules care about.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"

static wn_arena *g_a;

/* Tokens joined with " | " for readable comparisons. */
static const char *joined(const wn_ustr_vec *v)
{
    static char buf[8192];
    size_t o = 0;
    buf[0] = 0;
    for (size_t i = 0; i < v->n && o + 64 < sizeof buf; i++) {
        size_t len;
        char *u = wn_u32_to_utf8(g_a, v->v[i].s, v->v[i].n, &len);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " | " : "", u);
    }
    return buf;
}

static const char *words(const char *text)
{
    size_t n;
    uint32_t *u = wn_utf8_to_u32(g_a, text, strlen(text), &n);
    wn_ustr_vec v = {0};
    if (wn_word_tokenize(g_a, u, n, &v))
        return "(error)";
    return joined(&v);
}

static const char *sents(const char *text)
{
    size_t n;
    uint32_t *u = wn_utf8_to_u32(g_a, text, strlen(text), &n);
    wn_ustr_vec v = {0};
    if (wn_sent_tokenize(g_a, u, n, &v))
        return "(error)";
    return joined(&v);
}

TEST(unicode_classes)
{
    CHECK(wn_isspace(' ') && wn_isspace(0x85) && wn_isspace(0x3000) && wn_isspace(0x1c));
    CHECK(!wn_isspace(0x200b)); /* zero-width space is not whitespace in Python */
    CHECK(wn_isalpha(0xe9) && wn_isalpha(0x4e2d) && !wn_isalpha('1'));
    CHECK(wn_isword('_') && wn_isword(0xb2) && !wn_isword('-')); /* superscript two is \w */
    CHECK(wn_isdecimal(0x0663) && !wn_isdecimal(0xb2));
    CHECK(wn_isupper(0xc9) && wn_islower(0xe9) && !wn_isupper(0x1c5));
    uint32_t in[] = {'A', 0x130, 0x3a3}, out[6];
    size_t n = wn_u32_lower(in, 3, out);
    CHECK_EQ_INT(n, 4);
    CHECK(out[0] == 'a' && out[1] == 'i' && out[2] == 0x307 && out[3] == 0x3c3);
}

TEST(punkt_sentences)
{
    /* NLTK's own doctest for the English model */
    CHECK_EQ_STR(sents("Punkt knows that the periods in Mr. Smith and Johann S. Bach\n"
                       "do not mark sentence boundaries.  And sometimes sentences\n"
                       "can start with non-capitalized words.  i is a good variable\nname."),
                 "Punkt knows that the periods in Mr. Smith and Johann S. Bach\n"
                 "do not mark sentence boundaries. | And sometimes sentences\n"
                 "can start with non-capitalized words. | i is a good variable\nname.");
    /* closing punctuation stays with its sentence */
    CHECK_EQ_STR(sents("(How does it deal with this parenthesis?)  \"It should be part of the\n"
                       "previous sentence.\" \"(And the same with this one.)\" ('And this one!')\n"
                       "\"('(And (this)) '?)\" [(and this. )]"),
                 "(How does it deal with this parenthesis?) | \"It should be part of the\n"
                 "previous sentence.\" | \"(And the same with this one.)\" | ('And this one!') | "
                 "\"('(And (this)) '?)\" | [(and this. )]");
    CHECK_EQ_STR(sents("Very bad acting!!! I promise."), "Very bad acting!!! | I promise.");
    CHECK_EQ_STR(sents(""), "");
    CHECK_EQ_STR(sents("   "), "");
    CHECK_EQ_STR(sents("No period at the end"), "No period at the end");
    CHECK_EQ_STR(sents("It costs 3.5 dollars. Really."), "It costs 3.5 dollars. | Really.");
}

TEST(treebank_words)
{
    /* NLTK's doctest for word_tokenize */
    CHECK_EQ_STR(words("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks."),
                 "Good | muffins | cost | $ | 3.88 | in | New | York | . | Please | buy | me | two | "
                 "of | them | . | Thanks | .");
    CHECK_EQ_STR(words("They'll save and invest more."),
                 "They | 'll | save | and | invest | more | .");
    CHECK_EQ_STR(words("hi, my name can't hello,"), "hi | , | my | name | ca | n't | hello | ,");
    CHECK_EQ_STR(words("\"Hello,\" she said -- cannot stop."),
                 "`` | Hello | , | '' | she | said | -- | can | not | stop | .");
    CHECK_EQ_STR(words("I'm gonna go (really) to the U.S. today..."),
                 "I | 'm | gon | na | go | ( | really | ) | to | the | U.S. | today | ...");
    CHECK_EQ_STR(words("It's 10:30, 3,000 items: \u201cquoted\u201d \u00abfr\u00bb"),
                 "It | 's | 10:30 | , | 3,000 | items | : | \u201c | quoted | \u201d | \u00ab | fr | \u00bb");
    CHECK_EQ_STR(words("a@b #tag 50% A&B x*y 'tis"),
                 "a | @ | b | # | tag | 50 | % | A | & | B | x | * | y | 't | is");
    CHECK_EQ_STR(words(""), "");
}

static unsigned long g_rng = 12345;
static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned)((g_rng >> 33) % n);
}

static int same_tokens(const uint32_t *s, size_t n, char *why, size_t whylen)
{
    wn_ustr_vec fast = {0}, ref = {0};
    if (wn_treebank_tokenize(g_a, s, n, &fast) || wn_treebank_tokenize_ref(g_a, s, n, &ref))
        return 0;
    int same = fast.n == ref.n;
    for (size_t i = 0; same && i < fast.n; i++)
        same = fast.v[i].n == ref.v[i].n &&
               !memcmp(fast.v[i].s, ref.v[i].s, fast.v[i].n * sizeof *fast.v[i].s);
    if (!same) {
        size_t len;
        char *in = wn_u32_to_utf8(g_a, s, n, &len);
        snprintf(why, whylen, "input \"%.200s\"\n  fast: %.300s\n", in, joined(&fast));
        size_t o = strlen(why);
        snprintf(why + o, whylen - o, "  ref:  %.300s", joined(&ref));
    }
    return same;
}

TEST(shortcut_random)
{
    static const uint32_t alphabet[] = {
        'a', 'b', 'c', 'n', 'o', 't', 'i', 's', 'g', 'm', 'w', 'd', 'A', 'N', 'T', '1', '2',
        ' ', ' ', ' ', '\t', '\n', '.', '.', ',', ':', ';', '-', '\'', '"', '`', '(', ')', '[',
        ']', '{', '}', '<', '>', '?', '!', '*', '&', '$', '%', '#', '@', 0xAB, 0xBB, 0x201C,
        0x201D, 0x2018, 0x2019, 0x201E, 0xe9, 0x131, 0x17f, 0x660, 0xa0};
    char why[1200];
    int bad = 0;
    for (int iter = 0; iter < 200000 && bad < 3; iter++) {
        uint32_t s[40];
        size_t n = 1 + rnd(39);
        for (size_t i = 0; i < n; i++)
            s[i] = alphabet[rnd(sizeof alphabet / sizeof alphabet[0])];
        /* now and then a word NLTK treats specially */
        if (rnd(4) == 0) {
            static const char *const w[] = {"cannot", "gonna", "wanna", "'tis", "d'ye", "more'n",
                                            "can't", "I'm", "...", "--", "gimme", "lemme",
                                            "gotta", "'twas", "GIMME", "Wanna", " 'Tis", " 'TWAS",
                                            "CanNot", "MORE'N"};
            const char *x = w[rnd(20)];
            size_t at = rnd((unsigned)n);
            int dotted = rnd(3) == 0; /* IGNORECASE: U+0130 and U+0131 match 'i' */
            for (size_t k = 0; x[k] && at + k < 40; k++) {
                s[at + k] = (unsigned char)x[k];
                if (dotted && (x[k] == 'i' || x[k] == 'I'))
                    s[at + k] = rnd(2) ? 0x130 : 0x131;
                if (n < at + k + 1)
                    n = at + k + 1;
            }
        }
        if (!same_tokens(s, n, why, sizeof why)) {
            fprintf(stderr, "shortcut differs: %s\n", why);
            bad++;
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
}

TEST(shortcut_corpus)
{
    static const char *const paths[] = {"../shared/parity/datatrove/inputs_real.jsonl",
                                        "/work/shared/parity/datatrove/inputs_real.jsonl"};
    FILE *f = NULL;
    for (size_t i = 0; i < 2 && !f; i++)
        f = fopen(paths[i], "r");
    if (!f)
        SKIP("no ../shared/parity/datatrove");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long nsent = 0, bad = 0;
    char why[1200];
    while ((len = getline(&line, &cap, f)) > 0) {
        wn_json_member *m;
        size_t cnt, off;
        const char *err;
        if (wn_json_parse_object(line, (size_t)len, g_a, &m, &cnt, &err, &off))
            continue;
        for (size_t k = 0; k < cnt; k++) {
            if (strcmp(m[k].key, "text"))
                continue;
            size_t tl, n;
            char *t = wn_json_unescape(g_a, line + m[k].raw_start, m[k].raw_end - m[k].raw_start, &tl);
            uint32_t *u = wn_utf8_to_u32(g_a, t, tl, &n);
            wn_ustr_vec sv = {0};
            CHECK(wn_sent_tokenize(g_a, u, n, &sv) == 0);
            for (size_t i = 0; i < sv.n; i++, nsent++)
                if (!same_tokens(sv.v[i].s, sv.v[i].n, why, sizeof why) && bad++ < 3) {
                    fprintf(stderr, "shortcut differs: %s\n", why);
                    CHECK(0);
                }
        }
        wn_arena_reset(g_a);
    }
    free(line);
    fclose(f);
    printf("  shortcut checked on %ld corpus sentences, %ld differ\n", nsent, bad);
    CHECK(nsent > 10000);
}

/* The filter stage writes its ratios with a faster search for the shortest
 * round-tripping "%.*g" than core's; the strings must be the same. */
TEST(double_format_same_as_core)
{
    char a[64], b[64];
    unsigned long long x = 88172645463325252ull;
    long bad = 0, total = 0;
    for (long k = 0; k < 300000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        switch (k % 4) {
        case 0: /* ratios of counts, as the filters record them */
            v = (double)(x % 5000) / (double)(1 + (x >> 20) % 5000);
            break;
        case 1:
            v = (double)(x % 100) / (double)(1 + (x >> 12) % 64);
            break;
        case 2: { /* any finite double */
            uint64_t bits = x;
            memcpy(&v, &bits, sizeof v);
            if (!(v == v))
                v = 0.5;
            break;
        }
        default: /* short decimals and their neighbours */
            v = (double)(x % 100000) / 1000.0;
            if (x & 1)
                v = nextafter(v, 1e300);
        }
        wn_json_format_double(v, a, sizeof a);
        wn_filter_format_double(v, b, sizeof b);
        total++;
        if (strcmp(a, b) && bad++ < 5)
            fprintf(stderr, "  %.17g: core %s, filter %s\n", v, a, b);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld doubles formatted the same\n", total);
}

int main(void)
{
    g_a = wn_arena_create(0);
    RUN(unicode_classes);
    RUN(punkt_sentences);
    RUN(treebank_words);
    RUN(shortcut_random);
    RUN(shortcut_corpus);
    RUN(double_format_same_as_core);
    wn_arena_free(g_a);
    return harness_done();
}
