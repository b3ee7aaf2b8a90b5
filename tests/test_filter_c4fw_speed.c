/*
 * test_filter_c4fw_speed.c - the filter stage's and fineweb_quality's fast
 * paths against the plain ways.
 *
 * The stage turns c4_quality's cuts (code point positions) into byte spans
 * by walking the code points' UTF-8 lengths, or the bytes when the text
 * holds U+FFFD (which also stands for an invalid byte), instead of an
 * offset per code point. Here every recorded span is compared with the one
 * the offset table (wn_utf8_offsets) gives, on random texts of ASCII, 2-, 3-
 * and 4-byte characters, invalid bytes, literal U+FFFD, citations, short
 * lines and every kind of line break, so that cuts fall everywhere.
 *
 * fineweb_quality finds its lines from a '\n' mask kept across lines and
 * its duplicate lines by a key made from a few code points of each line,
 * every match confirmed by comparison, with full hashes again when too many
 * different lines share keys. It is compared, every recorded value, with
 * its frozen earlier version on random texts of repeated lines, lines that
 * differ only where the key does not look (and enough of them to reach the
 * fallback), blank and whitespace-only lines, '\r' and non-ASCII.
 *
 * c4_quality splits its kept lines, joined by '\n', once with punkt and
 * takes a line's sentence count from the sentences that overlap it (c4.c
 * says why), instead of splitting every line; fineweb_quality counts the
 * words of that text from the same sentences. On random texts of lines made
 * to meet at every kind of join (enders, abbreviations, initials, numbers,
 * ellipses, closing quotes and brackets at either side, "--", lines without
 * an ASCII space, non-ASCII spaces, empty and blank lines), c4_quality
 * keeping every line must count what splitting each stripped line counts,
 * and fineweb_quality must record the same values with and without the
 * handed-on sentences.
 *
 * gopher_quality's scan for '#', ellipses and line starts and ends narrows
 * sixteen code points to bytes (every one above ASCII becomes 127) and
 * looks at the others exactly only in blocks holding a 127. Its five counts
 * are compared with a plain reading of the reference on random texts of
 * every line break, DEL (127 itself), controls, dot runs, bullets and
 * non-ASCII marks next to ASCII ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "harness.h"
#include "winnow.h"

static unsigned long long g_rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g_rng >> 33) % n);
}

/* Lines that c4_quality keeps, drops or cuts, in every encoding width. */
static size_t random_text(char *out, size_t cap)
{
    static const char *const words[] = {
        "the", "river", "town", "caf\xc3\xa9", "na\xc3\xafve", "\xe2\x80\x9cquoted\xe2\x80\x9d",
        "\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80", "emoji\xf0\x9f\x8e\x89", "\xef\xbf\xbd",
        "bad\xff", "\xed\xa0\x80x", "\xe0\x80", "\xc3", "[1]", "[edit]", "[citation needed]",
        "cookies", "javascript", "x", "it's", "U.S.", "\xc2\xa0", "\xe2\x80\x83", "A."};
    static const char *const ends[] = {".", "?", "!", "\"", "'", "", ":", "...", "\xe2\x80\xa6"};
    static const char *const breaks[] = {"\n", "\n", "\n", "\r\n", "\r", "\n\n", "\x0b", "\x0c",
                                         "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9", "\x1c"};
    size_t len = 0, lines = 1 + rnd(12);
    for (size_t l = 0; l < lines; l++) {
        if (rnd(4) == 0 && len + 2 < cap)
            out[len++] = ' ';
        size_t nw = rnd(9);
        for (size_t w = 0; w < nw; w++) {
            const char *s = words[rnd(sizeof words / sizeof words[0])];
            size_t sl = strlen(s);
            if (len + sl + 2 >= cap)
                return len;
            memcpy(out + len, s, sl);
            len += sl;
            if (w + 1 < nw)
                out[len++] = rnd(6) ? ' ' : '\t';
        }
        const char *e = ends[rnd(sizeof ends / sizeof ends[0])];
        const char *b = breaks[rnd(sizeof breaks / sizeof breaks[0])];
        if (len + strlen(e) + strlen(b) + 2 >= cap)
            return len;
        memcpy(out + len, e, strlen(e));
        len += strlen(e);
        if (rnd(5) == 0)
            out[len++] = ' ';
        if (l + 1 < lines || rnd(2)) {
            memcpy(out + len, b, strlen(b));
            len += strlen(b);
        }
    }
    return len;
}

/* The spans c4_quality's rewrite should be recorded as, from the offset of
 * every code point. -1 when no span is expected. */
static long expected_spans(const wn_punkt_model *pm, const char *text, size_t len, wn_arena *a,
                           size_t **start, size_t **end, int **newline)
{
    wn_c4_cfg c4;
    wn_c4_defaults(&c4, 0);
    c4.min_num_sentences = 0; /* as the stage is set below */
    wn_ftext t = {.a = a, .pm = pm};
    t.s = wn_utf8_to_u32(a, text, len, &t.n);
    wn_fres r;
    memset(&r, 0, sizeof r);
    long n = -1;
    if (t.s && !wn_filter_c4_quality(&c4, &t, &r, 1) && r.kept && r.rewrote) {
        size_t ncp;
        size_t *off = wn_utf8_offsets(a, text, len, &ncp);
        *start = wn_arena_alloc(a, (r.ncuts + 1) * sizeof **start);
        *end = wn_arena_alloc(a, (r.ncuts + 1) * sizeof **end);
        *newline = wn_arena_alloc(a, (r.ncuts + 1) * sizeof **newline);
        if (r.ncuts && ncp == t.n) {
            for (size_t k = 0; k < r.ncuts; k++) {
                (*start)[k] = off[r.cuts[k].a];
                (*end)[k] = off[r.cuts[k].b];
                (*newline)[k] = r.cuts[k].newline;
            }
            n = (long)r.ncuts;
        } else {
            (*start)[0] = 0, (*end)[0] = len, (*newline)[0] = -1; /* the whole text */
            n = 1;
        }
    } else if (!r.kept || !r.rewrote) {
        n = 0;
    }
    return n;
}

TEST(cut_spans_match_offset_table)
{
    char err[256];
    wn_pipeline *p = wn_pipeline_create("filter", err, sizeof err);
    CHECK(p && wn_pipeline_set(p, "filter.filters", "c4_quality") == WN_OK);
    CHECK(wn_pipeline_set(p, "filter.c4_quality.min_num_sentences", "0") == WN_OK);
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_punkt_model *pm = wn_punkt_model_build();
    int texts = getenv("C4FW_TEST_TEXTS") ? atoi(getenv("C4FW_TEST_TEXTS")) : 20000;
    int bad = 0, with_spans = 0, non_ascii = 0, whole = 0;
    for (int iter = 0; iter < texts && p && a && pm; iter++) {
        char text[4096];
        size_t len = random_text(text, sizeof text);
        wn_arena_reset(a);
        wn_doc *d = wn_pipeline_process(p, "r", text, len);
        CHECK(d != NULL);
        if (!d)
            break;
        /* the filter stage's spans and input (the pipeline repairs invalid
         * bytes before it, in a stage of its own) */
        size_t nall = wn_doc_span_count(d), got = 0, fidx = 0, fspan[64];
        for (size_t k = 0; k < nall; k++) {
            wn_span_info s;
            wn_doc_span(d, k, &s);
            if (!strcmp(s.stage, "filter") && got < 64) {
                fidx = s.stage_index;
                fspan[got++] = k;
            }
        }
        size_t inlen;
        const char *in = got ? wn_doc_stage_input(d, fidx, &inlen) : NULL;
        if (!in) { /* nothing recorded: the text as the last stage left it */
            in = wn_doc_text(d, &inlen);
        }
        size_t *st = NULL, *en = NULL;
        int *nl = NULL;
        long want = expected_spans(pm, in, inlen, a, &st, &en, &nl);
        int ok = want >= 0 && got == (size_t)want;
        for (size_t k = 0; ok && k < got; k++) {
            wn_span_info s;
            wn_doc_span(d, fspan[k], &s);
            ok = s.start == st[k] && s.end == en[k];
            if (nl[k] >= 0)
                ok = ok && s.replacement_len == (size_t)nl[k] &&
                     (!nl[k] || s.replacement[0] == '\n');
            whole += nl[k] < 0;
        }
        with_spans += got > 0;
        for (size_t k = 0; k < inlen; k++)
            if ((unsigned char)in[k] >= 0x80) {
                non_ascii += got > 0;
                break;
            }
        if (!ok && bad++ < 3) {
            fprintf(stderr, "spans differ (%zu, want %ld) on: \"%.*s\"\n", got, want, (int)len,
                    text);
            CHECK(0);
        }
        wn_doc_free(d);
    }
    /* the generator must reach the cases: spans, non-ASCII texts with spans */
    CHECK(with_spans > texts / 10);
    CHECK(non_ascii > texts / 20);
    CHECK(with_spans - non_ascii > texts / 1000); /* ASCII texts: bytes = code points */
    CHECK(whole > 0);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
    wn_pipeline_free(p);
}

/* fineweb_quality before its line mask and line keys, for comparison. */
static int fw_ref(const wn_fw_cfg *c, wn_ftext *t, wn_fres *r)
{
    const uint32_t *s = t->s;
    size_t n = t->n;
    long long n_lines = 0, end_punct = 0, short_lines = 0, newlines = 0;
    wn_ustr_vec nonempty = {0};
    for (size_t i = 0;;) {
        size_t j = wn_u32_find_char(s, i, n, '\n');
        n_lines++;
        size_t len = j - i;
        if (len) {
            uint32_t last = s[j - 1];
            if (last == '.' || last == '\'' || last == '"' || last == '!' || last == '?')
                end_punct++;
        }
        if ((long long)len <= c->short_line_length)
            short_lines++;
        size_t a, b;
        wn_u32_strip(s + i, len, &a, &b);
        if (a < b && wn_ustr_vec_push(t->a, &nonempty, s + i, len))
            return -1;
        if (j == n)
            break;
        newlines++;
        i = j + 1;
    }
    long long dup_elems, dup_chars;
    if (wn_find_duplicates(t->a, nonempty.v, nonempty.n, &dup_elems, &dup_chars))
        return -1;
    long long no_nl = (long long)n - newlines;
    size_t nwords;
    if (wn_ftext_nwords(t, &nwords))
        return -1;
    long long nw = (long long)nwords;

    wn_fres_int(r, "n_lines", n_lines);
    wn_fres_int(r, "n_non_empty_lines", (long long)nonempty.n);
    wn_fres_int(r, "lines_end_punct", end_punct);
    wn_fres_int(r, "short_lines", short_lines);
    wn_fres_int(r, "dup_line_chars", dup_chars);
    wn_fres_int(r, "text_len_no_newlines", no_nl);
    wn_fres_int(r, "n_newlines", newlines);
    wn_fres_ratio(r, "line_punct_ratio", end_punct, n_lines);
    wn_fres_ratio(r, "short_line_ratio", short_lines, n_lines);
    wn_fres_ratio(r, "char_dup_ratio", dup_chars, no_nl);
    wn_fres_int(r, "n_words", nw);
    wn_fres_ratio(r, "list_ratio", newlines, nw);

    double punct = (double)end_punct / (double)n_lines;
    r->kept = 0;
    if (punct <= c->line_punct_thr && !(punct == 0 && c->line_punct_exclude_zero))
        r->reason = "line_punct_ratio";
    else if ((double)short_lines / (double)n_lines >= c->short_line_thr)
        r->reason = "short_line_ratio";
    else if (no_nl == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)dup_chars / (double)no_nl >= c->char_duplicates_ratio)
        r->reason = "char_dup_ratio";
    else if (nw == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)newlines / (double)nw > c->new_line_ratio)
        r->reason = "list_ratio";
    else
        r->kept = 1;
    return 0;
}

static int same_fres(const wn_fres *x, const wn_fres *y)
{
    if (x->kept != y->kept || x->nv != y->nv || (x->reason == NULL) != (y->reason == NULL) ||
        (x->reason && strcmp(x->reason, y->reason)) || (x->error == NULL) != (y->error == NULL))
        return 0;
    for (size_t k = 0; k < x->nv; k++) {
        const wn_fval *a = &x->v[k], *b = &y->v[k];
        if (strcmp(a->name, b->name) || a->kind != b->kind || a->i != b->i ||
            memcmp(&a->d, &b->d, sizeof a->d))
            return 0;
    }
    return 1;
}

/* Lines from a small pool, so that they repeat, and lines that differ from
 * one another only at positions the line key does not read. */
static size_t random_lines(uint32_t *out, size_t cap)
{
    static const char *const pool[] = {"Home", "Share this:", "  ", "\t", "", "Read more.",
                                       "The end!", "a", "ab", "abc", "\r", " x ", "\xa0",
                                       "caf\xe9 au lait", "\"Quoted\""};
    size_t n = 0, lines = 1 + rnd(60);
    int twins = rnd(3) == 0; /* many same-key lines */
    for (size_t l = 0; l < lines && n + 64 < cap; l++) {
        unsigned kind = rnd(10);
        if (twins || kind < 3) {
            /* length m, fixed at the ends and middle, one code point
             * changed elsewhere (or nowhere: an exact repeat) */
            size_t m = 6 + rnd(30);
            for (size_t k = 0; k < m; k++)
                out[n + k] = 'a' + (uint32_t)(k % 7);
            size_t at = 2 + rnd((unsigned)(m - 4));
            if (at != (m - 2) / 2 && at != (m - 2) / 2 + 1 && rnd(4))
                out[n + at] = rnd(2) ? 'A' + rnd(26) : 0x100 + rnd(3);
            n += m;
        } else if (kind < 8) {
            const char *q = pool[rnd(sizeof pool / sizeof pool[0])];
            for (; *q; q++)
                out[n++] = (unsigned char)*q;
        } else {
            size_t m = rnd(50);
            for (size_t k = 0; k < m; k++)
                out[n++] = rnd(8) ? 'a' + rnd(26) : (rnd(2) ? ' ' : 0x2029);
            if (rnd(2))
                out[n++] = ".!?'\"x"[rnd(6)];
        }
        if (l + 1 < lines)
            out[n++] = '\n';
    }
    return n;
}

TEST(fineweb_against_frozen)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_punkt_model *pm = wn_punkt_model_build();
    wn_fw_cfg cfg;
    wn_fw_defaults(&cfg);
    int texts = getenv("C4FW_TEST_TEXTS") ? atoi(getenv("C4FW_TEST_TEXTS")) : 20000;
    int bad = 0, dups = 0;
    for (int iter = 0; iter < texts && a && pm; iter++) {
        uint32_t text[4096];
        size_t n = random_lines(text, sizeof text / sizeof text[0]);
        wn_arena_reset(a);
        /* exact size, so that ASan sees a read past the end */
        uint32_t *s = wn_arena_alloc(a, (n ? n : 1) * sizeof *s);
        memcpy(s, text, n * sizeof *s);
        wn_ftext t1 = {.a = a, .pm = pm, .s = s, .n = n};
        wn_ftext t2 = t1;
        wn_fres r1, r2;
        memset(&r1, 0, sizeof r1);
        memset(&r2, 0, sizeof r2);
        CHECK(wn_filter_fineweb_quality(&cfg, &t1, &r1) == 0);
        CHECK(fw_ref(&cfg, &t2, &r2) == 0);
        dups += r2.nv > 4 && r2.v[4].i > 0;
        if (!same_fres(&r1, &r2) && bad++ < 3) {
            fprintf(stderr, "fineweb_quality differs on a text of %zu code points\n", n);
            CHECK(0);
        }
    }
    CHECK(dups > texts / 4);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

/* Append s, ASCII with \uXXXX for the other code points, to out[*n...). */
static void put_escaped(uint32_t *out, size_t *n, const char *s)
{
    while (*s) {
        if (s[0] == '\\' && s[1] == 'u') {
            char hex[5] = {s[2], s[3], s[4], s[5], 0};
            out[(*n)++] = (uint32_t)strtoul(hex, NULL, 16);
            s += 6;
        } else {
            out[(*n)++] = (unsigned char)*s++;
        }
    }
}

/* Lines that meet punkt's quirks at their ends and starts. */
static size_t random_joins(uint32_t *out, size_t cap)
{
    static const char *const words[] = {
        "the", "Mr.", "U.S.", "e.g.", "J.", "A.", "3.", "3.5", "etc.", "No.", "Dr.", "i.e.",
        "He", "She", "it", "The", "And", "said", "word", "(a)", "[1]", "x.y", "...", "..",
        "Yes!", "No?", "\"Hi.\"", "'so'", "(ok.)", "--", "-", "a--b", "end.)", "\"", "'", ")",
        "]", "}", "(", "\\u00e9t\\u00e9", "\\u00a0", "\\u2019s", "caf\\u00e9.", "Inc.", "Jan.",
        "??", "!!", "?!", ".\"", ".'", "5.", "1.2.3", "St.", "Co.", "\\u3002", "so.\\u00a0"};
    static const char *const seps[] = {" ", " ", " ", " ", "  ", "\t", "\\u00a0", "", "\\u2003"};
    size_t n = 0, lines = 1 + rnd(10);
    for (size_t l = 0; l < lines && n + 200 < cap; l++) {
        if (rnd(8) == 0)
            out[n++] = rnd(2) ? ' ' : '\t';
        size_t nw = rnd(7);
        for (size_t w = 0; w < nw && n + 40 < cap; w++) {
            put_escaped(out, &n, words[rnd(sizeof words / sizeof words[0])]);
            if (w + 1 < nw)
                put_escaped(out, &n, seps[rnd(sizeof seps / sizeof seps[0])]);
        }
        if (rnd(8) == 0)
            out[n++] = ' ';
        if (l + 1 < lines)
            out[n++] = rnd(12) ? '\n' : (rnd(2) ? '\r' : 0x2028);
    }
    return n;
}

/* fineweb_quality on c4_quality's rewrite r of t, once with the sentences
 * c4 handed on and once without them (and, when afresh, without the memo
 * of the original text's sentences either): the records must be equal.
 * Counts in *handed the texts whose sentences were handed on, in *bad the
 * differences. */
static void fineweb_on_rewrite(const wn_fw_cfg *fw, wn_ftext *t, const wn_fres *r, int afresh,
                               int *handed, int *bad)
{
    t->s = r->text_out;
    t->n = r->text_out_n;
    t->have_words = 0;
    *handed += t->sents && t->sents_s == t->s && t->sents_n == t->n;
    wn_ftext t2 = *t;
    t2.sents = NULL;
    if (afresh)
        t2.memo.n = 0;
    wn_fres f1, f2;
    memset(&f1, 0, sizeof f1);
    memset(&f2, 0, sizeof f2);
    CHECK(wn_filter_fineweb_quality(fw, t, &f1) == 0);
    CHECK(wn_filter_fineweb_quality(fw, &t2, &f2) == 0);
    if (!same_fres(&f1, &f2) && (*bad)++ < 5) {
        fprintf(stderr, "fineweb_quality differs with the handed-on sentences\n");
        CHECK(0);
    }
}

TEST(c4_sentences_and_fineweb_words_from_one_split)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_punkt_model *pm = wn_punkt_model_build();
    /* every line kept as it is, but stripped */
    wn_c4_cfg c4;
    wn_c4_defaults(&c4, 1);
    c4.remove_citations = 0;
    c4.min_num_sentences = 0;
    c4.min_words_per_line = 0;
    c4.max_word_length = -1;
    c4.filter_lorem_ipsum = c4.filter_javascript = c4.filter_curly_bracket = c4.filter_policy = 0;
    wn_fw_cfg fw;
    wn_fw_defaults(&fw);
    int texts = getenv("C4FW_TEST_TEXTS") ? atoi(getenv("C4FW_TEST_TEXTS")) : 20000;
    int bad = 0, handed = 0, multi = 0;
    for (int iter = 0; iter < texts && a && pm; iter++) {
        uint32_t text[4096];
        size_t n = random_joins(text, sizeof text / sizeof text[0]);
        wn_arena_reset(a);
        uint32_t *s = wn_arena_alloc(a, (n ? n : 1) * sizeof *s);
        memcpy(s, text, n * sizeof *s);
        wn_ftext t = {.a = a, .pm = pm, .s = s, .n = n};
        if (wn_ftext_words(&t))
            break;
        wn_fres r;
        memset(&r, 0, sizeof r);
        CHECK(wn_filter_c4_quality(&c4, &t, &r, 0) == 0);
        /* the plain way: every stripped line of text.splitlines() alone */
        long long want = 0;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && !wn_is_linebreak(s[j]))
                j++;
            size_t la, lb, ns;
            wn_u32_strip(s + i, j - i, &la, &lb);
            CHECK(wn_sent_count(a, pm, s + i + la, lb - la, &ns) == 0);
            want += (long long)ns;
            i = j + (j < n);
        }
        long long got = -1;
        for (size_t k = 0; k < r.nv; k++)
            if (!strcmp(r.v[k].name, "num_sentences"))
                got = r.v[k].i;
        multi += got > 1;
        if (got != want && bad++ < 5) {
            fprintf(stderr, "num_sentences %lld, lines alone %lld, on:\n", got, want);
            for (size_t k = 0; k < n; k++)
                fprintf(stderr, k + 1 < n ? "%04x " : "%04x\n", (unsigned)s[k]);
            CHECK(0);
        }
        if (!r.kept || !r.rewrote)
            continue;
        /* fineweb_quality on the rewrite, with the sentences and without */
        fineweb_on_rewrite(&fw, &t, &r, 0, &handed, &bad);
    }
    CHECK(handed > texts / 4);
    CHECK(multi > texts / 4);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

/* fineweb_quality's word count from the handed-on sentences when lines are
 * dropped (fewer than three words) or lose their citations, so that
 * sentences run across the joins: the counts found by where a sentence
 * came from (a line copied whole) and by the memo's table must be those
 * of the text counted afresh. */
TEST(fineweb_words_after_dropped_lines)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_punkt_model *pm = wn_punkt_model_build();
    wn_c4_cfg c4;
    wn_c4_defaults(&c4, 1);
    c4.min_num_sentences = 0;
    c4.filter_lorem_ipsum = c4.filter_javascript = c4.filter_curly_bracket = c4.filter_policy = 0;
    wn_fw_cfg fw;
    wn_fw_defaults(&fw);
    int texts = getenv("C4FW_TEST_TEXTS") ? atoi(getenv("C4FW_TEST_TEXTS")) : 20000;
    int bad = 0, handed = 0;
    for (int iter = 0; iter < texts && a && pm; iter++) {
        uint32_t text[4096];
        size_t n = random_joins(text, sizeof text / sizeof text[0] - 64);
        /* a citation in some lines */
        for (size_t k = 0; k + 4 < n && rnd(3) == 0; k += 1 + rnd(200))
            if (text[k] == ' ')
                text[k] = '[', text[k + 1] = '1', text[k + 2] = ']';
        wn_arena_reset(a);
        uint32_t *s = wn_arena_alloc(a, (n ? n : 1) * sizeof *s);
        memcpy(s, text, n * sizeof *s);
        wn_ftext t = {.a = a, .pm = pm, .s = s, .n = n};
        if (wn_ftext_words(&t))
            break;
        wn_fres r;
        memset(&r, 0, sizeof r);
        CHECK(wn_filter_c4_quality(&c4, &t, &r, 0) == 0);
        if (!r.kept || !r.rewrote)
            continue;
        fineweb_on_rewrite(&fw, &t, &r, 1, &handed, &bad);
    }
    CHECK(handed > texts / 4);
    printf("  %d texts, %d with handed-on sentences, %d differ\n", texts, handed, bad);
    wn_punkt_model_free(pm);
    wn_arena_free(a);
}

/* hash_count, ellipsis_count, n_lines, bullet_lines, end_ellipsis_lines as
 * the reference computes them: text.count("#"), text.count("...") +
 * text.count("\u2026"), and over text.splitlines(), each line stripped. */
static void plain_quality_scan(const uint32_t *s, size_t n, long long v[5])
{
    memset(v, 0, 5 * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[0] += s[i] == '#';
        v[1] += s[i] == 0x2026;
        if (i + 3 <= n && s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.') {
            v[1]++;
            i += 2;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !wn_is_linebreak(s[j]))
            j++;
        size_t a, b;
        wn_u32_strip(s + i, j - i, &a, &b);
        const uint32_t *l = s + i;
        v[2]++;
        v[3] += a < b && (l[a] == '-' || l[a] == 0x2022);
        v[4] += a < b && (l[b - 1] == 0x2026 ||
                          (b - a >= 3 && l[b - 1] == '.' && l[b - 2] == '.' && l[b - 3] == '.'));
        i = j + 1 + (j + 1 < n && s[j] == '\r' && s[j + 1] == '\n');
    }
}

TEST(gopher_quality_scan_against_plain)
{
    static const uint32_t piece[][4] = {
        {'\n'}, {'\r'}, {'\r', '\n'}, {0x0b}, {0x0c}, {0x1c}, {0x1d}, {0x1e}, {0x1f}, {0x7f},
        {0x7f, '.'}, {0x01}, {'\t'}, {0x85}, {0x2028}, {0x2029}, {0x2026}, {'.'}, {'.', '.'},
        {'.', '.', '.'}, {'#'}, {'-'}, {0x2022}, {' '}, {0xa0}, {'a'}, {'w', 'o', 'r', 'd'},
        {0xe9}, {0x4e2d}, {0x86}, {0x2025}, {0x202a}, {0x3000}, {0x7e}};
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    wn_gq_cfg qc;
    wn_gq_defaults(&qc);
    static const char *const names[5] = {"hash_count", "ellipsis_count", "n_lines",
                                         "bullet_lines", "end_ellipsis_lines"};
    int texts = getenv("C4FW_TEST_TEXTS") ? atoi(getenv("C4FW_TEST_TEXTS")) : 20000;
    int bad = 0;
    for (int iter = 0; iter < texts && a; iter++) {
        uint32_t text[2048];
        size_t n = 0, parts = rnd(iter % 8 ? 60 : 400);
        for (size_t k = 0; k < parts && n + 4 < sizeof text / sizeof text[0]; k++) {
            const uint32_t *p = piece[rnd(sizeof piece / sizeof piece[0])];
            for (int q = 0; q < 4 && p[q]; q++)
                text[n++] = p[q];
        }
        wn_arena_reset(a);
        uint32_t *s = wn_arena_alloc(a, (n ? n : 1) * sizeof *s); /* exact: ASan sees over-reads */
        memcpy(s, text, n * sizeof *s);
        wn_ftext t = {.a = a, .s = s, .n = n};
        wn_fres r;
        memset(&r, 0, sizeof r);
        CHECK(wn_filter_gopher_quality(&qc, &t, &r) == 0);
        long long want[5];
        plain_quality_scan(s, n, want);
        for (int k = 0; k < 5; k++) {
            long long got = -1;
            for (size_t j = 0; j < r.nv; j++)
                if (!strcmp(r.v[j].name, names[k]))
                    got = r.v[j].i;
            if (got != want[k] && bad++ < 5) {
                fprintf(stderr, "%s = %lld, plainly %lld\n", names[k], got, want[k]);
                CHECK(0);
            }
        }
    }
    wn_arena_free(a);
}

int main(void)
{
    RUN(cut_spans_match_offset_table);
    RUN(fineweb_against_frozen);
    RUN(c4_sentences_and_fineweb_words_from_one_split);
    RUN(fineweb_words_after_dropped_lines);
    RUN(gopher_quality_scan_against_plain);
    return harness_done();
}
