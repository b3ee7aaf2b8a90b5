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
#include "filter/filter_data.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"
#include "parity_texts.h"

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
    if (wn_sent_tokenize(g_a, NULL, u, n, &v))
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
        return 0;
    }
    /* the count-only path (wn_word_count without a memo) against the
     * tokens themselves, both after punkt */
    size_t count;
    wn_ustr_vec all = {0};
    if (wn_word_count(g_a, NULL, s, n, NULL, &count) || wn_word_tokenize(g_a, s, n, &all))
        return 0;
    if (count != all.n) {
        size_t len;
        char *in = wn_u32_to_utf8(g_a, s, n, &len);
        snprintf(why, whylen, "input \"%.200s\"\n  word_count %zu, word_tokenize %zu: %.300s",
                 in, count, all.n, joined(&all));
        return 0;
    }
    return 1;
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

/* Sentences of word-like chunks, most of them plain words, some cut or
 * ended by the characters the shortcut decides directly (pads, ',', ':',
 * '.', Unicode quotes) and some by those it does not (quotes, dots,
 * dashes), so that directly decided chunks sit next to special ones. */
TEST(shortcut_random_words)
{
    static const char *const words[] = {"the", "cannot", "it", "a", "3,000", "10:30", "U.S.",
                                        "e.g", "x", "gonna", "don", "t", "s", "99", "9.99", "Is",
                                        "was", "More", "n", "ll", "re", "ye"};
    static const uint32_t cut[] = {'(', ')', '[', ']', '{', '}', '<', '>', ';', '@', '#', '$', '%',
                                   '&', '?', '!', '*', 0xAB, 0xBB, 0x201C, 0x201D, 0x2018,
                                   0x2019, 0x201E, ',', ':', '.', '.', '\'', '"', '`', '-'};
    static const uint32_t sep[] = {' ', ' ', ' ', ' ', '\t', '\n', 0xa0, 0x2028};
    char why[1200];
    int bad = 0;
    for (int iter = 0; iter < 200000 && bad < 3; iter++) {
        uint32_t s[160];
        size_t n = 0, chunks = 1 + rnd(12);
        for (size_t c = 0; c < chunks && n < 120; c++) {
            if (c)
                s[n++] = sep[rnd(sizeof sep / sizeof sep[0])];
            if (rnd(5) == 0) { /* a chunk of cut characters alone */
                for (size_t k = 1 + rnd(2); k > 0; k--)
                    s[n++] = cut[rnd(sizeof cut / sizeof cut[0])];
                continue;
            }
            size_t pieces = 1 + (rnd(3) == 0) * rnd(3);
            for (size_t p = 0; p < pieces; p++) {
                if (rnd(3) == 0)
                    s[n++] = cut[rnd(sizeof cut / sizeof cut[0])];
                const char *w = words[rnd(sizeof words / sizeof words[0])];
                for (size_t k = 0; w[k]; k++)
                    s[n++] = (unsigned char)w[k];
                if (rnd(3) == 0)
                    s[n++] = cut[rnd(sizeof cut / sizeof cut[0])];
            }
        }
        if (rnd(4) == 0)
            s[n++] = sep[rnd(sizeof sep / sizeof sep[0])];
        if (!same_tokens(s, n, why, sizeof why)) {
            fprintf(stderr, "shortcut differs: %s\n", why);
            bad++;
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
}

/* Appends the UTF-8 string w to s as code points. */
static size_t put_str(uint32_t *s, size_t n, const char *w)
{
    size_t len;
    uint32_t *u = wn_utf8_to_u32(g_a, w, strlen(w), &len);
    memcpy(s + n, u, len * sizeof *u);
    return n + len;
}

/* Sentences built from the shapes the fast path decides without the
 * substitutions and their near misses: words with apostrophes and clitics
 * (followed by a space, other whitespace, a cut or the end), quoted words,
 * contraction words, numbers with ',' and ':', pieces between cuts (pads,
 * '"', dash and dot runs, ',' and ':' before non-digits), final periods
 * followed by closers, non-ASCII letters and whitespace; now and then long
 * chunks and long sentences, so that chunks cross the 64-character words
 * of the scan's bitmaps. */
TEST(shortcut_random_shapes)
{
    static const char *const words[] = {
        "the", "It", "don", "do", "I", "x_y", "90", "3", "a", "n", "N", "t", "d", "D", "more",
        "More", "ye", "tis", "Twas", "is", "was", "cannot", "CanNot", "gonna", "wanna", "Gimme",
        "gotta", "lemme", "wannabe", "cannoted", "summer", "letter", "caf\u00e9", "na\u00efve",
        "\u0131i", "stra\u00dfe", "\u017ft", "3,000", "10:30", "1,2,3", "4:5:6", "U.S", "e.g",
        "9.99", "www", "http", "//x.org", "a-b", "x=\\", "\u0663,5"};
    static const char *const clitics[] = {"s", "S", "m", "M", "d", "D", "t", "T", "ll", "LL",
                                          "Ll", "re", "RE", "ve", "VE", "n", "N", "ye", "x",
                                          "9", "", "em", "tis", "_"};
    static const char *const cuts[] = {
        "(", ")", "[", "]", "{", "}", "<", ">", ";", "@", "#", "$", "%", "&", "?", "!", "*",
        "\u00ab", "\u00bb", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\"", "\"",
        "\"", "''", "--", "---", "----", "..", "...", "....", ",", ",", ":", ":", ".", "-",
        "`", "``", "'", ",,", ":,"};
    static const char *const closers[] = {")", "]", "}", ">", "\"", "'", "\u00bb", "\u201d",
                                          "\u2019"};
    static const char *const seps[] = {" ", " ", " ", " ", " ", " ", "\t", "\n", "  ",
                                       "\u00a0", "\u2028", "\u3000", "\xc2\x85", " \n"};
    char why[1200];
    int bad = 0;
    uint32_t *s = wn_arena_alloc(g_a, 4096 * sizeof *s);
    for (int iter = 0; iter < 150000 && bad < 3; iter++) {
        size_t n = 0;
        int longer = rnd(20) == 0;
        size_t chunks = 1 + rnd(longer ? 60 : 10);
        if (rnd(10) == 0)
            n = put_str(s, n, seps[rnd(sizeof seps / sizeof seps[0])]);
        if (rnd(8) == 0)
            s[n++] = '"';
        for (size_t c = 0; c < chunks && n < 3000; c++) {
            if (c)
                n = put_str(s, n, seps[rnd(sizeof seps / sizeof seps[0])]);
            if (longer && rnd(10) == 0) { /* a long chunk, maybe with a cut far in */
                size_t len = 40 + rnd(100);
                for (size_t k = 0; k < len; k++)
                    s[n++] = "abcdefghijklmnopqrstuvwxyz0123456789"[rnd(36)];
                if (rnd(2))
                    n = put_str(s, n, cuts[rnd(sizeof cuts / sizeof cuts[0])]);
                continue;
            }
            size_t pieces = 1 + (rnd(3) == 0) * rnd(3);
            for (size_t p = 0; p < pieces; p++) {
                if (rnd(4) == 0)
                    n = put_str(s, n, cuts[rnd(sizeof cuts / sizeof cuts[0])]);
                int shape = (int)rnd(6);
                if (shape == 0) { /* 'w or 'w' */
                    s[n++] = '\'';
                    n = put_str(s, n, words[rnd(sizeof words / sizeof words[0])]);
                    if (rnd(2))
                        s[n++] = '\'';
                } else {
                    n = put_str(s, n, words[rnd(sizeof words / sizeof words[0])]);
                    if (shape == 1) { /* w1'w2 */
                        s[n++] = '\'';
                        n = put_str(s, n, clitics[rnd(sizeof clitics / sizeof clitics[0])]);
                    }
                }
                if (rnd(4) == 0)
                    n = put_str(s, n, cuts[rnd(sizeof cuts / sizeof cuts[0])]);
            }
        }
        if (rnd(2)) { /* a final period, closers, or another ending */
            int e = (int)rnd(4);
            if (e < 2)
                s[n++] = '.';
            else if (e == 2)
                n = put_str(s, n, cuts[rnd(sizeof cuts / sizeof cuts[0])]);
            for (size_t k = rnd(4); k > 0; k--)
                n = put_str(s, n, closers[rnd(sizeof closers / sizeof closers[0])]);
        }
        if (rnd(4) == 0)
            n = put_str(s, n, seps[rnd(sizeof seps / sizeof seps[0])]);
        if (!same_tokens(s, n, why, sizeof why)) {
            fprintf(stderr, "shortcut differs: %s\n", why);
            bad++;
            CHECK(0);
        }
        wn_arena_reset(g_a);
        s = wn_arena_alloc(g_a, 4096 * sizeof *s);
    }
}

/* UTF-8 decoding with ASCII runs of every length around the 8- and
 * 16-byte steps: the same code points as decoding each run of non-ASCII
 * bytes on its own (a sequence never takes an ASCII byte) and copying the
 * ASCII bytes. */
TEST(utf8_decode_runs)
{
    static const char *const other[] = {"\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x98\x80", "\x80",
                                        "\xc3", "\xe2\x80", "\xff", "\xed\xa0\x80", "\xc0\xaf",
                                        "\xf4\x90\x80\x80"};
    int bad = 0;
    for (int iter = 0; iter < 20000 && !bad; iter++) {
        char text[512];
        size_t o = 0;
        while (o < 400) {
            for (size_t k = rnd(3) ? rnd(40) : 0; k > 0; k--)
                text[o++] = (char)(1 + rnd(127));
            const char *x = other[rnd(sizeof other / sizeof other[0])];
            memcpy(text + o, x, strlen(x));
            o += strlen(x);
        }
        size_t n, rn = 0;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        uint32_t *ref = wn_arena_alloc(g_a, (o + 1) * sizeof *ref);
        for (size_t i = 0; i < o;) {
            if ((unsigned char)text[i] < 0x80) {
                ref[rn++] = (unsigned char)text[i++];
                continue;
            }
            size_t j = i, m;
            while (j < o && (unsigned char)text[j] >= 0x80)
                j++;
            uint32_t *seg = wn_utf8_to_u32(g_a, text + i, j - i, &m);
            memcpy(ref + rn, seg, m * sizeof *seg);
            rn += m;
            i = j;
        }
        bad = n != rn || memcmp(u, ref, n * sizeof *u) || u[n] != 0;
        wn_arena_reset(g_a);
    }
    CHECK(!bad);
}

/* wn_word_count with the memo of an earlier text: lines of one length
 * that begin and end alike (the memo's key) but differ inside, with
 * different counts, many of them the same line; the text rewritten by
 * dropping and changing lines. The count must be len(word_tokenize) of the
 * rewritten text whatever the memo finds. */
TEST(word_count_memo)
{
    static const char mid[] = "abcnt ,.;'-\"()";
    int bad = 0;
    long used = 0;
    for (int iter = 0; iter < 3000 && bad < 3; iter++) {
        size_t lines = 1 + rnd(60), variants = 1 + rnd(12);
        char var[12][16];
        for (size_t v = 0; v < variants; v++) {
            for (size_t k = 0; k < 10; k++)
                var[v][k] = mid[rnd(sizeof mid - 1)];
            var[v][10] = 0;
            if (rnd(4) == 0)
                memcpy(var[v] + 2, "cannot", 6);
        }
        char text[60 * 32], re[60 * 32];
        size_t tn = 0, rn = 0;
        for (size_t l = 0; l < lines; l++) {
            char line[32];
            int len = snprintf(line, sizeof line, "Item %s done.\n", var[rnd((unsigned)variants)]);
            memcpy(text + tn, line, (size_t)len);
            tn += (size_t)len;
            int fate = (int)rnd(6);
            if (fate == 0)
                continue; /* dropped */
            if (fate == 1)
                line[5 + rnd(10)] = mid[rnd(sizeof mid - 1)];
            memcpy(re + rn, line, (size_t)len);
            rn += (size_t)len;
        }
        size_t n, m, count;
        uint32_t *u = wn_utf8_to_u32(g_a, text, tn, &n);
        uint32_t *r = wn_utf8_to_u32(g_a, re, rn, &m);
        wn_ustr_vec toks = {0}, again = {0};
        wn_sent_memo memo = {0};
        if (wn_word_tokenize_memo(g_a, NULL, u, n, &toks, &memo) ||
            wn_word_count(g_a, NULL, r, m, &memo, &count) || wn_word_tokenize(g_a, r, m, &again)) {
            CHECK(0);
            break;
        }
        used += memo.slot != NULL;
        if (count != again.n) {
            fprintf(stderr, "memo count %zu, word_tokenize %zu for \"%.*s\"\n", count, again.n,
                    (int)rn, re);
            bad++;
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
    CHECK(used > 1000);
}

/* wn_u32_lower four ASCII code points at a time: the same as lowering
 * each code point alone, with the neighbours of 'A', 'Z' and 127 and
 * non-ASCII (U+0130 lowers to two) at every offset. */
TEST(lower_blocks)
{
    static const uint32_t chars[] = {'@', 'A', 'B', 'Y', 'Z', '[', '`', 'a', 'z', '{', 0, 127,
                                     128, 0xC9, 0x130, 0x3A3, 0x10400, '.', '-', '1'};
    int bad = 0;
    for (int iter = 0; iter < 20000 && !bad; iter++) {
        uint32_t s[24], out[48], one[48];
        size_t n = rnd(24), k = 0;
        for (size_t i = 0; i < n; i++)
            s[i] = rnd(4) ? chars[rnd(12)] : chars[rnd(sizeof chars / sizeof chars[0])];
        for (size_t i = 0; i < n; i++)
            k += wn_u32_lower(s + i, 1, one + k);
        bad = wn_u32_lower(s, n, out) != k || memcmp(out, one, k * sizeof *out);
    }
    CHECK(!bad);
}

/* wn_word_tokenize_bytes: the same tokens as word_tokenize, and every
 * token that points into the text has its characters narrowed
 * (min(c, 255)) at its offsets in the bytes, whichever classifier runs:
 * gopher_repetition reads them there instead of folding the token. Texts of
 * many sentences (so that each is written at its own offset, blocks of 32
 * and 64 cut anywhere), long words, quotes, punctuation and code points
 * beyond 255. The bytes start as 0xEE, which no narrowing of these texts
 * gives, so a token whose bytes were never written fails too. */
static long narrowed_check(const uint32_t *u, size_t n)
{
    wn_ustr_vec want = {0}, got = {0};
    unsigned char *b = wn_arena_alloc(g_a, n + 64);
    if (!b || wn_word_tokenize_memo(g_a, NULL, u, n, &want, NULL))
        return -1;
    memset(b, 0xEE, n + 64);
    if (wn_word_tokenize_bytes(g_a, NULL, u, n, &got, NULL, b) || got.n != want.n)
        return -1;
    long inside = 0;
    for (size_t i = 0; i < got.n; i++) {
        if (got.v[i].n != want.v[i].n ||
            memcmp(got.v[i].s, want.v[i].s, got.v[i].n * sizeof *got.v[i].s))
            return -1;
        uintptr_t off = (uintptr_t)got.v[i].s - (uintptr_t)u;
        if (off >= n * sizeof *u)
            continue;
        off /= sizeof *u;
        inside++;
        for (size_t k = 0; k < got.v[i].n; k++) {
            uint32_t c = u[off + k];
            if (b[off + k] != (c < 255 ? c : 255))
                return -1;
        }
    }
    return inside;
}

TEST(narrowed_bytes)
{
    static const char *const pieces[] = {
        "the", "It", "don't", "U.S.", "caf\u00e9", "\u00ff", "\u00fe", "\u4e2d\u6587", "\u2019s",
        "\u201cquoted\u201d", "\"", "''", "``", "(", ")", ",", ":", ";", "...", "--", "?", "!",
        "3,000", "10:30", "e.g.", "cannot", "x\u0100y", "\u00e9t\u00e9"};
    static const char *const seps[] = {" ", " ", " ", ". ", ". ", "? ", "! ", "\n", "\n\n",
                                       "  ", "\t", ".\n", " \u00a0"};
    int bad = 0;
    long texts = 0, inside = 0;
    char text[8192];
    for (int iter = 0; iter < 4000 && bad < 3; iter++) {
        size_t o = 0, parts = 1 + rnd(iter % 10 ? 40 : 300);
        for (size_t p = 0; p < parts && o + 200 < sizeof text; p++) {
            if (rnd(12) == 0) {
                size_t len = 20 + rnd(90);
                for (size_t k = 0; k < len; k++)
                    text[o++] = "abcdefghijklmnopqrstuvwxyz"[rnd(26)];
            } else {
                o += (size_t)snprintf(text + o, sizeof text - o, "%s",
                                      pieces[rnd(sizeof pieces / sizeof pieces[0])]);
            }
            o += (size_t)snprintf(text + o, sizeof text - o, "%s",
                                  seps[rnd(sizeof seps / sizeof seps[0])]);
        }
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        long in = narrowed_check(u, n);
        texts++;
        if (in < 0) {
            fprintf(stderr, "narrowed bytes or tokens differ for \"%.*s\"\n", (int)o, text);
            bad++;
            CHECK(0);
        } else {
            inside += in;
        }
        wn_arena_reset(g_a);
    }
    CHECK(inside > 100000);
    printf("  %ld texts, %ld tokens in the text with their narrowed bytes\n", texts, inside);
}

/* punkt with the model's hash tables (and their sieves) splits as punkt
 * with the sorted tables does, on texts of the model's own words: its
 * abbreviations, sentence starters, collocation pairs and orthographic
 * words, capitalised or not, with or without a period. */
TEST(punkt_model_sentences)
{
    wn_punkt_model *pm = wn_punkt_model_build();
    CHECK(pm != NULL);
    if (!pm)
        return;
    static const char *const other[] = {"the", "The", "I.", "J.", "3.", "1990.", "...", "?", "!",
                                        "\"", ")", "(", "--", ",", "\n", "\n\n", "Smith"};
    int bad = 0;
    for (int iter = 0; iter < 20000 && bad < 3; iter++) {
        char text[2048];
        size_t o = 0;
        for (size_t k = 1 + rnd(30); k > 0 && o < 1500; k--) {
            int r = (int)rnd(6);
            const char *w = r == 0   ? wn_punkt_abbrev[rnd((unsigned)wn_punkt_abbrev_n)]
                            : r == 1 ? wn_punkt_starters[rnd((unsigned)wn_punkt_starters_n)]
                            : r == 2 ? wn_punkt_colloc[rnd((unsigned)wn_punkt_colloc_n)]
                            : r == 3 ? wn_punkt_ortho_word[rnd((unsigned)wn_punkt_ortho_n)]
                                     : other[rnd(sizeof other / sizeof other[0])];
            size_t l = strlen(w) < 100 ? strlen(w) : 100;
            memcpy(text + o, w, l);
            for (size_t q = o; q < o + l; q++)
                if (text[q] == '\t')
                    text[q] = ' ';
            if (r < 4 && rnd(2) && text[o] >= 'a' && text[o] <= 'z')
                text[o] -= 32;
            o += l;
            if (r < 4 && rnd(2))
                text[o++] = '.';
            text[o++] = ' ';
        }
        size_t n;
        uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
        wn_ustr_vec hashed = {0}, sorted = {0};
        CHECK(!wn_sent_tokenize(g_a, pm, u, n, &hashed) && !wn_sent_tokenize(g_a, NULL, u, n, &sorted));
        int same = hashed.n == sorted.n;
        for (size_t i = 0; same && i < hashed.n; i++)
            same = hashed.v[i].s == sorted.v[i].s && hashed.v[i].n == sorted.v[i].n;
        if (!same) {
            fprintf(stderr, "punkt differs with the model: \"%.*s\"\n", (int)o, text);
            bad++;
            CHECK(0);
        }
        wn_arena_reset(g_a);
    }
    wn_punkt_model_free(pm);
}

TEST(shortcut_corpus)
{
    wn_arena *ta = wn_arena_create(0);
    size_t nt;
    const wn_ustr *texts = parity_texts(ta, &nt);
    if (!texts) {
        wn_arena_free(ta);
        SKIP("no ../shared/parity/datatrove");
    }
    long nsent = 0, bad = 0;
    char why[1200];
    for (size_t k = 0; k < nt; k++) {
        const uint32_t *u = texts[k].s;
        size_t n = texts[k].n;
        wn_ustr_vec sv = {0};
        CHECK(narrowed_check(u, n) >= 0); /* see narrowed_bytes */
        CHECK(wn_sent_tokenize(g_a, NULL, u, n, &sv) == 0);
        for (size_t i = 0; i < sv.n; i++, nsent++)
            if (!same_tokens(sv.v[i].s, sv.v[i].n, why, sizeof why) && bad++ < 3) {
                fprintf(stderr, "shortcut differs: %s\n", why);
                CHECK(0);
            }
        wn_arena_reset(g_a);
    }
    wn_arena_free(ta);
    printf("  shortcut checked on %ld corpus sentences, %ld differ\n", nsent, bad);
    CHECK(nsent > 10000);
}

/* punkt's word lists as hash tables answer what bisecting the sorted tables
 * answers: every entry, every entry with its last code point changed or
 * dropped, and every entry with one more. */
TEST(punkt_model_lookups)
{
    wn_punkt_model *m = wn_punkt_model_build();
    CHECK(m != NULL);
    if (!m)
        return;
    static const char *const *const lists[4] = {wn_punkt_abbrev, wn_punkt_starters,
                                                 wn_punkt_colloc, wn_punkt_ortho_word};
    const size_t counts[4] = {wn_punkt_abbrev_n, wn_punkt_starters_n, wn_punkt_colloc_n,
                              wn_punkt_ortho_n};
    long checked = 0, bad = 0;
    for (int l = 0; l < 4; l++)
        for (size_t k = 0; k < counts[l]; k++) {
            size_t n;
            uint32_t *u = wn_utf8_to_u32(g_a, lists[l][k], strlen(lists[l][k]), &n);
            uint32_t *v = wn_arena_alloc(g_a, (n + 1) * sizeof *v);
            memcpy(v, u, n * sizeof *v);
            long hit = wn_punkt_find(m, l, u, n);
            checked++;
            if (hit != (long)k || wn_punkt_find(NULL, l, u, n) != (long)k)
                bad++;
            for (int variant = 0; variant < 3; variant++) {
                size_t vn = n;
                if (variant == 0 && n)
                    v[n - 1] = u[n - 1] + 1;
                else if (variant == 1 && n)
                    vn = n - 1;
                else if (variant == 2)
                    v[n] = 'x', vn = n + 1;
                checked++;
                if (wn_punkt_find(m, l, v, vn) != wn_punkt_find(NULL, l, v, vn))
                    bad++;
                memcpy(v, u, n * sizeof *v);
            }
        }
    wn_arena_reset(g_a);
    wn_punkt_model_free(m);
    CHECK_EQ_INT(bad, 0);
    printf("  %ld punkt list lookups, hashed and bisected, the same\n", checked);
}

int main(void)
{
    g_a = wn_arena_create(0);
    RUN(unicode_classes);
    RUN(punkt_sentences);
    RUN(punkt_model_lookups);
    RUN(punkt_model_sentences);
    RUN(lower_blocks);
    RUN(treebank_words);
    RUN(shortcut_random);
    RUN(shortcut_random_words);
    RUN(shortcut_random_shapes);
    /* the chunk scan's other character classifiers (plain C, SSE2 when
     * the CPU picks AVX2) on more random text */
    int best = wn_treebank_simd(-1);
    for (int level = 0; level < best; level++) {
        printf("  chunk scan classifier %d of %d:\n", level, best);
        wn_treebank_simd(level);
        RUN(shortcut_random);
        RUN(shortcut_random_words);
        RUN(shortcut_random_shapes);
        RUN(narrowed_bytes);
    }
    wn_treebank_simd(-1);
    RUN(narrowed_bytes);
    RUN(utf8_decode_runs);
    RUN(word_count_memo);
    RUN(shortcut_corpus);
    wn_arena_free(g_a);
    return harness_done();
}
