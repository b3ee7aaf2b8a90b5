/*
 * test_filter_c4.c - c4_quality's shortcuts against the plain way.
 *
 * wn_c4_words() counts the words of a line (Python's line.split()) four
 * ASCII characters at a time from a mask of spaces, and notes '[', '{' and
 * code points >= U+0130 on the way. Here it is compared with a loop that
 * walks the characters one by one, on random lines made of every kind of
 * whitespace Python knows (ASCII ones, \x1c-\x1f, U+0085, U+00A0, U+2028,
 * U+3000), letters, brackets and non-ASCII letters, at every alignment and
 * length, so that words cross the 4-character blocks in every way and a
 * non-ASCII block takes the path that knows Python's other whitespace. Then
 * every code point, between two words at each place in a block.
 *
 * c4_quality also records its rewrite as cuts and checks them by replaying
 * them over the input (whole runs compared at once). On random multi-line
 * texts, wherever the cuts are recorded, replaying them must give text_out;
 * and on a kept rewritten document with lines dropped, they must be there.
 *
 * The whole filter is compared with its frozen earlier version
 * (c4_ref.inc) on random texts of short lines, every line break Python
 * knows, phrases in mixed case and cut short, citations, brackets,
 * U+0130/U+212A, non-ASCII spaces and over-long lines and words, under
 * varied settings: every recorded value, the verdict, the rewritten text
 * and its cuts must be the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"

#include "c4_ref.inc"

static unsigned long long g_rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

/* the obvious way: one character at a time */
static size_t plain_words(const uint32_t *s, size_t n, unsigned *flags)
{
    size_t words = 0;
    int in = 0;
    *flags = 0;
    for (size_t i = 0; i < n; i++) {
        if (wn_isspace(s[i])) {
            in = 0;
        } else if (!in) {
            in = 1;
            words++;
        }
        if (s[i] == '[')
            *flags |= WN_C4_BRACKET;
        if (s[i] == '{')
            *flags |= WN_C4_CURLY;
        if (s[i] >= 0x130)
            *flags |= WN_C4_BIG;
        if (s[i] == 0x130 || s[i] == 0x212a)
            *flags |= WN_C4_ODD;
    }
    return words;
}

static uint32_t rnd_char(int ascii_only)
{
    static const uint32_t space[] = {' ', '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1d, 0x1e, 0x1f,
                                     0x85, 0xa0, 0x2028, 0x3000};
    static const uint32_t other[] = {'a', 'Z', '7', '.', '[', ']', '{', '}', '-', 0x08, 0x20ac,
                                     0xe9, 0x130, 0x12f, 0x7f, 0x80, 0x21, 0x212a, 0x2019,
                                     0x200b, 0x1fff, 0x202e, 0x2030, 0x205e, 0x2060, 0x2fff,
                                     0x3001, 0x84, 0x86, 0x9f, 0xa1, 0x167f, 0x1681, 0x180e};
    unsigned k = rnd(10);
    if (k < 3) {
        uint32_t c = space[rnd(sizeof space / sizeof *space)];
        return ascii_only && c >= 0x80 ? ' ' : c;
    }
    uint32_t c = other[rnd(sizeof other / sizeof *other)];
    return ascii_only && c >= 0x80 ? 'x' : c;
}

TEST(words_against_plain)
{
    uint32_t buf[80];
    for (int iter = 0; iter < 200000; iter++) {
        size_t n = rnd(70);
        int ascii_only = rnd(3) != 0; /* most lines stay on the 4-at-a-time path */
        size_t off = rnd(4);          /* every alignment of the line's start */
        for (size_t i = 0; i < n; i++)
            buf[off + i] = rnd_char(ascii_only);
        unsigned f1, f2;
        size_t w1 = wn_c4_words(buf + off, n, &f1);
        size_t w2 = plain_words(buf + off, n, &f2);
        if (w1 != w2 || f1 != f2) {
            CHECK_EQ_INT(w1, w2);
            CHECK_EQ_INT(f1, f2);
            fprintf(stderr, "  line length %zu at offset %zu, iteration %d\n", n, off, iter);
            return;
        }
    }
}

TEST(words_examples)
{
    static const uint32_t a[] = {' ', 'a', 'b', ' ', ' ', 'c', '\t', 'd', 0x1f, 'e', 'f', 'g', 'h'};
    unsigned f;
    CHECK_EQ_INT(wn_c4_words(a, 13, &f), 4);
    CHECK_EQ_INT(f, 0);
    static const uint32_t b[] = {'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', '{'};
    CHECK_EQ_INT(wn_c4_words(b, 9, &f), 1);
    CHECK_EQ_INT(f, WN_C4_CURLY);
    static const uint32_t c[] = {'a', ' ', 'b', ' ', 0x3000, 'c', '[', '1', ']', 0x2028};
    CHECK_EQ_INT(wn_c4_words(c, 10, &f), 3);
    CHECK_EQ_INT(f, WN_C4_BRACKET | WN_C4_BIG);
    CHECK_EQ_INT(wn_c4_words(c, 0, &f), 0);
}

/* Every code point, at every place in a 4-character block, between words:
 * a space splits "ab" from "cd", anything else joins them. */
TEST(words_every_code_point)
{
    uint32_t line[12];
    size_t bad = 0;
    for (uint32_t cp = 0; cp <= 0x10ffff && bad < 5; cp++) {
        for (size_t at = 2; at < 6; at++) {
            for (size_t k = 0; k < 12; k++)
                line[k] = k < at ? 'a' : 'b';
            line[at] = cp;
            unsigned f1, f2;
            size_t w1 = wn_c4_words(line, 12, &f1), w2 = plain_words(line, 12, &f2);
            if (w1 != w2 || f1 != f2) {
                fprintf(stderr, "  U+%04X at %zu: %zu words (flags %u), plain %zu (%u)\n",
                        (unsigned)cp, at, w1, f1, w2, f2);
                bad++;
                break;
            }
        }
    }
    CHECK_EQ_INT(bad, 0);
}

/* Replay r's cuts over s; 1 when they give text_out exactly. */
static int replay_ok(const uint32_t *s, size_t n, const wn_fres *r)
{
    uint32_t *out = malloc((n + 1) * sizeof *out);
    size_t o = 0, pos = 0;
    for (size_t k = 0; k < r->ncuts; k++) {
        while (pos < r->cuts[k].a)
            out[o++] = s[pos++];
        if (r->cuts[k].newline)
            out[o++] = '\n';
        pos = r->cuts[k].b;
    }
    while (pos < n)
        out[o++] = s[pos++];
    int ok = o == r->text_out_n && !memcmp(out, r->text_out, o * sizeof *out);
    free(out);
    return ok;
}

TEST(rewrite_cuts_replay)
{
    static const char *const lines[] = {
        "This is a sentence that ends well.", "Too short.", "no terminal punctuation here at all",
        "  Leading and trailing spaces are stripped here.  ", "Uses cookies to track you now.",
        "A citation follows this claim.[12] And more text here.", "",
        "Another fine line with enough words in it.", "Déjà vu: a line with accents é, ok."};
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_c4_cfg c;
    wn_c4_defaults(&c, 1);
    c.min_num_sentences = 1;
    size_t with_cuts = 0, rewritten = 0;
    for (int iter = 0; iter < 3000; iter++) {
        char text[4096];
        size_t tn = 0;
        int nl = 1 + (int)rnd(12);
        for (int k = 0; k < nl; k++) {
            const char *l = lines[rnd(sizeof lines / sizeof *lines)];
            size_t ln = strlen(l);
            memcpy(text + tn, l, ln);
            tn += ln;
            const char *brk = rnd(4) ? "\n" : rnd(2) ? "\r\n" : "\n\n";
            if (k + 1 < nl) {
                memcpy(text + tn, brk, strlen(brk));
                tn += strlen(brk);
            }
        }
        wn_arena_reset(a);
        size_t n;
        uint32_t *u = wn_utf8_to_u32(a, text, tn, &n);
        wn_ftext t = {.a = a, .s = u, .n = n};
        wn_fres r;
        memset(&r, 0, sizeof r);
        CHECK(wn_filter_c4_quality(&c, &t, &r, 1) == 0);
        if (!r.kept || !r.rewrote)
            continue;
        rewritten++;
        if (!r.ncuts)
            continue; /* not placed: the caller rewrites the whole text */
        with_cuts++;
        if (!replay_ok(u, n, &r)) {
            CHECK(!"cuts do not replay to text_out");
            fprintf(stderr, "  text: %.*s\n", (int)tn, text);
            break;
        }
    }
    /* the cuts are placed for line-level rewrites: nearly all of these */
    CHECK(rewritten > 1000);
    CHECK(with_cuts * 10 >= rewritten * 9);
    wn_arena_free(a);
}


static const char *const PIECES[] = {
    "the", "a", "word", "Words", "of", "to", "x", "co", "us", "te", "pr", "lo", "ja", "CO", "Us",
    "lorem  ipsum", "lorem ipsu", "orem ipsum",
    "javascript", "JavaScript", "javascrip", "terms of use", "Terms Of Use", "terms of us",
    "privacy policy", "Privacy Policy", "privacy polic", "cookie policy", "Cookie Policy",
    "uses cookies", "use of cookies", "use cookies", "USE COOKIES", "use cookie", "usescookies",
    "[1]", "[12]", "[]", "[edit]", "[citation needed]", "[citation needed", "[edit", "[x]", "[",
    "]", "}", "lo[1]rem ipsum", "java[edit]script", "Mr.", "e.g.", "U.S.", "3.5", "No.",
    "end.", "why?", "so!", "wait...", "\"quoted.\"", "'single.'", "(paren.)", ".", "..", "?!",
    "caf\xc3\xa9", "\xc4\xb0stanbul", "\xe2\x84\xaa" "elvin", "\xc4\xb0", "\xe2\x84\xaa",
    "\xce\x9a\xce\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1.", "\xe4\xb8\xad\xe6\x96\x87",
    "na\xc3\xafve", "\xe2\x80\x9cquote\xe2\x80\x9d", "x\xc2\xa0y", "a\xe3\x80\x80" "b", "\xe2\x80\x83",
    "LOREM\xc2\xa0IPSUM", "javascr\xc4\xb0pt", "j\xe2\x84\xaa",
};
/* the pieces that drop the whole document, drawn rarely */
static const char *const RARE[] = {"lorem ipsum", "Lorem Ipsum", "LOREM IPSUM", "{", "a{b",
                                   "\xc4\xb0lorem ipsum", "LoReM iPsUm"};

/* A random text as code points: lines of pieces, spaces and line breaks. */
static size_t random_c4_text(uint32_t *u, size_t cap)
{
    static const uint32_t breaks[] = {'\n', '\n', '\n', '\n', '\r', 0x0b, 0x0c, 0x1c, 0x1d,
                                      0x1e, 0x85, 0x2028, 0x2029};
    static const uint32_t spaces[] = {' ', ' ', ' ', ' ', '\t', 0x1f, 0xa0, 0x3000, 0x2000,
                                      0x200a, 0x202f, 0x205f, 0x1680};
    size_t n = 0;
    int nl = 1 + (int)rnd(rnd(4) ? 12 : 60);
    for (int l = 0; l < nl && n + 2200 < cap; l++) {
        int lead = rnd(5) == 0;
        while (lead-- > 0 || (rnd(8) == 0 && lead > -3))
            u[n++] = spaces[rnd(sizeof spaces / sizeof *spaces)];
        int kind = (int)rnd(20);
        int np = kind == 0 ? 0 : kind < 8 ? 1 + (int)rnd(3) : 1 + (int)rnd(14);
        if (kind == 19 && rnd(4) == 0)
            np = 200 + (int)rnd(100); /* a line over 1000 characters */
        for (int k = 0; k < np && n + 1100 < cap; k++) {
            if (k)
                u[n++] = rnd(6) ? ' ' : spaces[rnd(sizeof spaces / sizeof *spaces)];
            if (rnd(300) == 0) { /* one word over 1000 characters */
                size_t w = 990 + rnd(30);
                for (size_t q = 0; q < w; q++)
                    u[n++] = 'a' + q % 26;
                continue;
            }
            const unsigned char *p =
                (const unsigned char *)(rnd(150) ? PIECES[rnd(sizeof PIECES / sizeof *PIECES)]
                                                 : RARE[rnd(sizeof RARE / sizeof *RARE)]);
            for (size_t left = strlen((const char *)p); left;) {
                size_t k = wn_utf8_decode(p, left, &u[n++]); /* the pieces are valid UTF-8 */
                p += k, left -= k;
            }
            if (rnd(5) == 0)
                u[n++] = ".?!\"'.:,"[rnd(8)];
        }
        int trail = rnd(5) == 0;
        while (trail-- > 0)
            u[n++] = spaces[rnd(sizeof spaces / sizeof *spaces)];
        if (l + 1 < nl || rnd(3) == 0) {
            uint32_t b = breaks[rnd(sizeof breaks / sizeof *breaks)];
            u[n++] = b;
            if (b == '\r' && rnd(2))
                u[n++] = '\n'; /* \r\n is one break */
            if (rnd(6) == 0)
                u[n++] = '\n'; /* a blank line */
        }
    }
    return n;
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* 1 when the two results are the same in everything the filter records. */
static int same_fres(const wn_fres *x, const wn_fres *y)
{
    if (x->kept != y->kept || !same_str(x->reason, y->reason) || !same_str(x->error, y->error) ||
        x->nv != y->nv)
        return 0;
    for (size_t k = 0; k < x->nv; k++) {
        const wn_fval *a = &x->v[k], *b = &y->v[k];
        if (strcmp(a->name, b->name) || a->kind != b->kind || a->i != b->i ||
            memcmp(&a->d, &b->d, sizeof a->d) || a->slen != b->slen ||
            (a->slen && memcmp(a->s, b->s, a->slen)))
            return 0;
    }
    if (!x->kept)
        return 1;
    if (x->rewrote != y->rewrote || x->text_out_n != y->text_out_n ||
        memcmp(x->text_out, y->text_out, x->text_out_n * sizeof *x->text_out) ||
        x->ncuts != y->ncuts)
        return 0;
    for (size_t k = 0; k < x->ncuts; k++) {
        const wn_c4_cut *a = &x->cuts[k], *b = &y->cuts[k];
        if (a->a != b->a || a->b != b->b || a->newline != b->newline || !same_str(a->rule, b->rule))
            return 0;
    }
    return 1;
}

TEST(quality_against_frozen)
{
    enum { CAP = 1 << 17 };
    uint32_t *u = malloc(CAP * sizeof *u);
    wn_arena *a = wn_arena_create((size_t)256 << 20);
    wn_punkt_model *pm = wn_punkt_model_build();
    CHECK(u && a && pm);
    size_t kept = 0, rewrote = 0, bad = 0;
    for (int iter = 0; iter < 40000 && bad < 3; iter++) {
        size_t n = random_c4_text(u, CAP);
        wn_c4_cfg c;
        wn_c4_defaults(&c, rnd(2));
        if (rnd(2) == 0)
            c.min_num_sentences = (int)rnd(rnd(2) ? 3 : 7);
        if (rnd(4) == 0)
            c.min_words_per_line = (int)rnd(5);
        if (rnd(6) == 0)
            c.max_word_length = rnd(3) == 0 ? -1 : rnd(2) ? (int)rnd(16) : 16 + (int)rnd(40);
        if (rnd(8) == 0)
            c.split_paragraph = 0;
        if (rnd(8) == 0)
            c.remove_citations = 0;
        if (rnd(10) == 0)
            c.filter_lorem_ipsum = c.filter_javascript = c.filter_curly_bracket = c.filter_policy = 0;
        int want_cuts = rnd(4) != 0;
        wn_arena_reset(a);
        /* the text in a block of exactly its size, so that ASan sees a
         * read past its end (the arena only poisons past its chunks) */
        uint32_t *exact = malloc((n ? n : 1) * sizeof *exact);
        memcpy(exact, u, n * sizeof *u);
        wn_ftext t1 = {.a = a, .pm = rnd(4) ? pm : NULL, .s = exact, .n = n};
        wn_ftext t2 = t1;
        wn_fres r1, r2;
        memset(&r1, 0, sizeof r1);
        memset(&r2, 0, sizeof r2);
        CHECK(wn_filter_c4_quality(&c, &t1, &r1, want_cuts) == 0);
        CHECK(ref_c4_quality(&c, &t2, &r2, want_cuts) == 0);
        kept += r1.kept;
        rewrote += r1.kept && r1.rewrote;
        if (!same_fres(&r1, &r2)) {
            CHECK(!"c4_quality differs from the frozen version");
            fprintf(stderr, "  iteration %d, %zu code points, kept %d/%d reason %s/%s\n", iter, n,
                    r1.kept, r2.kept, r1.reason ? r1.reason : "-", r2.reason ? r2.reason : "-");
            for (size_t k = 0; k < r1.nv && k < r2.nv; k++)
                if (r1.v[k].i != r2.v[k].i)
                    fprintf(stderr, "  %s: %lld, frozen %lld\n", r1.v[k].name, r1.v[k].i, r2.v[k].i);
            bad++;
        }
        free(exact);
    }
    /* the texts reach every verdict and many rewrites */
    CHECK(kept > 8000 && kept < 36000);
    CHECK(rewrote > 7000);
    fprintf(stderr, "  c4_quality vs frozen: %zu kept, %zu rewritten of 40000\n", kept, rewrote);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
    free(u);
}

int main(void)
{
    RUN(words_against_plain);
    RUN(words_examples);
    RUN(words_every_code_point);
    RUN(rewrite_cuts_replay);
    RUN(quality_against_frozen);
    return harness_done();
}
