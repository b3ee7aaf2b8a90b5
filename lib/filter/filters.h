/*
 * filters.h - the quality filters inside the filter stage, one function per
 * filter, each deciding exactly as datatrove does (fe81883d, the FineWeb
 * version; c4_badwords as on datatrove main) and recording every number the
 * decision rests on, whether or not the document is kept.
 *
 * A filter reads a wn_ftext (the document as code points, with its word
 * tokens computed once and shared) and fills a wn_fres. Everything is
 * allocated in the arena given; the configs are read-only.
 */
#ifndef WN_FILTERS_H
#define WN_FILTERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "ftext.h"

/* One recorded value: an integer, a double, a string or null. */
typedef struct wn_fval {
    const char *name;
    char kind; /* 'i', 'd', 's', 'n' */
    long long i;
    double d;
    const char *s; /* UTF-8, arena */
    size_t slen;
} wn_fval;

#define WN_FRES_MAX 48

typedef struct wn_fres {
    int kept;
    const char *reason; /* static string or NULL */
    const char *error;  /* the reference would have raised: static string or NULL */
    wn_fval v[WN_FRES_MAX];
    size_t nv;
    /* c4_quality: the rewritten text (code points) when kept */
    const uint32_t *text_out;
    size_t text_out_n;
    int rewrote;
    /* c4_quality: what was removed, in code points of the input text, when
     * the caller asks for it (trace non-NULL) */
    struct wn_c4_cut *cuts;
    size_t ncuts;
} wn_fres;

/* One span c4_quality removed (or replaced by "\n"), and why. */
typedef struct wn_c4_cut {
    size_t a, b;      /* code points */
    const char *rule; /* "c4_quality.too_few_words", ... */
    int newline;      /* replaced by "\n" instead of removed */
} wn_c4_cut;

/* The document as the filters see it, with its word tokens computed once
 * and shared by the filters. The cache is keyed by the text (s, n): when a
 * filter rewrites the text, the caller points s and n at the new text and
 * the words are computed again. Clearing have_words also invalidates. The
 * sentences of the last tokenization are remembered with their token counts
 * (memo), so that the word count of a rewritten text only re-tokenizes the
 * sentences the rewrite changed. */
typedef struct wn_ftext {
    wn_arena *a;
    const wn_punkt_model *pm; /* may be NULL (see ftext.h) */
    const uint32_t *s;
    size_t n;
    int have_words;
    wn_ustr_vec words;
    const uint32_t *words_s; /* the text words were made from */
    size_t words_n;
    wn_sent_memo memo;
    /* Made with words: every character of s narrowed (min(c, 255)) at its
     * offset, then 64 zero bytes (see wn_word_tokenize_bytes). */
    unsigned char *bytes;
    /* Token ids, when gopher_repetition made them for words: equal tokens,
     * equal ids 0..nids-1; tok_first[id] is the first token with that id and
     * tok_count[id] how many there are. Valid while ids_of == words.v. */
    const wn_ustr *ids_of;
    const uint32_t *tok_first, *tok_count;
    size_t nids;
    /* sent_tokenize() of the text sents_s[0..sents_n), when c4_quality made
     * it for its rewrite (fineweb_quality counts that text's words): valid
     * while s == sents_s and n == sents_n. */
    const wn_ustr *sents;
    size_t nsents;
    const uint32_t *sents_s;
    size_t sents_n;
    const wn_tb_maps *sents_maps; /* that text's Treebank bitmaps, or NULL */
    /* and where its lines came from: line k (of sents_nlines, joined by
     * '\n') starts at sents_line_at[k] and, when sents_line_from[k] is not
     * NULL, is a copy of the characters there (NULL: no such record) */
    const size_t *sents_line_at;
    const uint32_t *const *sents_line_from;
    size_t sents_nlines;
    /* c4_quality: count each kept line's sentences on its own instead (the
     * whole split costs more than the lines' when nothing reuses it; the
     * stage sets this when no fineweb_quality follows). */
    int sents_per_line;
} wn_ftext;

int wn_ftext_words(wn_ftext *t); /* word_tokenize(text) once; -1 when full */
/* len(word_tokenize(text)), from the words when they are there, else from
 * the memo and the changed sentences; -1 when full. */
int wn_ftext_nwords(wn_ftext *t, size_t *count);

typedef struct wn_gq_cfg {
    double min_doc_words, max_doc_words, min_avg_word_length, max_avg_word_length;
    double max_symbol_word_ratio, max_bullet_lines_ratio, max_ellipsis_lines_ratio;
    double max_non_alpha_words_ratio, min_stop_words;
} wn_gq_cfg;

typedef struct wn_gr_cfg {
    double dup_line_frac, dup_para_frac, dup_line_char_frac, dup_para_char_frac;
    double top_n_grams[3];  /* n = 2, 3, 4 */
    double dup_n_grams[6];  /* n = 5 .. 10 */
    /* Not one of the reference's parameters: 1 ends the filter at its first
     * failing check, as the reference's filter() returns there, with the
     * values measured up to it (the paragraphs and lines come before the
     * words, so a document dropped for its duplicate lines is never
     * tokenized); 0 (the default) measures every value. The stage sets it
     * unless all=1. */
    int first_drop_ends;
} wn_gr_cfg;

typedef struct wn_c4_cfg {
    int split_paragraph, remove_citations, filter_no_terminal_punct;
    long long min_num_sentences, min_words_per_line, max_word_length;
    int filter_lorem_ipsum, filter_javascript, filter_curly_bracket, filter_policy;
} wn_c4_cfg;

typedef struct wn_fw_cfg {
    double line_punct_thr;
    int line_punct_exclude_zero;
    double short_line_thr;
    long long short_line_length;
    double char_duplicates_ratio, new_line_ratio;
} wn_fw_cfg;

typedef struct wn_bw_trie wn_bw_trie;

void wn_gq_defaults(wn_gq_cfg *c);
void wn_gr_defaults(wn_gr_cfg *c);
void wn_c4_defaults(wn_c4_cfg *c, int fineweb);
void wn_fw_defaults(wn_fw_cfg *c);

/* 0, or -1 when the arena is full. */
int wn_filter_gopher_quality(const wn_gq_cfg *c, wn_ftext *t, wn_fres *r);
int wn_filter_gopher_repetition(const wn_gr_cfg *c, wn_ftext *t, wn_fres *r);
/* For tests: find_all_duplicate(w, n) for n = 5..10 the way
 * gopher_repetition counts dup_n_gram_chars. how = 0: as the filter does
 * (keys from the start and end windows, full span hashes when those meet
 * too many collisions); 1: full span hashes only; 2: window keys only, -1
 * when they give up. -2 when the arena is full or n is out of range. */
long long wn_gr_dup_chars(wn_arena *a, const wn_ustr *w, size_t nw, size_t n, int how);
/* With want_cuts, r->cuts lists the removals that turn the input into
 * r->text_out (set only when kept and every removal could be placed; else
 * the caller replaces the whole text). */
int wn_filter_c4_quality(const wn_c4_cfg *c, wn_ftext *t, wn_fres *r, int want_cuts);
/* c4_quality's per-line count: len(line.split()), with flags for the
 * line's '[', '{', any code point >= U+0130, and U+0130 or U+212A (the two
 * non-ASCII characters whose lower case is ASCII); exposed for its test. */
enum { WN_C4_BRACKET = 1, WN_C4_CURLY = 2, WN_C4_BIG = 4, WN_C4_ODD = 8 };
size_t wn_c4_words(const uint32_t *line, size_t ln, unsigned *flags);
/* c4_quality's phrase scan: 3 AVX2, 2 SSSE3 (and POPCNT), 1 SSE2, 0 plain; -1 lets the CPU
 * choose again (the default). Returns the level in use. For tests. */
int wn_c4_simd(int level);
int wn_filter_fineweb_quality(const wn_fw_cfg *c, wn_ftext *t, wn_fres *r);
int wn_filter_c4_badwords(const wn_bw_trie *trie, wn_ftext *t, wn_fres *r);

/* The LDNOOBW English list as a trie (malloc; built once per stage). */
wn_bw_trie *wn_bw_trie_build(void);
void wn_bw_trie_free(wn_bw_trie *t);

/* Helpers shared by the filter files. */
void wn_fres_int(wn_fres *r, const char *name, long long v);
void wn_fres_dbl(wn_fres *r, const char *name, double v);
void wn_fres_null(wn_fres *r, const char *name);
/* a / b as Python computes it, or null when b == 0. */
void wn_fres_ratio(wn_fres *r, const char *name, long long a, long long b);
int wn_fres_str(wn_fres *r, wn_arena *a, const char *name, const uint32_t *s, size_t n);

/* find_duplicates(): over a list of strings, how many are repeats of an
 * earlier one and their total length. */
int wn_find_duplicates(wn_arena *a, const wn_ustr *v, size_t n, long long *dup_elems,
                       long long *dup_chars);

#endif
