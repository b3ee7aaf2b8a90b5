/*
 * lexicon.h - the clean stage's word lists and the line normalizer they are
 * matched against.
 *
 * The lists live in data/clean/ TSV files and are compiled into lexicon.inc. A line
 * is normalized once (case folded, every run of non-letters turned into one
 * space, each word remembering where it sits in the raw line) and then
 * scanned for every list at once: whole-word matching for space-separated
 * scripts, substring matching for terms written in scripts without spaces
 * (Chinese, Japanese, Thai, and Korean compounds, which take particles).
 * A term written with a final '*' ("bukmacher*") matches every word that
 * starts with it, for languages that inflect the words spam is made of.
 * Internal to lib/clean/.
 */
#ifndef WN_CLEAN_LEXICON_H
#define WN_CLEAN_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

typedef enum wn_lex_kind {
    WN_LEX_SPAM,
    WN_LEX_FUNCTION,
    WN_LEX_INTERFACE,
    WN_LEX_BYLINE,
    WN_LEX_ANNOUNCE,
    WN_LEX_NKINDS
} wn_lex_kind;

typedef struct wn_lex_entry {
    const char *term;
    wn_lex_kind kind;
    const char *cat;  /* category: "gambling", "phrase", "m09", "pointer" ... */
    const char *lang;
    float weight;
} wn_lex_entry;

/* A normalized line. Word i is norm[wstart[i] .. wstart[i]+wlen[i]) and came
 * from raw bytes [rstart[i], rend[i]) of the line. */
typedef struct wn_norm {
    char *norm;
    size_t nlen;
    uint32_t *wstart, *wlen, *rstart, *rend;
    size_t nwords;
    size_t letters;  /* letters and digits, in code points */
    size_t digits;   /* ASCII digits */
    size_t nospace;  /* code points of scripts written without spaces */
    size_t han;      /* of which Han and kana (about two to a word) */
    size_t sea;      /* of which Thai, Lao, Khmer, Myanmar (about six to a word) */
    size_t upper_initial; /* words whose first letter is upper case */
} wn_norm;

typedef struct wn_lexicon wn_lexicon;

/* Build the lookup tables from the embedded entries. NULL when out of memory. */
wn_lexicon *wn_lexicon_create(void);
void wn_lexicon_free(wn_lexicon *lx);

/* Normalize raw line s[0..n) (valid UTF-8) into out, allocating from a.
 * -1 when out of memory. */
int wn_norm_line(wn_arena *a, const char *s, size_t n, wn_norm *out);

/* One match: entry e covers words [word, word + nwords) (nwords == 0 for a
 * substring match, which covers clen bytes of norm). */
typedef struct wn_lex_hit {
    const wn_lex_entry *e;
    size_t word, nwords, clen;
    int at_start; /* the match begins the line (word 0, or byte 0 of norm) */
} wn_lex_hit;

typedef void (*wn_lex_fn)(void *ud, const wn_lex_hit *hit);

/* Report the matches in nm of every kind in the bit mask kinds (1u << kind):
 * per kind, the longest term starting at a word, then that kind resumes after
 * it, so "online casino" is one hit and not two. Substring terms are reported
 * once per occurrence. */
void wn_lex_scan(const wn_lexicon *lx, const wn_norm *nm, unsigned kinds, wn_lex_fn fn, void *ud);

/* Is word i of nm exactly a term of kind (single-word terms)? Returns the
 * entry or NULL. */
const wn_lex_entry *wn_lex_word(const wn_lexicon *lx, const wn_norm *nm, size_t i,
                                wn_lex_kind kind);

/* Code point classes used across the stage. */
int wn_cp_nospace(uint32_t cp); /* Han, kana, Thai, Hangul, Lao, Khmer, Myanmar */

/* About how many words the line has: its space-separated words, plus the
 * words hidden in runs of scripts written without spaces (Hangul is
 * written with spaces, so its words are already counted). */
double wn_norm_words(const wn_norm *nm);

#endif
