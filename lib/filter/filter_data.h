/*
 * filter_data.h - the data the quality filters are built on, generated into
 * filter_data.c by scripts/gen_filter_data.py from data/filter/: Python's
 * character classes (the reference decides with str.isalpha, re's \w and so
 * on, so exact parity needs exactly those), the punkt English parameters and
 * the LDNOOBW English bad-words list. All of it is read-only.
 */
#ifndef WN_FILTER_DATA_H
#define WN_FILTER_DATA_H

#include <stddef.h>
#include <stdint.h>

/* Per-code-point flags, as Python 3.11 sees the character. */
enum {
    WN_U_SPACE = 1,   /* str.isspace(), re's \s */
    WN_U_WORD = 2,    /* re's \w: isalnum() or '_' */
    WN_U_DECIMAL = 4, /* re's \d: isdecimal() */
    WN_U_ALPHA = 8,   /* isalpha() */
    WN_U_UPPER = 16,  /* isupper() of the one character */
    WN_U_LOWER = 32,  /* islower() of the one character */
    WN_U_PUNCT = 64   /* in datatrove's PUNCTUATION_SET */
};

extern const uint16_t wn_uflags_idx[];
extern const uint8_t wn_uflags_blk[];
static inline uint8_t wn_uflags(uint32_t c)
{
    return c < 0x110000 ? wn_uflags_blk[wn_uflags_idx[c >> 8] * 256 + (c & 255)] : 0;
}
/* str.lower() of one code point when it is one code point; U+0130 lowers to
 * "i\u0307" and callers handle it (wn_ulower1 returns it unchanged). */
uint32_t wn_ulower1(uint32_t c);

/* Sorted by UTF-8 bytes, for binary search. */
extern const char *const wn_punkt_abbrev[];
extern const size_t wn_punkt_abbrev_n;
extern const char *const wn_punkt_starters[];
extern const size_t wn_punkt_starters_n;
extern const char *const wn_punkt_colloc[]; /* "word1\tword2" */
extern const size_t wn_punkt_colloc_n;
extern const char *const wn_punkt_ortho_word[];
extern const uint8_t wn_punkt_ortho_flags[];
extern const size_t wn_punkt_ortho_n;
extern const char *const wn_badwords_en[];
extern const size_t wn_badwords_en_n;

#endif
