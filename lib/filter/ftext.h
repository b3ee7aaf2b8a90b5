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

/* Decode UTF-8 into the arena (invalid bytes become U+FFFD). NULL when full. */
uint32_t *wn_utf8_to_u32(wn_arena *a, const char *s, size_t n, size_t *out_n);
/* The byte offset of every code point wn_utf8_to_u32 would decode, plus
 * the end (count + 1 entries). NULL when full. */
size_t *wn_utf8_offsets(wn_arena *a, const char *s, size_t n, size_t *count);
/* Encode code points as UTF-8 into the arena, NUL-terminated. */
char *wn_u32_to_utf8(wn_arena *a, const uint32_t *s, size_t n, size_t *out_len);

static inline int wn_isspace(uint32_t c)
{
    if (c < 128)
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
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
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
           c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Compare a code-point run with a UTF-8 string (bytes order = code point order). */
int wn_u32_cmp_utf8(const uint32_t *s, size_t n, const char *u8);
/* Binary search in a sorted UTF-8 table; index or -1. */
long wn_u32_find(const char *const *table, size_t count, const uint32_t *s, size_t n);

/* Python's word_tokenize(text) (NLTK 3.8, English): punkt sentences, then the
 * Treebank word tokenizer on each. Tokens point into arena memory. */
int wn_word_tokenize(wn_arena *a, const uint32_t *text, size_t n, wn_ustr_vec *out);
/* NLTK sent_tokenize(text): punkt English sentences (spans into text). */
int wn_sent_tokenize(wn_arena *a, const uint32_t *text, size_t n, wn_ustr_vec *out);
/* The Treebank (NLTKWordTokenizer) step alone, on one sentence. */
int wn_treebank_tokenize(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out);
/* The same by NLTK's substitutions alone, without the plain-chunk shortcut:
 * the reference the shortcut is tested against. */
int wn_treebank_tokenize_ref(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out);

#endif
