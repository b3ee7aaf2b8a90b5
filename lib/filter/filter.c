/*
 * filter.c - the "filter" stage: quality filters chosen by profile or by
 * name, each recording its decision and every value behind it.
 *
 * Profiles name the filter lists corpus builders ask for: fineweb
 * (gopher_repetition, gopher_quality, c4_quality without the terminal
 * punctuation rule, fineweb_quality, as datatrove's FineWeb example), gopher,
 * c4 and none. Filters run in order on the text the previous one left (only
 * c4_quality changes it) and stop at the first drop, unless all=1, which runs
 * every filter so thresholds can be re-cut offline from the recorded values.
 * Without all=1 gopher_repetition also stops at its own first failing check,
 * as the reference's filter() returns there (its values then end at that
 * check); every other filter measures all its values either way.
 * The record goes to the document's "filters" section as
 * {"NAME": {"kept": ..., "reason": ..., "values": {...}}}; the first drop is
 * the document's verdict; c4_quality's line removals are edits with evidence.
 *
 * Parameters: profile, filters, all, and FILTER.PARAM with the reference's
 * parameter names (filter.gopher_quality.min_doc_words=50).
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/stage.h"
#include "filters.h"

enum { F_GQ, F_GR, F_C4, F_BW, F_FW, F_COUNT };
static const char *const FNAMES[F_COUNT] = {"gopher_quality", "gopher_repetition", "c4_quality",
                                            "c4_badwords", "fineweb_quality"};

typedef struct profile {
    const char *name;
    int list[F_COUNT];
    size_t n;
    int c4_terminal_punct; /* the profile's filter_no_terminal_punct */
} profile;

static const profile PROFILES[] = {
    {"fineweb", {F_GR, F_GQ, F_C4, F_FW}, 4, 0},
    {"gopher", {F_GR, F_GQ}, 2, 1},
    {"c4", {F_C4, F_BW}, 2, 1},
    {"none", {0}, 0, 1},
};

typedef struct fstate {
    const profile *prof;
    int list[F_COUNT];
    size_t n;
    int list_set; /* "filters" given: overrides the profile's list */
    int all;
    wn_gq_cfg gq;
    wn_gr_cfg gr;
    wn_c4_cfg c4;
    int c4_punct_set; /* filter_no_terminal_punct given explicitly */
    wn_fw_cfg fw;
    wn_bw_trie *bw;
    wn_punkt_model *pm;
} fstate;

static void *create(char *err, size_t errlen)
{
    fstate *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "filter: out of memory");
        return NULL;
    }
    s->prof = &PROFILES[0];
    wn_gq_defaults(&s->gq);
    wn_gr_defaults(&s->gr);
    /* without all=1 the chain ends at the first drop, and so does
     * gopher_repetition, at its first failing check, as the reference's */
    s->gr.first_drop_ends = 1;
    wn_c4_defaults(&s->c4, 0);
    wn_fw_defaults(&s->fw);
    s->bw = wn_bw_trie_build();
    s->pm = wn_punkt_model_build();
    if (!s->bw || !s->pm) {
        wn_bw_trie_free(s->bw);
        wn_punkt_model_free(s->pm);
        free(s);
        snprintf(err, errlen, "filter: out of memory");
        return NULL;
    }
    return s;
}

static void destroy(void *state)
{
    fstate *s = state;
    if (!s)
        return;
    wn_bw_trie_free(s->bw);
    wn_punkt_model_free(s->pm);
    free(s);
}

/* Per-filter parameters, with the reference's names and defaults:
 * X(filter, "filter name", param, kind, field, default, help); kind 'd' is a
 * double ("none" = 0 = off), 'i' an integer, 'b' a boolean, 'g' an N:FRAC list. */
#define FILTER_PARAMS(X)                                                                        \
    X(F_GQ, "gopher_quality", min_doc_words, 'd', gq.min_doc_words, "50",                       \
      "drop with fewer non-symbol words (none: off)")                                          \
    X(F_GQ, "gopher_quality", max_doc_words, 'd', gq.max_doc_words, "100000",                   \
      "drop with more non-symbol words")                                                        \
    X(F_GQ, "gopher_quality", min_avg_word_length, 'd', gq.min_avg_word_length, "3",            \
      "drop when the mean word length is below")                                                \
    X(F_GQ, "gopher_quality", max_avg_word_length, 'd', gq.max_avg_word_length, "10",           \
      "drop when the mean word length is above")                                                \
    X(F_GQ, "gopher_quality", max_symbol_word_ratio, 'd', gq.max_symbol_word_ratio, "0.1",      \
      "drop when '#' or ellipses per word exceed")                                              \
    X(F_GQ, "gopher_quality", max_bullet_lines_ratio, 'd', gq.max_bullet_lines_ratio, "0.9",    \
      "drop when a larger share of lines start with a bullet or '-'")                           \
    X(F_GQ, "gopher_quality", max_ellipsis_lines_ratio, 'd', gq.max_ellipsis_lines_ratio, "0.3",\
      "drop when a larger share of lines end with an ellipsis")                                 \
    X(F_GQ, "gopher_quality", max_non_alpha_words_ratio, 'd', gq.max_non_alpha_words_ratio,     \
      "0.8", "drop when a smaller share of words contain a letter")                             \
    X(F_GQ, "gopher_quality", min_stop_words, 'd', gq.min_stop_words, "2",                      \
      "drop with fewer stop words (the be to of and that have with)")                           \
    X(F_GR, "gopher_repetition", dup_line_frac, 'd', gr.dup_line_frac, "0.3",                   \
      "drop when a larger share of lines repeat an earlier one")                                \
    X(F_GR, "gopher_repetition", dup_para_frac, 'd', gr.dup_para_frac, "0.3",                   \
      "drop when a larger share of paragraphs repeat")                                          \
    X(F_GR, "gopher_repetition", dup_line_char_frac, 'd', gr.dup_line_char_frac, "0.2",         \
      "drop when a larger share of characters is in repeated lines")                            \
    X(F_GR, "gopher_repetition", dup_para_char_frac, 'd', gr.dup_para_char_frac, "0.2",         \
      "drop when a larger share of characters is in repeated paragraphs")                       \
    X(F_GR, "gopher_repetition", top_n_grams, 'g', gr.top_n_grams, "2:0.2,3:0.18,4:0.16",       \
      "N:FRAC,...: drop when the commonest N-gram holds more of the characters")                \
    X(F_GR, "gopher_repetition", dup_n_grams, 'g', gr.dup_n_grams,                              \
      "5:0.15,6:0.14,7:0.13,8:0.12,9:0.11,10:0.1",                                              \
      "N:FRAC,...: drop when repeated N-grams hold more of the characters")                     \
    X(F_C4, "c4_quality", split_paragraph, 'b', c4.split_paragraph, "1",                        \
      "judge text lines (0: punkt sentences)")                                                  \
    X(F_C4, "c4_quality", remove_citations, 'b', c4.remove_citations, "1",                      \
      "remove [1], [edit], [citation needed]")                                                  \
    X(F_C4, "c4_quality", filter_no_terminal_punct, 'b', c4.filter_no_terminal_punct, "1",      \
      "drop lines not ending in . ? ! \" ' (the fineweb profile sets 0)")                       \
    X(F_C4, "c4_quality", min_num_sentences, 'i', c4.min_num_sentences, "5",                    \
      "drop with fewer sentences in the kept lines (-1: off)")                                  \
    X(F_C4, "c4_quality", min_words_per_line, 'i', c4.min_words_per_line, "3",                  \
      "drop lines with fewer words (-1: off)")                                                  \
    X(F_C4, "c4_quality", max_word_length, 'i', c4.max_word_length, "1000",                     \
      "drop lines with a longer word (-1: off)")                                                \
    X(F_C4, "c4_quality", filter_lorem_ipsum, 'b', c4.filter_lorem_ipsum, "1",                  \
      "drop documents with \"lorem ipsum\"")                                                    \
    X(F_C4, "c4_quality", filter_javascript, 'b', c4.filter_javascript, "1",                    \
      "drop lines with \"javascript\"")                                                         \
    X(F_C4, "c4_quality", filter_curly_bracket, 'b', c4.filter_curly_bracket, "1",              \
      "drop documents with '{' in a kept line")                                                 \
    X(F_C4, "c4_quality", filter_policy, 'b', c4.filter_policy, "1",                            \
      "drop cookie, terms-of-use and privacy-policy lines")                                     \
    X(F_FW, "fineweb_quality", line_punct_thr, 'd', fw.line_punct_thr, "0.12",                  \
      "drop when at most this share of lines end in punctuation")                               \
    X(F_FW, "fineweb_quality", line_punct_exclude_zero, 'b', fw.line_punct_exclude_zero, "0",   \
      "do not drop when no line at all ends in punctuation")                                    \
    X(F_FW, "fineweb_quality", short_line_thr, 'd', fw.short_line_thr, "0.67",                  \
      "drop when at least this share of lines are short")                                       \
    X(F_FW, "fineweb_quality", short_line_length, 'i', fw.short_line_length, "30",              \
      "a short line has at most this many characters")                                          \
    X(F_FW, "fineweb_quality", char_duplicates_ratio, 'd', fw.char_duplicates_ratio, "0.01",    \
      "drop when at least this share of characters is in repeated lines")                       \
    X(F_FW, "fineweb_quality", new_line_ratio, 'd', fw.new_line_ratio, "0.3",                   \
      "drop when newlines per word exceed")

typedef struct pdef {
    int filter;
    const char *name;
    char kind;
    size_t off;
} pdef;

#define X_PDEF(f, fname, param, kind, field, def, help) {f, #param, kind, offsetof(fstate, field)},
static const pdef PDEFS[] = {FILTER_PARAMS(X_PDEF)};

#define X_PDOC(f, fname, param, kind, field, def, help) {fname "." #param, def, help},
static const wn_param_doc PARAM_DOCS[] = {
    {"profile", "fineweb", "fineweb, gopher, c4 or none: the filters to run, in order"},
    {"filters", "", "comma list of filters to run instead of the profile's: gopher_quality, "
                    "gopher_repetition, c4_quality, c4_badwords, fineweb_quality"},
    {"all", "0", "1: run every filter, and every check of each, even after one dropped the document"},
    FILTER_PARAMS(X_PDOC){NULL, NULL, NULL},
};

static int set_grams(double *v, size_t lo, size_t hi, const char *value)
{
    double tmp[16];
    memcpy(tmp, v, (hi - lo + 1) * sizeof *v);
    const char *p = value;
    while (*p) {
        char *end;
        long n = strtol(p, &end, 10);
        if (end == p || *end != ':' || n < (long)lo || n > (long)hi)
            return -1;
        p = end + 1;
        double f = strtod(p, &end);
        if (end == p)
            return -1;
        tmp[n - (long)lo] = f;
        p = end;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    memcpy(v, tmp, (hi - lo + 1) * sizeof *v);
    return 0;
}

static int find_filter(const char *name, size_t len)
{
    for (int k = 0; k < F_COUNT; k++)
        if (strlen(FNAMES[k]) == len && !memcmp(FNAMES[k], name, len))
            return k;
    return -1;
}

static int set(void *state, const char *param, const char *value, char *err, size_t errlen)
{
    fstate *s = state;
    if (!strcmp(param, "profile")) {
        for (size_t k = 0; k < sizeof PROFILES / sizeof PROFILES[0]; k++)
            if (!strcmp(PROFILES[k].name, value)) {
                s->prof = &PROFILES[k];
                return 0;
            }
        snprintf(err, errlen, "filter.profile: unknown profile '%s' (fineweb, gopher, c4, none)", value);
        return -2;
    }
    if (!strcmp(param, "filters")) {
        size_t n = 0;
        for (const char *p = value; *p;) {
            const char *e = strchr(p, ',');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            int f = find_filter(p, len);
            if (f < 0 || n == F_COUNT) {
                snprintf(err, errlen,
                         "filter.filters: unknown filter '%.*s' (gopher_quality, gopher_repetition, "
                         "c4_quality, c4_badwords, fineweb_quality)",
                         (int)len, p);
                return -2;
            }
            s->list[n++] = f;
            p += len + (e ? 1 : 0);
        }
        s->n = n;
        s->list_set = 1;
        return 0;
    }
    if (!strcmp(param, "all")) {
        if (wn_param_bool(value, &s->all)) {
            snprintf(err, errlen, "filter.all: expected 0 or 1, got '%s'", value);
            return -2;
        }
        s->gr.first_drop_ends = !s->all;
        return 0;
    }
    const char *dot = strchr(param, '.');
    if (!dot)
        return -1;
    int f = find_filter(param, (size_t)(dot - param));
    if (f < 0)
        return -1;
    for (size_t k = 0; k < sizeof PDEFS / sizeof PDEFS[0]; k++) {
        const pdef *d = &PDEFS[k];
        if (d->filter != f || strcmp(d->name, dot + 1))
            continue;
        char *at = (char *)s + d->off;
        int bad = 0;
        if (d->kind == 'd') {
            if (!strcmp(value, "none") || !strcmp(value, "None"))
                *(double *)at = 0;
            else
                bad = wn_param_double(value, (double *)at);
        } else if (d->kind == 'i') {
            char *end;
            long long x = strtoll(value, &end, 10);
            bad = end == value || *end;
            if (!bad)
                *(long long *)at = x;
        } else if (d->kind == 'b') {
            bad = wn_param_bool(value, (int *)at);
            if (!bad && !strcmp(d->name, "filter_no_terminal_punct"))
                s->c4_punct_set = 1;
        } else if (!strcmp(d->name, "top_n_grams")) {
            bad = set_grams(s->gr.top_n_grams, 2, 4, value);
        } else {
            bad = set_grams(s->gr.dup_n_grams, 5, 10, value);
        }
        if (bad) {
            snprintf(err, errlen, "filter.%s: bad value '%s'", param, value);
            return -2;
        }
        return 0;
    }
    return -1;
}

/* ---- output ---- */

/* Integers by hand: printf would be most of the cost of the record. */
static int put_int(wn_buf *b, long long v)
{
    if (v < 0 && wn_buf_putc(b, '-'))
        return -1;
    return wn_buf_put_u64(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

/* The filters' value names, written as JSON keys ("name":) once per thread:
 * a document's record writes some eighty of them, the same static strings
 * every time. Keyed by the name's address and checked against its text; a
 * slot holds the key when the name is plain ASCII (no escape) and short,
 * else the name goes through the escaper every time. */
enum { KEY_SLOTS = 256, KEY_MAX = 46 };
typedef struct key_slot {
    const char *name;
    unsigned char len; /* of key, with the quotes and the colon */
    char key[KEY_MAX + 1];
} key_slot;
static _Thread_local key_slot key_cache[KEY_SLOTS];

/* "name": into b. */
static int put_key(wn_buf *b, const char *s)
{
    key_slot *slot = &key_cache[((uintptr_t)s >> 3) % KEY_SLOTS];
    /* the text is compared too: a name need not be static (an address
     * can come back with other text) */
    size_t ln = slot->len - 3u;
    if (slot->name != s || strncmp(s, slot->key + 1, ln) || s[ln]) {
        size_t n = strlen(s);
        int plain = n + 3 <= KEY_MAX;
        for (size_t i = 0; i < n && plain; i++) {
            unsigned char c = (unsigned char)s[i];
            plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        }
        if (!plain) {
            if (wn_json_put_string(b, s, n))
                return -1;
            return wn_buf_putc(b, ':');
        }
        slot->key[0] = '"';
        memcpy(slot->key + 1, s, n);
        slot->key[n + 1] = '"';
        slot->key[n + 2] = ':';
        slot->len = (unsigned char)(n + 3);
        slot->name = s;
    }
    return wn_buf_append(b, slot->key, slot->len);
}

/* The most bytes a string of n bytes takes in JSON: a \u escape (6) per byte
 * at worst, and the quotes. */
static size_t json_string_bound(size_t n) { return 6 * n + 2; }

/* The most bytes put_result() writes for r. */
static size_t result_bound(const char *name, const wn_fres *r)
{
    size_t z = json_string_bound(strlen(name)) + 64; /* :{"kept":false,"reason":...,"values":{}} */
    z += r->reason ? json_string_bound(strlen(r->reason)) : 4;
    if (r->error)
        z += 16 + json_string_bound(strlen(r->error));
    for (size_t i = 0; i < r->nv; i++) {
        const wn_fval *v = &r->v[i];
        z += json_string_bound(strlen(v->name)) + 2; /* , and : */
        z += v->kind == 's' ? json_string_bound(v->slen) : 48; /* a number, ".0" or null */
    }
    return z;
}

static int put_result(wn_buf *b, const char *name, const wn_fres *r)
{
    int e = 0;
    e |= put_key(b, name);
    e |= wn_buf_puts(b, "{\"kept\":");
    e |= wn_buf_puts(b, r->kept ? "true" : "false");
    e |= wn_buf_puts(b, ",\"reason\":");
    if (r->reason)
        e |= wn_json_put_string(b, r->reason, strlen(r->reason));
    else
        e |= wn_buf_puts(b, "null");
    if (r->error) {
        e |= wn_buf_puts(b, ",\"error\":");
        e |= wn_json_put_string(b, r->error, strlen(r->error));
    }
    e |= wn_buf_puts(b, ",\"values\":{");
    for (size_t i = 0; i < r->nv; i++) {
        const wn_fval *v = &r->v[i];
        if (i)
            e |= wn_buf_putc(b, ',');
        e |= put_key(b, v->name);
        if (v->kind == 'i')
            e |= put_int(b, v->i);
        else if (v->kind == 'd') {
            /* a ratio stays a float in JSON ("0.0", as the reference writes it) */
            char num[40];
            wn_json_format_double(v->d, num, sizeof num);
            e |= wn_buf_puts(b, num);
            if (!strpbrk(num, ".eEn"))
                e |= wn_buf_puts(b, ".0");
        }
        else if (v->kind == 's')
            e |= wn_json_put_string(b, v->s, v->slen);
        else
            e |= wn_buf_puts(b, "null");
    }
    e |= wn_buf_puts(b, "}}");
    return e ? -1 : 0;
}

/* The cut ends in order (2 per cut, a then b), then the end of the text:
 * code point positions to be turned into byte offsets. */
static size_t cut_end(const wn_c4_cut *cuts, size_t ncuts, size_t ncp, size_t e)
{
    return e < 2 * ncuts ? (e & 1 ? cuts[e / 2].b : cuts[e / 2].a) : ncp;
}

/* SELECT8[b][r]: the position of the set bit of b that has r set bits
 * below it (r < the bits set in b). */
static unsigned char SELECT8[256][8];
static pthread_once_t select8_once = PTHREAD_ONCE_INIT;
static void select8_build(void)
{
    for (unsigned b = 0; b < 256; b++)
        for (unsigned bit = 0, r = 0; bit < 8; bit++)
            if (b >> bit & 1)
                SELECT8[b][r++] = (unsigned char)bit;
}

/* In the 64-bit mask m: *count = its set bits; returns the position of the
 * one with j set bits below it when j < *count. Without POPCNT or PDEP (the
 * build targets plain x86-64): the bytes' bit counts are summed into running
 * totals by one multiplication, the first byte whose total passes j is found
 * by a subtraction of all eight at once, and the bit in it by SELECT8. */
static inline unsigned select64(uint64_t m, unsigned j, unsigned *count)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t c = m - ((m >> 1) & 0x5555555555555555ull);
    c = (c & 0x3333333333333333ull) + ((c >> 2) & 0x3333333333333333ull);
    c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0full; /* bits per byte */
    uint64_t run = c * ones;                     /* byte t: bits in bytes 0..t (at most 64) */
    *count = (unsigned)(run >> 56);
    if (j >= *count)
        return 64;
    /* byte t has its high bit set when run_t >= j + 1 */
    uint64_t past = ((run | ones * 0x80) - ones * (j + 1)) & ones * 0x80;
    unsigned t = (unsigned)__builtin_ctzll(past) >> 3;
    unsigned before = t ? (unsigned)(run >> (8 * t - 8)) & 0xff : 0;
    return 8 * t + SELECT8[(m >> (8 * t)) & 0xff][j - before];
}

/* The byte offsets of the cuts' ends (off[2k], off[2k + 1] for cut k) in
 * the UTF-8 text that decoded to ncp code points. Only the ends
 * are found, in one walk, instead of an offset per code point
 * (wn_utf8_offsets writes 8 bytes for every character of every rewritten
 * document). The walk is over the text's bytes, 64 at a time, counting
 * the bytes that are not continuation bytes (10xxxxxx): the decoder takes
 * one step per code point, and a step holds exactly one such byte except
 * an invalid continuation byte (one U+FFFD, no such byte). So the text
 * holds at most ncp of them, and when it holds exactly ncp no step was an
 * invalid continuation byte, every step starts at one of them, and code
 * point j starts at the j-th; otherwise (or if the code points are not the
 * text's) the walk is made again with the decoder's steps. -1 when the
 * ends are out of order or the text does not decode to ncp code points:
 * the caller then replaces the whole text. */
static int cut_offsets(const char *text, size_t len, size_t ncp, const wn_c4_cut *cuts,
                       size_t ncuts, size_t *off)
{
    size_t ne = 2 * ncuts;
    for (size_t e = 1; e <= ne; e++)
        if (cut_end(cuts, ncuts, ncp, e) < cut_end(cuts, ncuts, ncp, e - 1))
            return -1;
    if (len == ncp) {
        /* as many bytes as code points: every one took one byte */
        for (size_t e = 0; e < ne; e++)
            off[e] = cut_end(cuts, ncuts, ncp, e);
        return 0;
    }
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, k = 0; /* k: starting bytes in s[0..i) */
    pthread_once(&select8_once, select8_build);
#ifdef __SSE2__
    const __m128i cont_lim = _mm_set1_epi8((char)0xc0); /* below it as signed: 80..bf */
#endif
    for (size_t e = 0; e <= ne; e++) {
        size_t want = cut_end(cuts, ncuts, ncp, e);
        int found = 0;
#ifdef __SSE2__
        /* 64 bytes a step: their starts (the bytes that are not
         * continuation bytes) as a mask; the wanted one picked out of the
         * window that holds it (select64), with no loop over its bits */
        while (i + 64 <= len) {
            uint64_t cont = (uint64_t)(unsigned)_mm_movemask_epi8(
                                _mm_cmpgt_epi8(cont_lim, _mm_loadu_si128((const __m128i *)(s + i)))) |
                            (uint64_t)(unsigned)_mm_movemask_epi8(
                                _mm_cmpgt_epi8(cont_lim, _mm_loadu_si128((const __m128i *)(s + i + 16))))
                                << 16 |
                            (uint64_t)(unsigned)_mm_movemask_epi8(
                                _mm_cmpgt_epi8(cont_lim, _mm_loadu_si128((const __m128i *)(s + i + 32))))
                                << 32 |
                            (uint64_t)(unsigned)_mm_movemask_epi8(
                                _mm_cmpgt_epi8(cont_lim, _mm_loadu_si128((const __m128i *)(s + i + 48))))
                                << 48;
            unsigned c = 64, j = want - k < 64 ? (unsigned)(want - k) : 64;
            unsigned at = !cont ? j : select64(~cont, j, &c); /* all starts (ASCII, mostly): the j-th byte */
            if (at < 64) {
                i += at;
                k = want;
                found = 1;
                break;
            }
            k += c;
            i += 64;
        }
#endif
        /* to the start of code point `want` (or the end of the text) */
        for (; !found && i < len; i++)
            if ((s[i] & 0xc0) != 0x80) {
                if (k == want)
                    break;
                k++;
            }
        if (k != want)
            goto by_bytes;
        if (e < ne)
            off[e] = i;
    }
    if (i == len)
        return 0;

by_bytes:;
    /* wn_utf8_to_u32's steps: a valid sequence, or one invalid byte */
    i = k = 0;
    for (size_t e = 0; e <= ne; e++) {
        size_t want = cut_end(cuts, ncuts, ncp, e);
        for (; k < want && i < len; k++) {
            uint32_t c;
            size_t step = s[i] < 0x80 ? 1 : wn_utf8_decode(s + i, len - i, &c);
            i += step ? step : 1;
        }
        if (k < want)
            return -1;
        if (e < ne)
            off[e] = i;
    }
    return i == len ? 0 : -1;
}

/* Record c4_quality's rewrite as edits on the document text. */
static int apply_rewrite(wn_doc *d, const wn_ftext *t, const wn_fres *r)
{
    wn_arena *a = d->arena;
    if (r->ncuts) {
        size_t *off = wn_arena_alloc(a, 2 * r->ncuts * sizeof *off);
        wn_edit *e = wn_arena_alloc(a, r->ncuts * sizeof *e);
        if (!off || !e)
            return -1;
        if (!cut_offsets(d->text, d->len, t->n, r->cuts, r->ncuts, off)) {
            for (size_t k = 0; k < r->ncuts; k++) {
                const wn_c4_cut *c = &r->cuts[k];
                e[k] = (wn_edit){.start = off[2 * k], .end = off[2 * k + 1],
                                 .reason = WN_REASON_FILTER, .rule = c->rule,
                                 .repl = c->newline ? "\n" : NULL, .repl_len = c->newline ? 1 : 0};
            }
            return wn_doc_apply(d, e, r->ncuts) == -1 ? -1 : 0;
        }
    }
    size_t len;
    char *u = wn_u32_to_utf8(a, r->text_out, r->text_out_n, &len);
    if (!u)
        return -1;
    wn_edit e = {.start = 0, .end = d->len, .reason = WN_REASON_FILTER,
                 .rule = "c4_quality.rewrite", .repl = u, .repl_len = len};
    return wn_doc_apply(d, &e, 1) == -1 ? -1 : 0;
}

static wn_status run(const void *state, wn_doc *d)
{
    const fstate *s = state;
    const int *list = s->list_set ? s->list : s->prof->list;
    size_t n = s->list_set ? s->n : s->prof->n;
    if (!n)
        return WN_OK;
    wn_c4_cfg c4 = s->c4;
    if (!s->c4_punct_set && !s->list_set)
        c4.filter_no_terminal_punct = s->prof->c4_terminal_punct;

    wn_ftext t = {.a = d->arena, .pm = s->pm};
    /* (the size wn_utf8_to_u32 takes; its decoder is core's, faster) */
    uint32_t *u = d->len < SIZE_MAX / 4 - 1 ? wn_arena_alloc(d->arena, (d->len + 1) * sizeof *u)
                                             : NULL;
    if (!u)
        return WN_LIMIT;
    t.n = wn_utf8_to_u32_into(d->text, d->len, u);
    t.s = u;

    /* The results are kept and written once at the end, straight into
     * the arena: their size is bounded first (result_bound), so the record
     * needs no heap buffer grown by doubling and no copy into the arena. */
    wn_fres res[F_COUNT];
    size_t nres = 0;
    int fail = 0, dropped = 0;
    for (size_t k = 0; k < n && !fail; k++) {
        wn_fres *r = &res[nres];
        memset(r, 0, sizeof *r);
        int f = list[k], rc = 0;
        switch (f) {
        case F_GQ: rc = wn_filter_gopher_quality(&s->gq, &t, r); break;
        case F_GR: rc = wn_filter_gopher_repetition(&s->gr, &t, r); break;
        case F_C4:
            /* the split of the kept lines is worth making only for a
             * fineweb_quality that follows */
            t.sents_per_line = 1;
            for (size_t j = k + 1; j < n; j++)
                t.sents_per_line &= list[j] != F_FW;
            rc = wn_filter_c4_quality(&c4, &t, r, !dropped);
            break;
        case F_BW: rc = wn_filter_c4_badwords(s->bw, &t, r); break;
        case F_FW: rc = wn_filter_fineweb_quality(&s->fw, &t, r); break;
        }
        if (rc) {
            fail = 1;
            break;
        }
        nres++;
        if (!r->kept && !dropped) {
            dropped = 1;
            wn_doc_drop(d, FNAMES[f], r->reason ? r->reason : "error", NULL);
            if (!s->all)
                break;
        }
        if (r->kept && r->rewrote) {
            /* an already dropped document keeps its text: no edits to show */
            if (!dropped && apply_rewrite(d, &t, r)) {
                fail = 1;
                break;
            }
            t.s = r->text_out;
            t.n = r->text_out_n;
            t.have_words = 0;
        }
    }
    if (fail)
        return WN_LIMIT;
    size_t bound = 3; /* {} and the NUL */
    for (size_t k = 0; k < nres; k++)
        bound += 1 + result_bound(FNAMES[list[k]], &res[k]);
    char *json = wn_arena_alloc(d->arena, bound);
    if (!json)
        return WN_LIMIT;
    /* max = cap - 1: an append past the bound fails instead of growing */
    wn_buf b = {.data = json, .len = 0, .cap = bound, .max = bound - 1};
    fail = wn_buf_putc(&b, '{');
    for (size_t k = 0; k < nres && !fail; k++) {
        if (k)
            fail |= wn_buf_putc(&b, ',');
        fail |= put_result(&b, FNAMES[list[k]], &res[k]);
    }
    fail |= wn_buf_putc(&b, '}');
    if (!fail) {
        /* give back what the bound left over (the last allocation: in place) */
        json = wn_arena_realloc(d->arena, json, bound, b.len + 1);
        fail = !json || wn_doc_section(d, "filters", json);
    }
    return fail ? WN_LIMIT : WN_OK;
}

const wn_stage_def wn_stage_filter = {
    .name = "filter",
    .summary = "quality filters (Gopher, C4, FineWeb) with every signal recorded",
    .create = create,
    .set = set,
    .run = run,
    .destroy = destroy,
    .params = PARAM_DOCS,
    .run_after_drop = 0,
};
