/*
 * ftext.h - text as the Python reference sees it: a sequence of code points.
 *
 * Every length and ratio the filters report is Python's len() (code points),
 * and every character test is Python's (str.isspace, re's \w, ...), so the
 * filters work on UTF-32 copies of the text with the helpers here. Token and
 * sentence lists live in the document's arena.
 */
#ifndef WN_FTEXT_H
#define WN_FTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/arena.h"
#include "filter_data.h"

/* A run of code points; never owns its memory. */
typedef struct wn_ustr {
    const uint32_t *s;
    size_t n;
} wn_ustr;

typedef struct wn_ustr_vec {
    wn_ustr *v;
    size_t n, cap;
} wn_ustr_vec;

/* Append; -1 when the arena is full. */
int wn_ustr_vec_push(wn_arena *a, wn_ustr_vec *vec, const uint32_t *s, size_t n);
/* Make room for extra more entries; -1 when the arena is full. */
int wn_ustr_vec_grow(wn_arena *a, wn_ustr_vec *vec, size_t extra);
static inline int wn_ustr_vec_reserve(wn_arena *a, wn_ustr_vec *vec, size_t extra)
{
    return vec->cap - vec->n >= extra ? 0 : wn_ustr_vec_grow(a, vec, extra);
}

/* Decode UTF-8 into the arena (invalid bytes become U+FFFD). NULL when full. */
uint32_t *wn_utf8_to_u32(wn_arena *a, const char *s, size_t n, size_t *out_n);
/* The byte offset of every code point wn_utf8_to_u32 would decode, plus
 * the end (count + 1 entries). NULL when full. */
size_t *wn_utf8_offsets(wn_arena *a, const char *s, size_t n, size_t *count);
/* Encode code points as UTF-8 into the arena, NUL-terminated. */
char *wn_u32_to_utf8(wn_arena *a, const uint32_t *s, size_t n, size_t *out_len);

static inline int wn_isspace(uint32_t c)
{
    if (c < 128) /* ' ', \t \n \v \f \r and \x1c-\x1f */
        return c < 64 && ((0x1f0003e00ull >> c) & 1);
    return wn_uflags(c) & WN_U_SPACE;
}
static inline int wn_isword(uint32_t c)
{
    if (c < 128)
        return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_';
    return (wn_uflags(c) & WN_U_WORD) != 0;
}
static inline int wn_isdecimal(uint32_t c)
{
    if (c < 128)
        return c >= '0' && c <= '9';
    return (wn_uflags(c) & WN_U_DECIMAL) != 0;
}
static inline int wn_isalpha(uint32_t c)
{
    if (c < 128)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return (wn_uflags(c) & WN_U_ALPHA) != 0;
}
static inline int wn_isupper(uint32_t c)
{
    if (c < 128)
        return c >= 'A' && c <= 'Z';
    return (wn_uflags(c) & WN_U_UPPER) != 0;
}
static inline int wn_islower(uint32_t c)
{
    if (c < 128)
        return c >= 'a' && c <= 'z';
    return (wn_uflags(c) & WN_U_LOWER) != 0;
}
/* string.whitespace: the ASCII set punkt's last-whitespace search uses. */
static inline int wn_isasciispace(uint32_t c) { return c == ' ' || (c >= 9 && c <= 13); }

/* Python str.lower() into out (room for 2*n); returns the new length. */
size_t wn_u32_lower(const uint32_t *s, size_t n, uint32_t *out);

/* str.strip() bounds: [*a, *b) without leading/trailing whitespace. */
static inline void wn_u32_strip(const uint32_t *s, size_t n, size_t *a, size_t *b)
{
    size_t i = 0, j = n;
    while (i < j && wn_isspace(s[i]))
        i++;
    while (j > i && wn_isspace(s[j - 1]))
        j--;
    *a = i;
    *b = j;
}

/* A line break for str.splitlines(). */
static inline int wn_is_linebreak(uint32_t c)
{
    if (c >= 0x20)
        return c == 0x85 || c == 0x2028 || c == 0x2029;
    return (0x70003c00u >> c) & 1; /* \n \v \f \r \x1c \x1d \x1e */
}

/* The first index >= i where s[] holds c, or n: four code points at a time
 * with SSE2 (every x86-64 has it). */
static inline size_t wn_u32_find_char(const uint32_t *s, size_t i, size_t n, uint32_t c)
{
#ifdef __SSE2__
    const __m128i want = _mm_set1_epi32((int)c);
    for (; i + 4 <= n; i += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        int m = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, want)));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    while (i < n && s[i] != c)
        i++;
    return i;
}

/* A 64-bit hash of a code-point run, for tables whose hits are confirmed by
 * comparison: two code points per multiply, in four independent lanes
 * (eight per step: the lines and paragraphs of a text are all hashed, and
 * one lane would wait on each multiply). */
static inline uint64_t wn_u32_hash(const uint32_t *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n, g = 0x243f6a8885a308d3ull;
    uint64_t e = 0x13198a2e03707344ull, f = 0xa4093822299f31d0ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w[4];
        memcpy(w, s + i, sizeof w);
        h = (h ^ w[0]) * 0xff51afd7ed558ccdull;
        g = (g ^ w[1]) * 0xc4ceb9fe1a85ec53ull;
        e = (e ^ w[2]) * 0xff51afd7ed558ccdull;
        f = (f ^ w[3]) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 32;
        g ^= g >> 29;
        e ^= e >> 31;
        f ^= f >> 33;
    }
    for (; i + 2 <= n; i += 2) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    if (i < n) {
        h = (h ^ s[i]) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    h = (h ^ g ^ (e * 0x9e3779b97f4a7c15ull) ^ (f * 0xbf58476d1ce4e5b9ull)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* Compare a code-point run with a UTF-8 string (bytes order = code point order). */
int wn_u32_cmp_utf8(const uint32_t *s, size_t n, const char *u8);
/* Binary search in a sorted UTF-8 table; index or -1. */
long wn_u32_find(const char *const *table, size_t count, const uint32_t *s, size_t n);

/* punkt's English word lists (abbreviations, sentence starters,
 * collocations, orthographic contexts) as hash tables: built once (malloc),
 * read-only after, shared by every thread. Every function below that takes
 * one also accepts NULL and then searches the sorted tables instead, with
 * the same answers (tests/test_filter_tokenize.c checks every entry). */
typedef struct wn_punkt_model wn_punkt_model;
wn_punkt_model *wn_punkt_model_build(void); /* NULL when out of memory */
void wn_punkt_model_free(wn_punkt_model *m);
/* The index of s[0..n) in list 0 (abbreviations), 1 (sentence starters),
 * 2 (collocations, "w1\tw2") or 3 (orthographic words) of filter_data.h,
 * or -1. */
long wn_punkt_find(const wn_punkt_model *m, int list, const uint32_t *s, size_t n);

/* The sentences of one word_tokenize() run and how many tokens each gave
 * (the Treebank step depends on the sentence's characters alone), with a
 * hash table over the distinct ones. Arena memory. */
typedef struct wn_sent_memo {
    wn_ustr *sent;
    uint32_t *count;
    size_t n;
    uint32_t *slot; /* index + 1, 0 = empty */
    uint64_t *hash;
    size_t mask;
} wn_sent_memo;

/* word_tokenize(text), recording its sentences in memo when non-NULL. */
int wn_word_tokenize_memo(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                          wn_ustr_vec *out, wn_sent_memo *memo);
/* The same, and (bytes non-NULL, text n + 64 bytes) the text's
 * characters narrowed as the Treebank scan narrows them (min(c, 255)) at
 * their offsets in bytes, which the scan makes anyway: a token that points
 * into text has its narrowed characters there. Every character of text is
 * narrowed (the scan classifies the whole text at once); the 64 bytes
 * after it may be overwritten with zeros. */
int wn_word_tokenize_bytes(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                           wn_ustr_vec *out, wn_sent_memo *memo, unsigned char *bytes);
/* len(word_tokenize(text)): sentences found in memo (may be NULL or empty)
 * take their recorded count, the others are tokenized. */
int wn_word_count(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                  wn_sent_memo *memo, size_t *count);

/* Python's word_tokenize(text) (NLTK 3.8, English): punkt sentences, then the
 * Treebank word tokenizer on each. Tokens point into arena memory. */
int wn_word_tokenize(wn_arena *a, const uint32_t *text, size_t n, wn_ustr_vec *out);
/* NLTK sent_tokenize(text): punkt English sentences (spans into text). */
int wn_sent_tokenize(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                     wn_ustr_vec *out);
/* Bitmaps of a text of n code points: bit k & 63 of word k >> 6 stands for
 * text[k]; no bit is set at or past n, and each has (n + 63) / 64 + 1
 * words (the last is zero). */
typedef struct wn_text_marks {
    /* '.', '?' and '!': at least those followed by whitespace, a
     * non-ASCII code point or one of punkt's non-word characters (the
     * others are never a candidate, and may be left out) */
    const uint64_t *enders;
    const uint64_t *space;  /* ASCII whitespace by str.isspace(): \t to \r, \x1c to \x1f, ' ' */
    const uint64_t *high;   /* code points above 127 */
    /* at least every character a plain punkt word cannot hold (ASCII
     * whitespace, non-ASCII, )";}]*:@'({[!? and - . ,); others may be
     * set (punkt then looks at the word character by character) */
    const uint64_t *stop;
} wn_text_marks;
/* The same, given the text's marks (word_tokenize makes them anyway):
 * punkt then scans bitmaps instead of characters. */
int wn_sent_tokenize_marks(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                           const wn_text_marks *marks, wn_ustr_vec *out);
/* The Treebank step's bitmaps of a text (classified once for all its
 * sentences); arena memory. */
typedef struct wn_tb_maps wn_tb_maps;
/* The same, the marks made here by the Treebank step's classifier (one
 * pass over the text), whose bitmaps go to *maps when maps is non-NULL
 * (for wn_treebank_count_spans on sentences of the same text). */
int wn_sent_tokenize_classified(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text,
                                size_t n, wn_ustr_vec *out, const wn_tb_maps **maps);
/* len(sent_tokenize(text)), without making the list when it can. */
int wn_sent_count(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                  size_t *count);
/* The Treebank (NLTKWordTokenizer) step alone, on one sentence. */
int wn_treebank_tokenize(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out);
/* The same on each of nspans sentences that lie in text[0, n), one after
 * the other into out, the characters of text classified once for all of
 * them (as word_tokenize does; tests compare it with one sentence at a
 * time). */
int wn_treebank_tokenize_spans(wn_arena *a, const uint32_t *text, size_t n, const wn_ustr *spans,
                               size_t nspans, wn_ustr_vec *out);
/* How many tokens the Treebank step gives for each of nspans sentences,
 * summed, without making most of them. With maps (may be NULL) the
 * sentences lie in the text maps were made of, and take their bitmaps
 * from it; else each sentence's characters are classified on their own. */
int wn_treebank_count_spans(wn_arena *a, const wn_tb_maps *maps, const wn_ustr *spans,
                            size_t nspans, size_t *count);
/* The same by NLTK's substitutions alone, without the plain-chunk shortcut:
 * the reference the shortcut is tested against. */
int wn_treebank_tokenize_ref(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out);
/* For tests: the Treebank chunk scan classifies characters in plain C (0),
 * with SSE2 (1) or with AVX2 (2), at most what this build and CPU have;
 * -1 lets the CPU choose again (the default). Returns the level in use.
 * Not thread-safe: call it while no tokenizer runs. */
int wn_treebank_simd(int level);

#endif
