/*
 * gopher.c - the Gopher quality and repetition filters (Rae et al. 2021, as
 * datatrove fe81883d implements them), and the helpers every filter shares:
 * recorded values and find_duplicates().
 *
 * Counts are exact integers and every ratio is one IEEE division of two of
 * them, the same division Python does, so the recorded values are equal to
 * the reference's to the last bit. Duplicate detection hashes code-point
 * strings in arena tables and confirms every hash hit by comparison, so a
 * collision can never change a count.
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#define WN_GR_AVX2 1 /* chosen at run time, see may_lists_avx2() */
#include <immintrin.h>
#endif

#include "filters.h"

/* ---- recorded values ---- */

static wn_fval *fres_add(wn_fres *r, const char *name, char kind)
{
    if (r->nv >= WN_FRES_MAX)
        return NULL;
    wn_fval *v = &r->v[r->nv++];
    memset(v, 0, sizeof *v);
    v->name = name;
    v->kind = kind;
    return v;
}

void wn_fres_int(wn_fres *r, const char *name, long long x)
{
    wn_fval *v = fres_add(r, name, 'i');
    if (v)
        v->i = x;
}

void wn_fres_dbl(wn_fres *r, const char *name, double x)
{
    wn_fval *v = fres_add(r, name, isfinite(x) ? 'd' : 'n');
    if (v)
        v->d = x;
}

void wn_fres_null(wn_fres *r, const char *name) { fres_add(r, name, 'n'); }

void wn_fres_ratio(wn_fres *r, const char *name, long long a, long long b)
{
    if (b == 0)
        wn_fres_null(r, name);
    else
        wn_fres_dbl(r, name, (double)a / (double)b);
}

int wn_fres_str(wn_fres *r, wn_arena *a, const char *name, const uint32_t *s, size_t n)
{
    size_t len;
    char *u = wn_u32_to_utf8(a, s, n, &len);
    if (!u)
        return -1;
    wn_fval *v = fres_add(r, name, 's');
    if (v) {
        v->s = u;
        v->slen = len;
    }
    return 0;
}

static int words_valid(const wn_ftext *t)
{
    return t->have_words && t->words_s == t->s && t->words_n == t->n;
}

int wn_ftext_words(wn_ftext *t)
{
    if (words_valid(t))
        return 0;
    memset(&t->words, 0, sizeof t->words);
    memset(&t->memo, 0, sizeof t->memo);
    t->ids_of = NULL;
    /* the tokenizer narrows every character of the text into bytes, so
     * only the 64 bytes after it (read by 8-byte loads at token ends) need
     * clearing, not the whole */
    t->bytes = wn_arena_alloc(t->a, t->n + 64);
    if (t->bytes)
        memset(t->bytes + t->n, 0, 64);
    if (!t->bytes ||
        wn_word_tokenize_bytes(t->a, t->pm, t->s, t->n, &t->words, &t->memo, t->bytes))
        return -1;
    t->have_words = 1;
    t->words_s = t->s;
    t->words_n = t->n;
    return 0;
}

int wn_ftext_nwords(wn_ftext *t, size_t *count)
{
    if (words_valid(t)) {
        *count = t->words.n;
        return 0;
    }
    if (!t->memo.n)
        return wn_ftext_words(t) ? -1 : (*count = t->words.n, 0);
    return wn_word_count(t->a, t->pm, t->s, t->n, &t->memo, count);
}

/* ---- hashing ---- */

typedef struct hent {
    uint64_t h;
    uint32_t idx; /* first occurrence */
    uint32_t count;
} hent;

typedef struct hset {
    hent *e;
    size_t mask;
} hset;

static int hset_init(wn_arena *a, hset *hs, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    hs->e = wn_arena_calloc(a, cap, sizeof *hs->e);
    hs->mask = cap - 1;
    return hs->e ? 0 : -1;
}


/* find_duplicates() with the hash of each element given. */
static int find_dups_hashed(wn_arena *a, const wn_ustr *v, const uint64_t *hash, size_t n,
                            long long *dup_elems, long long *dup_chars)
{
    *dup_elems = *dup_chars = 0;
    hset hs;
    if (hset_init(a, &hs, n))
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = hash[i];
        size_t p = h & hs.mask;
        for (;;) {
            hent *e = &hs.e[p];
            if (!e->count) {
                e->h = h;
                e->idx = (uint32_t)i;
                e->count = 1;
                break;
            }
            if (e->h == h && v[e->idx].n == v[i].n &&
                !memcmp(v[e->idx].s, v[i].s, v[i].n * sizeof *v[i].s)) {
                (*dup_elems)++;
                *dup_chars += (long long)v[i].n;
                break;
            }
            p = (p + 1) & hs.mask;
        }
    }
    return 0;
}

int wn_find_duplicates(wn_arena *a, const wn_ustr *v, size_t n, long long *dup_elems,
                       long long *dup_chars)
{
    uint64_t *hash = wn_arena_alloc(a, (n + 1) * sizeof *hash);
    if (!hash)
        return -1;
    for (size_t i = 0; i < n; i++)
        hash[i] = wn_u32_hash(v[i].s, v[i].n);
    return find_dups_hashed(a, v, hash, n, dup_elems, dup_chars);
}

/* ---- gopher_quality ---- */

void wn_gq_defaults(wn_gq_cfg *c)
{
    c->min_doc_words = 50;
    c->max_doc_words = 100000;
    c->min_avg_word_length = 3;
    c->max_avg_word_length = 10;
    c->max_symbol_word_ratio = 0.1;
    c->max_bullet_lines_ratio = 0.9;
    c->max_ellipsis_lines_ratio = 0.3;
    c->max_non_alpha_words_ratio = 0.8;
    c->min_stop_words = 2;
}

/* Which stop word (0..7) a token of 2 to 4 ASCII characters is, or -1:
 * the, be, to, of, and, that, have, with. key holds its code points packed
 * 8 bits each, low first; all eight are compared at once, without a branch
 * per letter. */
static int stop_index(uint32_t key)
{
#define PACK4(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
    static const uint32_t stop[8] = {PACK4('t', 'h', 'e', 0), PACK4('b', 'e', 0, 0),
                                     PACK4('t', 'o', 0, 0),   PACK4('o', 'f', 0, 0),
                                     PACK4('a', 'n', 'd', 0), PACK4('t', 'h', 'a', 't'),
                                     PACK4('h', 'a', 'v', 'e'), PACK4('w', 'i', 't', 'h')};
#undef PACK4
    unsigned m = 0;
    for (int k = 0; k < 8; k++)
        m |= (unsigned)(key == stop[k]) << k;
    return m ? __builtin_ctz(m) : -1;
}

/* Which stop word w is, or -1 (see stop_index). */
static int stop_word(const wn_ustr *w)
{
    if (w->n < 2 || w->n > 4)
        return -1;
    uint32_t key = 0, big = 0;
    for (size_t k = 0; k < w->n; k++) {
        key |= w->s[k] << (8 * k);
        big |= w->s[k];
    }
    if (big >= 128)
        return -1; /* a non-ASCII letter: no stop word */
    return stop_index(key);
}

/* The word flags of a token of 1 to 8 printable ASCII characters ('!' to
 * '~') given as its bytes v, low first (the bytes above byte n-1 are not
 * looked at: a sum carries only upward): *sym when
 * every character is punctuation (in that range, all but the letters and
 * the digits are: tests/test_filter_gopher_r10.c checks this against the
 * table for every byte), *alpha when one is a letter. Returns 0, with
 * neither set, when a byte is outside the range; the caller then looks at
 * the characters one by one. Eight bytes at once, each a range test by
 * adding to every byte (no byte is above 0x7f once the first test passes,
 * so no sum carries into the next byte). */
static inline int ascii_word_flags(uint64_t v, size_t n, unsigned *sym, unsigned *alpha)
{
    const uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    uint64_t hk = H >> (8 * (8 - n)); /* the high bit of each of the n bytes */
    if ((v & hk) || ((v + 0x5f * L) & hk) != hk || ((v + L) & hk))
        return 0; /* a byte >= 0x80, < 0x21 or 0x7f */
    uint64_t y = v | 0x20 * L; /* letters to lower case, '@' to '`' and '[' to '{' */
    uint64_t letter = (y + 0x1f * L) & ~(y + 0x05 * L) & hk; /* 'a'..'z' */
    uint64_t digit = (v + 0x50 * L) & ~(v + 0x46 * L) & hk;  /* '0'..'9' */
    *sym = (letter | digit) == 0;
    *alpha = letter != 0;
    return 1;
}

/* The same for a token of 9 to 16 characters whose bytes are at b (16
 * readable): its first eight, then the rest. Apart from the tokens of up
 * to 8, so that those pay no second test. */
static inline int ascii_word_flags16(const unsigned char *b, size_t n, unsigned *sym,
                                     unsigned *alpha)
{
    uint64_t v[2];
    unsigned sym1, alpha1;
    memcpy(v, b, 16);
    if (!ascii_word_flags(v[0], 8, &sym1, &alpha1) || !ascii_word_flags(v[1], n - 8, sym, alpha))
        return 0;
    *sym &= sym1;
    *alpha |= alpha1;
    return 1;
}

#ifdef __SSE2__
/* The lanes gopher_quality's scan must look at, of those that are not
 * ASCII: U+0085, U+2026, U+2028 and U+2029 (of the ASCII ones: control
 * characters but the tab, the line breaks among them, '.' and '#'). */
static inline __m128i quality_marks_wide(__m128i v)
{
    __m128i m = _mm_or_si128(_mm_cmpeq_epi32(v, _mm_set1_epi32(0x85)),
                             _mm_cmpeq_epi32(v, _mm_set1_epi32(0x2026)));
    return _mm_or_si128(m, _mm_cmpeq_epi32(_mm_or_si128(v, _mm_set1_epi32(1)),
                                           _mm_set1_epi32(0x2029)));
}
#endif

/* One line of text.splitlines() for gopher_quality: after strip(), does it
 * start with a bullet ('\u2022' or '-') and end with an ellipsis ("..." or
 * '\u2026')? */
static inline void line_marks(const uint32_t *line, size_t len, long long *bullets,
                              long long *end_ell)
{
    size_t a, b;
    wn_u32_strip(line, len, &a, &b);
    if (a >= b)
        return;
    *bullets += line[a] == 0x2022 || line[a] == '-';
    const uint32_t *e = line + b;
    *end_ell += (b - a >= 3 && e[-1] == '.' && e[-2] == '.' && e[-3] == '.') || e[-1] == 0x2026;
}

int wn_filter_gopher_quality(const wn_gq_cfg *c, wn_ftext *t, wn_fres *r)
{
    if (wn_ftext_words(t))
        return -1;
    const wn_ustr *w = t->words.v;
    size_t nw = t->words.n;
    long long n_non_symbol = 0, sum_len = 0, alpha = 0, stop_count = 0;
    unsigned stop_seen = 0;
    const uint8_t *latin1 = wn_uflags_blk + (size_t)wn_uflags_idx[0] * 256;
    /* Every count is a sum over tokens of something the token's characters
     * decide, so when gopher_repetition has given the tokens ids, each
     * distinct token is looked at once and weighted by its count (far fewer
     * than the tokens); otherwise each token is, with weight 1. */
    int by_id = t->ids_of == w && w;
    size_t nclass = by_id ? t->nids : nw;
    /* A token of 1 to 16 characters in the text has them narrowed by the
     * tokenizer (min(c, 255), every character of the text): when they
     * are all printable ASCII, those bytes are the token, and its flags
     * come from them at once (ascii_word_flags, ascii_word_flags16),
     * without a loop over its characters whose exit would mispredict at
     * most tokens. */
    uintptr_t tbase = (uintptr_t)t->s, tbytes = t->bytes ? t->n * sizeof *t->s : 0;
    const unsigned char *narrow = t->bytes;
    for (size_t c = 0; c < nclass; c++) {
        const wn_ustr *x = by_id ? &w[t->tok_first[c]] : &w[c];
        long long times = by_id ? (long long)t->tok_count[c] : 1;
        uintptr_t off = (uintptr_t)x->s - tbase;
        unsigned is_sym, is_alpha;
        uint64_t v = 0;
        int k;
        if (off < tbytes && x->n - 1 < 8) {
            memcpy(&v, narrow + off / sizeof *t->s, 8);
            v &= ~0ull >> (8 * (8 - x->n));
        }
        if (v && ascii_word_flags(v, x->n, &is_sym, &is_alpha)) {
            k = x->n - 2 < 3 ? stop_index((uint32_t)v) : -1;
        } else if (off < tbytes && x->n - 9 < 8 &&
                   ascii_word_flags16(narrow + off / sizeof *t->s, x->n, &is_sym, &is_alpha)) {
            k = -1; /* no stop word is this long */
        } else {
            unsigned all = WN_U_PUNCT, any = 0;
            for (size_t q = 0; q < x->n; q++) {
                uint32_t ch = x->s[q];
                uint8_t f = ch < 256 ? latin1[ch] : wn_uflags(ch);
                all &= f;
                any |= f;
            }
            is_sym = all != 0;
            is_alpha = (any & WN_U_ALPHA) != 0;
            k = stop_word(x);
        }
        /* without branches: symbols and stop words come irregularly */
        long long sym = is_sym;
        n_non_symbol += (1 - sym) * times;
        sum_len += ((long long)x->n & (sym - 1)) * times;
        alpha += (long long)is_alpha * times;
        stop_count += (k >= 0) * times;
        stop_seen |= (k >= 0) << (k & 7);
    }
    /* One pass over the text: '#', "..." (non-overlapping: a run of k dots
     * holds k/3), U+2026, and text.splitlines() with each line lstrip()ped
     * and rstrip()ped for bullets and trailing ellipses. Only a few
     * characters matter (those, and line breaks), so 32 characters at a
     * time are screened into a bit mask of the ones that may (a superset:
     * every control character but the tab, which web text is full of), and
     * only those are looked at, in order;
     * i is where the text not yet looked at starts (a dot run or "\r\n"
     * may consume past a set bit, or past the block). The screen reads the
     * tokenizer's narrowed bytes (min(c, 255)): every mark below 255 is
     * its own byte (U+0085 too), and U+2026, U+2028 and U+2029 are among
     * the 255s, which are looked up exactly in the code points when a
     * block has one. */
    long long hashes = 0, ellipsis = 0, n_lines = 0, bullets = 0, end_ell = 0;
    const uint32_t *s = t->s;
    size_t n = t->n, line_start = 0, i = 0;
    for (size_t i0 = 0; i0 < n; i0 += 32) {
        if (i >= i0 + 32)
            continue;
        uint32_t m = 0;
#ifdef __SSE2__
        /* 32 bytes readable: the text's, then its 64 zeros */
        const __m128i tab = _mm_set1_epi8('\t'), dot = _mm_set1_epi8('.');
        const __m128i hash = _mm_set1_epi8('#'), nel = _mm_set1_epi8((char)0x85);
        const __m128i c1f = _mm_set1_epi8(0x1f), ff = _mm_set1_epi8(-1);
        __m128i x = _mm_loadu_si128((const __m128i *)(narrow + i0));
        __m128i y = _mm_loadu_si128((const __m128i *)(narrow + i0 + 16));
#define QUALITY_MARKS(v)                                                                   \
    _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(v, tab),                                 \
                                  _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v)),               \
                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, hash)), \
                              _mm_cmpeq_epi8(v, nel)))
        m = (uint32_t)_mm_movemask_epi8(QUALITY_MARKS(x)) |
            (uint32_t)_mm_movemask_epi8(QUALITY_MARKS(y)) << 16;
#undef QUALITY_MARKS
        uint32_t wide = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, ff)) |
                        (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(y, ff)) << 16;
        if (wide && i0 + 32 <= n) {
            /* rare outside the texts beyond Latin-1: exactly */
            __m128i w[8];
            for (int k = 0; k < 8; k++)
                w[k] = quality_marks_wide(_mm_loadu_si128((const __m128i *)(s + i0 + 4 * k)));
            __m128i lo = _mm_packs_epi16(_mm_packs_epi32(w[0], w[1]), _mm_packs_epi32(w[2], w[3]));
            __m128i hi = _mm_packs_epi16(_mm_packs_epi32(w[4], w[5]), _mm_packs_epi32(w[6], w[7]));
            m |= (uint32_t)_mm_movemask_epi8(lo) | (uint32_t)_mm_movemask_epi8(hi) << 16;
        } else if (wide) {
            for (; wide; wide &= wide - 1) { /* the last block: within the text */
                size_t k = i0 + (size_t)__builtin_ctz(wide);
                if (k < n && (s[k] == 0x2026 || (s[k] | 1) == 0x2029))
                    m |= 1u << (k - i0);
            }
        }
        if (i0 + 32 > n) /* the zeros past the end look like control characters */
            m &= (1u << (n - i0)) - 1;
#else
        for (size_t k = i0; k < n && k < i0 + 32; k++) {
            uint32_t c = s[k];
            m |= (uint32_t)((c < 0x20 && c != '\t') || c == '.' || c == '#' || c == 0x85 ||
                            c == 0x2026 || c == 0x2028 || c == 0x2029)
                 << (k - i0);
        }
#endif
        if (i > i0)
            m &= ~0u << (i - i0);
        for (; m; m &= m - 1) {
            size_t at = i0 + (size_t)__builtin_ctz(m);
            if (at < i)
                continue;
            uint32_t ch = s[at];
            i = at + 1;
            if (ch == '.') {
                while (i < n && s[i] == '.')
                    i++;
                ellipsis += (long long)(i - at) / 3;
                continue;
            }
            hashes += ch == '#';
            ellipsis += ch == 0x2026;
            if (!wn_is_linebreak(ch))
                continue;
            n_lines++;
            line_marks(s + line_start, at - line_start, &bullets, &end_ell);
            if (ch == '\r' && i < n && s[i] == '\n')
                i++;
            line_start = i;
        }
    }
    if (line_start < n) { /* the last line, unless the text ends with a break */
        n_lines++;
        line_marks(s + line_start, n - line_start, &bullets, &end_ell);
    }

    wn_fres_int(r, "n_words", (long long)nw);
    wn_fres_int(r, "n_non_symbol_words", n_non_symbol);
    wn_fres_int(r, "sum_non_symbol_word_len", sum_len);
    wn_fres_ratio(r, "avg_word_length", sum_len, n_non_symbol);
    wn_fres_int(r, "hash_count", hashes);
    wn_fres_int(r, "ellipsis_count", ellipsis);
    wn_fres_int(r, "n_lines", n_lines);
    wn_fres_int(r, "bullet_lines", bullets);
    wn_fres_int(r, "end_ellipsis_lines", end_ell);
    wn_fres_int(r, "alpha_words", alpha);
    wn_fres_int(r, "stop_word_count", stop_count);
    wn_fres_int(r, "stop_word_distinct", __builtin_popcount(stop_seen));
    wn_fres_ratio(r, "hash_ratio", hashes, (long long)nw);
    wn_fres_ratio(r, "ellipsis_ratio", ellipsis, (long long)nw);
    wn_fres_ratio(r, "bullet_lines_ratio", bullets, n_lines);
    wn_fres_ratio(r, "end_ellipsis_lines_ratio", end_ell, n_lines);
    wn_fres_ratio(r, "alpha_words_ratio", alpha, (long long)nw);

    /* The reference's checks, in its order; a zero threshold disables one. */
    double avg = n_non_symbol ? (double)sum_len / (double)n_non_symbol : NAN;
    double dnw = (double)nw;
    r->kept = 0;
    if (c->min_doc_words && n_non_symbol < c->min_doc_words)
        r->reason = "gopher_short_doc";
    else if (c->max_doc_words && n_non_symbol > c->max_doc_words)
        r->reason = "gopher_long_doc";
    else if (c->min_avg_word_length && avg < c->min_avg_word_length)
        r->reason = "gopher_below_avg_threshold";
    else if (c->max_avg_word_length && avg > c->max_avg_word_length)
        r->reason = "gopher_above_avg_threshold";
    else if (c->max_symbol_word_ratio && nw && (double)hashes / dnw > c->max_symbol_word_ratio)
        r->reason = "gopher_too_many_hashes";
    else if (c->max_symbol_word_ratio && nw && (double)ellipsis / dnw > c->max_symbol_word_ratio)
        r->reason = "gopher_too_many_ellipsis";
    else if (c->max_bullet_lines_ratio && n_lines &&
             (double)bullets / (double)n_lines > c->max_bullet_lines_ratio)
        r->reason = "gopher_too_many_bullets";
    else if (c->max_ellipsis_lines_ratio && n_lines &&
             (double)end_ell / (double)n_lines > c->max_ellipsis_lines_ratio)
        r->reason = "gopher_too_many_end_ellipsis";
    else if (c->max_non_alpha_words_ratio && nw &&
             (double)alpha / dnw < c->max_non_alpha_words_ratio)
        r->reason = "gopher_below_alpha_threshold";
    else if (c->min_stop_words && stop_count < c->min_stop_words)
        r->reason = "gopher_enough_stop_words";
    else
        r->kept = 1;
    return 0;
}

/* ---- gopher_repetition ---- */

void wn_gr_defaults(wn_gr_cfg *c)
{
    c->dup_line_frac = 0.3;
    c->dup_para_frac = 0.3;
    c->dup_line_char_frac = 0.2;
    c->dup_para_char_frac = 0.2;
    c->top_n_grams[0] = 0.2;
    c->top_n_grams[1] = 0.18;
    c->top_n_grams[2] = 0.16;
    static const double dup[6] = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};
    memcpy(c->dup_n_grams, dup, sizeof dup);
    c->first_drop_ends = 0;
}

/* How the n-gram checks are made cheap.
 *
 * The tokens are copied once into C, their concatenation with every code
 * point folded to a byte: equal strings stay equal, which is all a hash
 * needs; strings that fold alike only cost a comparison.
 *
 * Every token gets an id, equal tokens equal ids, numbered in order of first
 * appearance (one hash probe per token, confirmed by comparing characters).
 *
 * top_n_grams counts " ".join(words[i:i+n]); tokens hold no whitespace, so
 * two such strings are equal exactly when their token sequences are. The
 * n-grams are numbered the same way as the tokens, from pairs: the n-gram at
 * i is the pair (number of the (n-1)-gram at i, id of token i+n-1), a 64-bit
 * key compared exactly, so no string is ever compared. Numbers follow first
 * appearance, so Counter.most_common's "first seen wins a tie" is "smallest
 * number wins".
 *
 * dup_n_grams joins without spaces, so n-grams cut differently can be equal.
 * An n-gram's key depends on its span of C alone, the same wherever the
 * string occurs and however it is cut: its length and the hashes of its
 * first and last 16 bytes (made once per document, below), or its bytes
 * when shorter. A key hit is confirmed by comparing token ids, then, if the
 * cuts differ, characters: collisions cost time, never correctness, and
 * all_dup bounds that time.
 *
 * Most n-grams occur once, and the tables are only needed for those that do
 * not, so each level first proves most positions unique:
 *
 * - top_n_grams: an n-gram whose (n-1)-gram prefix or suffix occurs once
 *   occurs once too (equal token sequences have equal prefixes and
 *   suffixes). Only positions whose both (n-1)-grams repeat get a number;
 *   the others count 1. A count-1 n-gram can only be the most common one
 *   when every n-gram occurs once, and then it is the first.
 * - dup_n_grams: equality is of strings, however they are cut, so token
 *   sequences prove nothing there. Instead: two equal n-grams of at least
 *   RPT_K characters starting at token starts p and q have
 *   C[p, p+K) == C[q, q+K), and ending at token ends e and f have
 *   C[e-K, e) == C[f-K, f). So the K bytes after every token start and
 *   before every token end are hashed once per document and counted in two
 *   small tables that tell "this hash occurs at least twice". An n-gram of
 *   K characters or more whose start or end window is seen once is unique:
 *   it cannot repeat an earlier n-gram, and no later n-gram can repeat it,
 *   so it needs no probe and no entry. Collisions only send more positions
 *   through the exact path. The positions left are listed per n, so each
 *   level walks only those.
 *
 * Branches that follow the text (is this token new, does this position
 * repeat, how long is this token) mispredict often, so the hot loops
 * decide them with arithmetic instead: compacted lists, a new number
 * written by the same instructions as an old one, short tokens read as
 * fixed-size blocks. */

typedef struct ngram_ctx {
    const wn_ustr *w;
    size_t nw;
    const uint32_t *text;       /* what most tokens point into, or NULL */
    size_t tn;
    const unsigned char *bytes; /* text narrowed by the tokenizer (wn_ftext) */
    uint32_t *id;    /* token ids */
    uint8_t *c8;     /* C, the folded concatenation, + RPT_K zero bytes */
    long long *pre;  /* prefix sums of token lengths */
    uint32_t *tcount; /* occurrences of each token id */
    uint32_t *first;  /* the first token of each id */
    size_t nids;      /* how many ids */
    uint8_t *rep;    /* RPT_START / RPT_END flags per token index, see below */
    uint32_t *may[6]; /* per n = 5..10, the positions whose n-gram may repeat */
    size_t nmay[6];
    size_t maxmay;    /* the most of the six */
    uint64_t *win_s; /* the hash of the window after token start t, where whole */
    uint64_t *win_e; /* the hash of the window before boundary t, where whole */
    uint32_t *bcand; /* the bigrams whose both tokens repeat, room for nw + 1 */
    size_t nbcand;
} ngram_ctx;

/* The table of all_dup's probes, shared by its levels; a slot is empty
 * unless its gen is the current level's, so levels need no clearing. */
typedef struct gslot {
    uint64_t key;
    uint32_t val;
    uint32_t gen;
} gslot;

typedef struct gtab {
    gslot *s;
    size_t mask;
    int bits;
    uint32_t gen;
} gtab;

static int gtab_init(wn_arena *a, gtab *t, size_t n)
{
    /* at most a third full (fewer probes run on past a taken slot) while
     * that costs at most 1 MB, two thirds beyond */
    size_t cap = 16, want = 3 * n <= 65536 ? 3 * n : n + n / 2;
    int bits = 4;
    while (cap < want)
        cap <<= 1, bits++;
    t->s = wn_arena_calloc(a, cap, sizeof *t->s);
    t->mask = cap - 1;
    t->bits = bits;
    t->gen = 0;
    return t->s ? 0 : -1;
}


/* The keys are hashes ending in a multiply and a shift down, so their top
 * bits are mixed already: no multiply of their own on the way to the slot. */
static inline size_t gtab_pos(const gtab *t, uint64_t h)
{
    return (size_t)(h >> (64 - t->bits));
}

/* a[0, n) == b[0, n), inline: the arrays compared here are short (tokens of
 * about ten code points, n-grams of five to ten ids), where a call to memcmp
 * costs more than the comparison. The differences are ORed, not tested one
 * block at a time: a comparison made here almost always finds equal arrays.
 * Only the arrays' own elements are read (the last block overlaps the one
 * before). */
static inline int u32_eq(const uint32_t *a, const uint32_t *b, size_t n)
{
#ifdef __SSE2__
    if (n >= 4) {
        __m128i d = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(a + n - 4)),
                                  _mm_loadu_si128((const __m128i *)(b + n - 4)));
        for (size_t k = 0; k + 4 < n; k += 4)
            d = _mm_or_si128(d, _mm_xor_si128(_mm_loadu_si128((const __m128i *)(a + k)),
                                              _mm_loadu_si128((const __m128i *)(b + k))));
        return _mm_movemask_epi8(_mm_cmpeq_epi32(d, _mm_setzero_si128())) == 0xffff;
    }
#endif
    uint32_t d = 0;
    for (size_t k = 0; k < n; k++)
        d |= a[k] ^ b[k];
    return d == 0;
}

static int tok_eq(const wn_ustr *a, const wn_ustr *b)
{
    return a->n == b->n && u32_eq(a->s, b->s, a->n);
}

#define RPT_K 16   /* characters in a start or end window */
#define RPT_START 1 /* the window at this token's start is seen twice or more */
#define RPT_END 2   /* the window before this boundary (end of token i-1) is */

/* Count x in a table of two-bit counters that stop at "twice or more"
 * (the low bit: seen; the high bit: seen again), both in one word so that
 * a count touches one cache line. */
static inline void pair_count(uint64_t *tab, uint32_t x)
{
    uint64_t *w = &tab[x >> 5], bit = 1ull << (2 * (x & 31));
    *w |= bit | ((*w & bit) << 1);
}

static inline unsigned pair_twice(const uint64_t *tab, uint32_t x)
{
    return (unsigned)(tab[x >> 5] >> (2 * (x & 31) + 1) & 1);
}

/* The hash of the 16 bytes at p. */
static inline uint64_t window_hash(const uint8_t *p)
{
    uint64_t lo, hi;
    memcpy(&lo, p, 8);
    memcpy(&hi, p + 8, 8);
    uint64_t h = ((lo * 0x9e3779b97f4a7c15ull) ^ hi) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

/* The per-n lists: may[k] gets the cand[j] whose lv[j] has bit k, in
 * order, and nmay[k] their number; each may[k] has room for ncand + 8. */
static void may_lists(const uint32_t *cand, const uint8_t *lv, size_t ncand, uint32_t *const may[6],
                      size_t nmay[6])
{
    for (size_t k = 0; k < 6; k++) {
        size_t m = 0;
        for (size_t j = 0; j < ncand; j++) {
            may[k][m] = cand[j];
            m += lv[j] >> k & 1;
        }
        nmay[k] = m;
    }
}

#ifdef WN_GR_AVX2
/* The same, eight candidates a step: for each n, the eight flag bits
 * gathered from the eight flag bytes (one multiply), the chosen candidates
 * moved to the front of one vector by a permutation and the whole vector
 * stored (what lies past the chosen ones is overwritten by the next step,
 * hence the room for eight more), where the plain way is a load, a store
 * and an add per candidate and n. The permutation for eight bits is put
 * together from the ones for each four: the indices of the chosen lanes,
 * one byte each. */
__attribute__((target("avx2,popcnt"))) static void may_lists_avx2(const uint32_t *cand,
                                                                 const uint8_t *lv, size_t ncand,
                                                                 uint32_t *const may[6],
                                                                 size_t nmay[6])
{
    static const uint32_t pick4[16] = {
        0x00000000, 0x00000000, 0x00000001, 0x00000100, 0x00000002, 0x00000200,
        0x00000201, 0x00020100, 0x00000003, 0x00000300, 0x00000301, 0x00030100,
        0x00000302, 0x00030200, 0x00030201, 0x03020100};
    size_t m[6] = {0}, j = 0;
    for (; j + 8 <= ncand; j += 8) {
        __m256i c = _mm256_loadu_si256((const __m256i *)(cand + j));
        uint64_t x;
        memcpy(&x, lv + j, 8);
        for (int k = 0; k < 6; k++) {
            unsigned bits = (unsigned)((((x >> k) & 0x0101010101010101ull) * 0x0102040810204080ull) >> 56);
            unsigned lo = bits & 15;
            uint64_t idx = pick4[lo] |
                           (uint64_t)(pick4[bits >> 4] + 0x04040404u) << (8 * __builtin_popcount(lo));
            __m256i sel = _mm256_cvtepu8_epi32(_mm_cvtsi64_si128((long long)idx));
            _mm256_storeu_si256((__m256i *)(may[k] + m[k]), _mm256_permutevar8x32_epi32(c, sel));
            m[k] += (size_t)__builtin_popcount(bits);
        }
    }
    for (; j < ncand; j++)
        for (int k = 0; k < 6; k++) {
            may[k][m[k]] = cand[j];
            m[k] += lv[j] >> k & 1;
        }
    for (int k = 0; k < 6; k++)
        nmay[k] = m[k];
}
#endif

/* The RPT_START and RPT_END flags: the 16 bytes of C after each token
 * start and before each token end are hashed once (all_dup reuses the
 * hashes), counted, then looked up once all are in. */
static int repeat_flags(wn_arena *a, ngram_ctx *g)
{
    size_t nw = g->nw, len = (size_t)g->pre[nw];
    g->rep = wn_arena_calloc(a, nw + 1 + 8, 1);
    g->win_s = wn_arena_alloc(a, (nw + 1) * sizeof *g->win_s);
    g->win_e = wn_arena_alloc(a, (nw + 1) * sizeof *g->win_e);
    int bits = 10;
    while (((size_t)1 << bits) < nw * 16 && bits < 30)
        bits++;
    size_t words = ((size_t)1 << bits) / 32;
    uint64_t *tab = wn_arena_calloc(a, words * 2, sizeof *tab);
    if (!g->rep || !g->win_s || !g->win_e || !tab)
        return -1;
    uint64_t *st = tab, *et = tab + words;
    const uint8_t *c8 = g->c8;
    const long long *pre = g->pre;
    uint64_t *ws = g->win_s, *we = g->win_e;
    uint8_t *rep = g->rep; /* a local: stores through it could alias g's fields */
    /* token starts 0..ns-1 have a full window after them, boundaries
     * ee..nw one before them */
    size_t ns = nw, ee = 0; /* from the ends, where they are close */
    while (ns > 0 && (size_t)pre[ns - 1] + RPT_K > len)
        ns--;
    while (ee <= nw && pre[ee] < RPT_K)
        ee++;
    /* The bigrams that may repeat, those whose both tokens do, are listed
     * in the same pass (top_n_grams' first level; a pass of their own
     * cost more than the few instructions here). */
    uint32_t *bc = g->bcand = wn_arena_alloc(a, (nw + 1) * sizeof *g->bcand);
    if (!bc)
        return -1;
    const uint32_t *ids = g->id, *tcount = g->tcount;
    size_t nb = 0, bend = nw ? nw - 1 : 0, bboth = ns < bend ? ns : bend;
    unsigned rep_next = nw && tcount[ids[0]] > 1;
    for (size_t t = 0; t < bboth; t++) {
        ws[t] = window_hash(c8 + pre[t]);
        pair_count(st, (uint32_t)(ws[t] >> (64 - bits)));
        unsigned rep_t = rep_next;
        rep_next = tcount[ids[t + 1]] > 1;
        bc[nb] = (uint32_t)t;
        nb += rep_t & rep_next;
    }
    for (size_t t = bboth; t < ns; t++) {
        ws[t] = window_hash(c8 + pre[t]);
        pair_count(st, (uint32_t)(ws[t] >> (64 - bits)));
    }
    for (size_t t = bboth; t < bend; t++) {
        unsigned rep_t = rep_next;
        rep_next = tcount[ids[t + 1]] > 1;
        bc[nb] = (uint32_t)t;
        nb += rep_t & rep_next;
    }
    g->nbcand = nb;
    /* An n-gram (n >= 5) at i needs a probe only if it is shorter than a
     * window or both its windows repeat. The positions where some n may
     * are listed first (the start window repeats, or the 5-gram, the
     * shortest, is short), with the start flags, then split into a list per
     * n. Without branches: the flags follow the text. */
    size_t ncand = 0, last = nw >= 5 ? nw - 5 + 1 : 0, both = ns < last ? ns : last;
    uint32_t *cand = wn_arena_alloc(a, (last + 1) * sizeof *cand);
    if (!cand)
        return -1;
    /* The end windows are hashed and counted in the same pass as the
     * start windows are looked up: the two touch different tables and
     * neither waits on the other. */
    size_t lo = ee < both ? ee : both;
    for (size_t t = 0; t < lo; t++) {
        unsigned f = pair_twice(st, (uint32_t)(ws[t] >> (64 - bits)));
        rep[t] = (uint8_t)(f * RPT_START);
        cand[ncand] = (uint32_t)t;
        ncand += f | (pre[t + 5] - pre[t] < RPT_K);
    }
    for (size_t t = lo; t < both; t++) {
        we[t] = window_hash(c8 + pre[t] - RPT_K);
        pair_count(et, (uint32_t)(we[t] >> (64 - bits)));
        unsigned f = pair_twice(st, (uint32_t)(ws[t] >> (64 - bits)));
        rep[t] = (uint8_t)(f * RPT_START);
        cand[ncand] = (uint32_t)t;
        ncand += f | (pre[t + 5] - pre[t] < RPT_K);
    }
    for (size_t t = ee > both ? ee : both; t <= nw; t++) {
        we[t] = window_hash(c8 + pre[t] - RPT_K);
        pair_count(et, (uint32_t)(we[t] >> (64 - bits)));
    }
    for (size_t t = both; t < ns; t++)
        rep[t] = (uint8_t)(pair_twice(st, (uint32_t)(ws[t] >> (64 - bits))) * RPT_START);
    for (size_t t = both; t < last; t++) { /* no start window: rep[t] is 0 */
        cand[ncand] = (uint32_t)t;
        ncand += pre[t + 5] - pre[t] < RPT_K;
    }
    for (size_t t = ee; t <= nw; t++)
        rep[t] |= (uint8_t)(pair_twice(et, (uint32_t)(we[t] >> (64 - bits))) * RPT_END);
    /* For each, which n may, one bit each (bit k: n = k + 5): the n-gram is
     * short (pre[] and rep[] have room past the end that makes every n
     * that runs past it neither short nor repeated), or both windows
     * repeat; the six end flags are one load. Then a list per n. */
    uint8_t *lv = wn_arena_alloc(a, ncand + 1);
    if (!lv)
        return -1;
    for (size_t j = 0; j < ncand; j++) {
        size_t t = cand[j];
        uint64_t e;
        memcpy(&e, rep + t + 5, 8);
        e = (e >> 1) & 0x0101010101010101ull; /* RPT_END of boundaries t+5.. */
        unsigned ends = (unsigned)((e * 0x0102040810204080ull) >> 56) & 0x3f;
        long long lim = pre[t] + RPT_K;
        unsigned nshort = (pre[t + 5] < lim) + (pre[t + 6] < lim) + (pre[t + 7] < lim) +
                          (pre[t + 8] < lim) + (pre[t + 9] < lim) + (pre[t + 10] < lim);
        lv[j] = (uint8_t)((ends & (0u - (rep[t] & RPT_START))) | ((1u << nshort) - 1));
    }
    for (size_t k = 0; k < 6; k++)
        if (!(g->may[k] = wn_arena_alloc(a, (ncand + 8) * sizeof *g->may[k])))
            return -1;
#ifdef WN_GR_AVX2
    if (__builtin_cpu_supports("avx2"))
        may_lists_avx2(cand, lv, ncand, g->may, g->nmay);
    else
#endif
        may_lists(cand, lv, ncand, g->may, g->nmay);
    g->maxmay = 0;
    for (int k = 0; k < 6; k++)
        g->maxmay = g->nmay[k] > g->maxmay ? g->nmay[k] : g->maxmay;
    return 0;
}

static inline uint8_t fold(uint32_t c) { return (uint8_t)(c ^ (c >> 8) ^ (c >> 16)); }

/* The folded bytes of a token of n = 1..8 code points, packed little-end
 * first (zero above byte n-1), and the OR of its code points. Only the
 * token's own code points are read: for n >= 4, its first four and its last
 * four (which overlap when n < 8, with equal bytes, so an OR joins them);
 * for n < 4, the first, the second and the last (clamped). */
static inline void short_token_fold(const uint32_t *s, size_t n, uint64_t *fb, uint32_t *big)
{
#ifdef __SSE2__
    if (n >= 4) {
        __m128i a = _mm_loadu_si128((const __m128i *)s);
        __m128i b = _mm_loadu_si128((const __m128i *)(s + n - 4));
        __m128i fa = _mm_xor_si128(a, _mm_xor_si128(_mm_srli_epi32(a, 8), _mm_srli_epi32(a, 16)));
        __m128i fz = _mm_xor_si128(b, _mm_xor_si128(_mm_srli_epi32(b, 8), _mm_srli_epi32(b, 16)));
        const __m128i low = _mm_set1_epi32(0xff);
        __m128i p16 = _mm_packs_epi32(_mm_and_si128(fa, low), _mm_and_si128(fz, low));
        __m128i p8 = _mm_packus_epi16(p16, p16);
        uint64_t both = (uint64_t)_mm_cvtsi128_si64(p8);
        *fb = (both & 0xffffffffull) | (both >> 32) << (8 * (n - 4));
        __m128i o = _mm_or_si128(a, b);
        o = _mm_or_si128(o, _mm_srli_si128(o, 8));
        o = _mm_or_si128(o, _mm_srli_si128(o, 4));
        *big = (uint32_t)_mm_cvtsi128_si32(o);
        return;
    }
#endif
    if (n >= 4) { /* without SSE2 */
        uint64_t v = 0;
        uint32_t or = 0;
        for (size_t k = 0; k < n; k++) {
            v |= (uint64_t)fold(s[k]) << (8 * k);
            or |= s[k];
        }
        *fb = v;
        *big = or;
        return;
    }
    uint32_t c0 = s[0], c1 = s[n > 1], c2 = s[n - 1];
    uint64_t v = fold(c0) | (uint64_t)fold(c1) << 8 | (uint64_t)fold(c2) << (8 * (n - 1));
    *fb = v & ((1ull << (8 * n)) - 1);
    *big = c0 | c1 | c2;
}

/* The folded bytes of s[0, n) into o, eight at a time (the last eight
 * overlapping the ones before when n is not a multiple of eight), and a
 * hash of them made on the way, one multiply per eight (a hash of bytes
 * just stored would wait on the stores). */
static inline uint64_t fold_long(const uint32_t *s, size_t n, uint8_t *o)
{
    uint64_t h = n * 0x9e3779b97f4a7c15ull;
#ifdef __SSE2__
    if (n >= 8) {
        const __m128i low = _mm_set1_epi32(0xff);
        for (size_t k = 0;; k += 8) {
            if (k + 8 > n)
                k = n - 8;
            __m128i a = _mm_loadu_si128((const __m128i *)(s + k));
            __m128i b = _mm_loadu_si128((const __m128i *)(s + k + 4));
            __m128i fa = _mm_xor_si128(a, _mm_xor_si128(_mm_srli_epi32(a, 8), _mm_srli_epi32(a, 16)));
            __m128i fb = _mm_xor_si128(b, _mm_xor_si128(_mm_srli_epi32(b, 8), _mm_srli_epi32(b, 16)));
            __m128i f = _mm_packs_epi32(_mm_and_si128(fa, low), _mm_and_si128(fb, low));
            uint64_t eight = (uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(f, f));
            memcpy(o + k, &eight, 8);
            h = (h ^ eight) * 0xff51afd7ed558ccdull;
            h ^= h >> 32;
            if (k + 8 == n)
                return h;
        }
    }
#endif
    for (size_t k = 0; k < n; k++)
        o[k] = fold(s[k]);
    if (n >= 8) /* the same steps as above */
        for (size_t k = 0;; k += 8) {
            if (k + 8 > n)
                k = n - 8;
            uint64_t eight;
            memcpy(&eight, o + k, 8);
            h = (h ^ eight) * 0xff51afd7ed558ccdull;
            h ^= h >> 32;
            if (k + 8 == n)
                return h;
        }
    for (size_t k = 0; k < n; k++) {
        h = (h ^ o[k]) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    return h;
}

static inline uint64_t load_le(const uint8_t *p, size_t n) /* n <= 8; 8 readable */
{
    uint64_t v;
    memcpy(&v, p, 8);
    return n == 8 ? v : v & ((1ull << (8 * n)) - 1);
}

/* A hash of the n bytes at p (8 more readable). */
static inline uint64_t span_hash(const uint8_t *p, size_t n)
{
    uint64_t h = n * 0x9e3779b97f4a7c15ull;
    for (; n > 8; p += 8, n -= 8)
        h = (h ^ load_le(p, 8)) * 0xff51afd7ed558ccdull, h ^= h >> 32;
    h = (h ^ load_le(p, n)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* Token ids come from a table that grows with the distinct tokens (far
 * fewer than the tokens), so that it stays in the nearest cache: a slot
 * holds id + 1 (0 = empty) and key[id + 1] the id's key (key[0] = 0, and no
 * key is 0: see below). */
static int idtab_grow(wn_arena *a, uint32_t **tab, const uint64_t *key, size_t *mask, int *bits)
{
    size_t cap = (*mask + 1) * 2;
    uint32_t *nt = wn_arena_calloc(a, cap, sizeof *nt);
    if (!nt)
        return -1;
    for (size_t p = 0; p <= *mask; p++) {
        uint32_t e = (*tab)[p];
        if (!e)
            continue;
        size_t q = (size_t)((key[e] * 0x9e3779b97f4a7c15ull) >> (64 - *bits - 1));
        while (nt[q])
            q = (q + 1) & (cap - 1);
        nt[q] = e;
    }
    *tab = nt;
    *mask = cap - 1;
    (*bits)++;
    return 0;
}

static int ngram_init(wn_arena *a, ngram_ctx *g)
{
    size_t nw = g->nw, n = nw + 1;
    g->id = wn_arena_alloc(a, n * sizeof *g->id);
    g->tcount = wn_arena_alloc(a, n * sizeof *g->tcount);
    g->pre = wn_arena_alloc(a, (n + 10) * sizeof *g->pre); /* see repeat_flags */
    uint32_t *first = wn_arena_alloc(a, (n + 1) * sizeof *first); /* per id, from -1 */
    if (first)
        g->first = ++first;
    int bits = 8;
    while (((size_t)1 << bits) < nw && bits < 16)
        bits++;
    size_t mask = ((size_t)1 << bits) - 1;
    uint32_t *tab = wn_arena_calloc(a, mask + 1, sizeof *tab);
    uint64_t *key = wn_arena_alloc(a, (n + 1) * sizeof *key);
    if (!g->id || !g->tcount || !g->pre || !first || !tab || !key)
        return -1;
    key[0] = 0;
    long long len = 0;
    g->pre[0] = 0;
    for (size_t i = 0; i < nw; i++)
        g->pre[i + 1] = len += (long long)g->w[i].n;
    for (size_t i = nw + 1; i < nw + 11; i++)
        g->pre[i] = LLONG_MAX / 2;
    g->c8 = wn_arena_alloc(a, (size_t)len + RPT_K);
    if (!g->c8)
        return -1;
    uint8_t *c8 = g->c8;
    uint32_t nd = 0;
    const uint32_t *by_slot = first - 1; /* the first token of the id in a slot (id + 1) */
    uintptr_t tbase = (uintptr_t)g->text, tbytes = g->bytes ? g->tn * sizeof *g->text : 0;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    /* the arrays in locals: the folded bytes are stored through a byte
     * pointer, which could alias g's fields, so g's would be read again
     * after every token */
    const wn_ustr *words = g->w;
    const long long *pre = g->pre;
    const unsigned char *narrow = g->bytes;
    uint32_t *ids = g->id, *tcount = g->tcount;
    for (size_t i = 0; i < nw; i++) {
        const wn_ustr *w = &words[i];
        uint8_t *o = c8 + pre[i];
        uint64_t h;
        int exact;
        /* A short token in the text whose narrowed bytes (the tokenizer's,
         * min(c, 255)) hold no 0 and no 255 has only code points 1..254,
         * which fold to themselves: its folded bytes are those bytes, and
         * it is its own key when shorter than 8, as below, without a fold
         * of its own. (Every character of the text is narrowed; a 0 byte
         * is a U+0000 in it.) The tokenizer's own tokens (`` '' and split-off ',' ':' '.') are
         * not in the text. */
        uintptr_t off = (uintptr_t)w->s - tbase;
        uint64_t nb = 0, keep = ~0ull >> ((64 - 8 * w->n) & 63), v;
        if (off < tbytes && w->n - 1 < 8) {
            memcpy(&nb, narrow + off / sizeof *g->text, 8);
            v = (nb & keep) | (ones & ~keep);
            nb = (((v - ones) & ~v) | ((~v - ones) & v)) & highs ? 0 : nb & keep;
        }
        if (nb) {
            memcpy(o, &nb, 8);
            exact = w->n < 8;
            uint64_t mixed = (nb ^ (uint64_t)w->n * 0x9e3779b97f4a7c15ull) * 0xff51afd7ed558ccdull;
            h = exact ? nb | (uint64_t)w->n << 56 | 1ull << 62 : (mixed ^ mixed >> 32) | 1ull << 63;
        } else if (w->n - 1 < 8) {
            /* 1..8 characters, without a loop over them (its exit would
             * mispredict at most token ends), and the folded bytes stored
             * at once (the next tokens overwrite what lies past this
             * one's end; C has RPT_K spare bytes at its end). A token of
             * up to 7 Latin-1 characters is its own key (its bytes and
             * length and bit 62, top bit clear): equal keys are equal
             * tokens. Others are keyed by a hash with the top bit set,
             * confirmed by comparison. */
            size_t last = w->n - 1;
            uint64_t fb;
            uint32_t big;
            short_token_fold(w->s, w->n, &fb, &big);
            memcpy(o, &fb, 8);
            exact = last < 7 && big < 256;
            uint64_t mixed = (fb ^ (uint64_t)w->n * 0x9e3779b97f4a7c15ull) * 0xff51afd7ed558ccdull;
            h = exact ? fb | (uint64_t)w->n << 56 | 1ull << 62 : (mixed ^ mixed >> 32) | 1ull << 63;
        } else {
            exact = 0;
            h = fold_long(w->s, w->n, o) | 1ull << 63;
        }
        /* Most tokens are found at the first slot or it is empty: one
         * branch decides both (an empty slot's key and first token are
         * this token's: the entries at 0 are set to them first; whether
         * the token is new would mispredict), and a new id is written
         * without another. */
        size_t pos = (size_t)((h * 0x9e3779b97f4a7c15ull) >> (64 - bits));
        uint32_t e;
        key[0] = h;
        first[-1] = (uint32_t)i; /* first[e - 1] below, by way of by_slot */
        for (;;) {
            e = tab[pos];
            if (key[e] == h && (exact || tok_eq(&words[by_slot[e]], w)))
                break;
            pos = (pos + 1) & mask;
        }
        uint32_t fresh = e == 0;
        uint32_t id = e - 1 + ((nd + 1 - e) & (0 - fresh)); /* fresh ? nd : the slot's */
        tab[pos] = id + 1;
        key[nd + 1] = h; /* free entries unless fresh */
        first[nd] = (uint32_t)i;
        tcount[nd] = 0; /* a free entry unless fresh, as above */
        tcount[id]++;
        nd += fresh;
        if (nd * 2 > mask && idtab_grow(a, &tab, key, &mask, &bits))
            return -1;
        ids[i] = id;
    }
    g->nids = nd;
    memset(c8 + len, 0, RPT_K);
    return repeat_flags(a, g);
}


/* The table that numbers one level's n-grams: a slot holds number + 1 (0 =
 * empty) and key[number + 1] the number's key, so that a slot is 4 bytes
 * and the table of a usual document stays small; it is cleared per level. */
typedef struct ntab {
    uint32_t *slot;
    uint64_t *key;
} ntab;

/* Number the n-grams at the positions cand[0..*m) (in order: those whose
 * (n-1)-grams at i and at i+1 both repeat; every other n-gram occurs once)
 * from left[i] (the number of the (n-1)-gram at i) and right[i] (the id of
 * token i+n-1) into out[i], with count[] per number; only the listed
 * entries of out[] are written. The most common n-gram's count and first
 * position go to *best_c and *best_i (unchanged when no number repeats).
 * Unless last, cand[] is left listing the next level's positions: those
 * whose n-grams at i and at i+1 (the next entry) both repeat.
 *
 * The positions are walked as lists, and a number is assigned whether it is
 * new or not by the same instructions (the entries at nd are scratch until
 * nd is taken), so that neither which positions repeat nor which n-grams
 * are new costs a branch: both follow the text and would mispredict. */
static void number_ngrams(ntab *t, const uint32_t *left, const uint32_t *right, uint32_t *cand,
                          size_t *m, uint32_t *out, uint32_t *count, int last, size_t *best_i,
                          long long *best_c)
{
    size_t k = *m;
    int bits = 4;
    while (((size_t)1 << bits) < 3 * k)
        bits++;
    size_t mask = ((size_t)1 << bits) - 1;
    uint32_t *slot = t->slot;
    uint64_t *key_of = t->key;
    memset(slot, 0, (mask + 1) * sizeof *slot);
    uint32_t nd = 0;
    for (size_t j = 0; j < k; j++) {
        uint32_t i = cand[j];
        uint64_t key = ((uint64_t)left[i] << 32) | right[i];
        size_t pos = (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
        uint32_t e;
        key_of[0] = key; /* an empty slot matches: one test ends the probe either way */
        for (;;) {
            e = slot[pos];
            if (key_of[e] == key)
                break;
            pos = (pos + 1) & mask;
        }
        uint32_t fresh = e == 0;
        uint32_t v = e - 1 + ((nd + 1 - e) & (0 - fresh)); /* fresh ? nd : the slot's */
        slot[pos] = v + 1;
        key_of[nd + 1] = key; /* free entries unless fresh */
        count[nd] = 0;
        count[v]++;
        out[i] = v;
        nd += fresh;
    }
    /* The smallest number of the highest count (numbers follow first
     * appearance), and where it first appears. */
    uint32_t bq = 0;
    long long bc = 1;
    for (uint32_t q = 0; q < nd; q++)
        if (count[q] > bc)
            bq = q, bc = count[q];
    if (bc > 1) {
        size_t j = 0;
        while (out[cand[j]] != bq)
            j++;
        *best_i = cand[j];
        *best_c = bc;
    }
    if (last)
        return;
    size_t q = 0;
    unsigned keep_next = k && count[out[cand[0]]] > 1;
    for (size_t j = 0; j < k; j++) {
        uint32_t i = cand[j], after = j + 1 < k ? cand[j + 1] : 0;
        unsigned keep = keep_next;
        keep_next = j + 1 < k && count[out[after]] > 1;
        cand[q] = i;
        q += keep & keep_next & (after == i + 1);
    }
    *m = q;
}

/* "".join(w[i:i+n]) == "".join(w[j:j+n]) */
static int concat_eq(const ngram_ctx *g, size_t i, size_t j, size_t n)
{
    if (g->pre[i + n] - g->pre[i] != g->pre[j + n] - g->pre[j])
        return 0;
    if (u32_eq(g->id + i, g->id + j, n))
        return 1; /* the usual case */
    /* Otherwise the cuts differ, or the strings do: the folded bytes tell
     * most of the second apart at memcmp's speed (equal strings fold
     * alike), then characters decide. */
    if (memcmp(g->c8 + g->pre[i], g->c8 + g->pre[j], (size_t)(g->pre[i + n] - g->pre[i])))
        return 0;
    size_t ti = i, tj = j, ki = 0, kj = 0;
    while (ti < i + n && tj < j + n) {
        if (ki == g->w[ti].n) {
            ti++, ki = 0;
            continue;
        }
        if (kj == g->w[tj].n) {
            tj++, kj = 0;
            continue;
        }
        if (g->w[ti].s[ki] != g->w[tj].s[kj])
            return 0;
        ki++, kj++;
    }
    return 1;
}

/* The hash of the L < 16 bytes at p (16 readable). */
static inline uint64_t short_hash(const uint8_t *p, size_t L)
{
    uint64_t lo, hi;
    memcpy(&lo, p, 8);
    memcpy(&hi, p + 8, 8);
    lo &= L >= 8 ? ~0ull : (1ull << (8 * L)) - 1;
    hi &= L > 8 ? (1ull << (8 * (L - 8))) - 1 : 0;
    uint64_t h = ((lo * 0x9e3779b97f4a7c15ull) ^ hi ^ L) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* find_all_duplicate(): characters in n-grams (joined without spaces) that
 * repeat an earlier one; a repeat skips the whole n-gram, and the n-grams
 * skipped are not remembered.
 *
 * An n-gram's key must depend on its string alone. Hashing the whole span
 * costs a loop per probe; instead, a span of 16 characters or more is keyed
 * by its length and the hashes of its first and last 16 characters, which
 * repeat_flags has already made, and a shorter one by its bytes. Spans
 * that differ only in the middle get equal keys, so every hit is confirmed
 * (concat_eq) as before, and since such collisions are cheap to produce
 * (a template repeated with different middles), a level that meets more
 * of them than it has positions is done again with full span hashes
 * (strong): the work stays linear and the result is the same. Returns -1
 * when a level gives up. */
/* The key of the n-gram at i (see all_dup). */
static inline __attribute__((always_inline)) uint64_t dup_key(const ngram_ctx *g, size_t i,
                                                              size_t n, int strong)
{
    const long long *pre = g->pre;
    size_t L = (size_t)(pre[i + n] - pre[i]);
    if (strong)
        return span_hash(g->c8 + pre[i], L);
    if (L >= RPT_K) {
        uint64_t h = (g->win_s[i] ^ (g->win_e[i + n] * 0x9e3779b97f4a7c15ull) ^ L) *
                     0xff51afd7ed558ccdull;
        return h ^ (h >> 32);
    }
    return short_hash(g->c8 + pre[i], L);
}

static inline __attribute__((always_inline)) long long all_dup_as(gtab *t, const ngram_ctx *g,
                                                                   size_t n, int strong)
{
    long long chars = 0;
    if (g->nw < n)
        return 0;
    size_t cnt = g->nw - n + 1, budget = cnt;
    const long long *pre = g->pre;
    const uint32_t *may = g->may[n - 5];
    size_t nmay = g->nmay[n - 5];
    t->gen++;
    if (!nmay)
        return 0;
    /* The positions not listed are unique (see above): fresh, and no later
     * n-gram can equal them.
     *
     * Whether a probe finds its n-gram new follows the text and often
     * mispredicts; most are new, and then the next listed position is
     * probed next. So its key is made before this probe, where a
     * mispredicted outcome does not throw it away, and after a repeat the
     * key of the position past it is made again. (An empty asm to keep
     * GCC from moving it into the one path that uses it measured no
     * better: GCC leaves it where it is.) */
    size_t i = may[0];
    uint64_t h = dup_key(g, i, n, strong);
    for (size_t j = 0; j < nmay;) {
        size_t i1 = may[j + (j + 1 < nmay)];
        uint64_t h1 = dup_key(g, i1, n, strong);
        size_t pos = gtab_pos(t, h);
        int fresh = 1;
        for (;;) {
            gslot *s = &t->s[pos];
            if (s->gen != t->gen) {
                *s = (gslot){h, (uint32_t)i, t->gen};
                break;
            }
            if (s->key == h) {
                if (concat_eq(g, s->val, i, n)) {
                    fresh = 0;
                    break;
                }
                if (!strong && !budget--)
                    return -1;
            }
            pos = (pos + 1) & t->mask;
        }
        j++;
        if (fresh) {
            i = i1, h = h1;
            continue;
        }
        chars += pre[i + n] - pre[i];
        while (j < nmay && may[j] < i + n)
            j++;
        if (j < nmay) {
            i = may[j];
            h = dup_key(g, i, n, strong);
        }
    }
    return chars;
}

/* all_dup_as made twice, strong a constant in each: the usual walk then
 * holds no code of the strong one, and fewer of its values leave the
 * registers. */
static long long all_dup(gtab *t, const ngram_ctx *g, size_t n, int strong)
{
    return strong ? all_dup_as(t, g, n, 1) : all_dup_as(t, g, n, 0);
}

long long wn_gr_dup_chars(wn_arena *a, const wn_ustr *w, size_t nw, size_t n, int how)
{
    ngram_ctx g = {.w = w, .nw = nw};
    gtab ds;
    if (n < 5 || n > 10 || ngram_init(a, &g) || gtab_init(a, &ds, g.maxmay))
        return -2;
    long long chars = all_dup(&ds, &g, n, how == 1);
    if (chars < 0 && how == 0)
        chars = all_dup(&ds, &g, n, 1);
    return chars;
}

/* Four lanes of the line hash take eight code points, two a lane. */
static inline void line_mix(uint64_t l[4], const uint64_t x[4])
{
    l[0] = (l[0] ^ x[0]) * 0xff51afd7ed558ccdull;
    l[1] = (l[1] ^ x[1]) * 0xc4ceb9fe1a85ec53ull;
    l[2] = (l[2] ^ x[2]) * 0xff51afd7ed558ccdull;
    l[3] = (l[3] ^ x[3]) * 0xc4ceb9fe1a85ec53ull;
    l[0] ^= l[0] >> 32;
    l[1] ^= l[1] >> 29;
    l[2] ^= l[2] >> 31;
    l[3] ^= l[3] >> 33;
}

static inline void line_step(uint64_t l[4], const uint32_t *w)
{
    uint64_t x[4];
    memcpy(x, w, sizeof x);
    line_mix(l, x);
}

/* The hash of s[i, stop), where stop is the first '\n' at or after i, or
 * end: eight code points a step in four lanes (every line of a text is
 * hashed, and one lane would wait on each multiply), looking for the '\n'
 * in the same eight, so the text is read once for the split and the hash.
 * The steps are the whole eights from i, then, for the rest, the last eight
 * of the line (overlapping the step before) or, in a line shorter than
 * eight, its code points and zeros: the hash depends on the line's
 * characters and length alone, and the end of a line costs one step
 * instead of a loop whose exit would mispredict at most lines. Used for
 * the lines that hold a code point at or above 255 (line_hash_bytes). */
static uint64_t line_hash(const uint32_t *s, size_t i, size_t end, size_t *stop)
{
    uint64_t l[4] = {0x9e3779b97f4a7c15ull, 0x243f6a8885a308d3ull, 0x13198a2e03707344ull,
                     0xa4093822299f31d0ull};
    size_t start = i, j;
    for (;; i += 8) {
        if (i + 8 > end) { /* fewer than 8 left */
            j = i;
            while (j < end && s[j] != '\n')
                j++;
            break;
        }
#ifdef __SSE2__
        const __m128i nl = _mm_set1_epi32('\n');
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i y = _mm_loadu_si128((const __m128i *)(s + i + 4));
        __m128i m = _mm_packs_epi32(_mm_cmpeq_epi32(x, nl), _mm_cmpeq_epi32(y, nl));
        unsigned at = (unsigned)_mm_movemask_epi8(m);
        if (at) {
            j = i + (size_t)__builtin_ctz(at) / 2; /* the '\n', without a scan */
            break;
        }
#else
        unsigned at = 0;
        for (int k = 0; k < 8; k++)
            at |= (unsigned)(s[i + k] == '\n') << k;
        if (at) {
            j = i + (size_t)__builtin_ctz(at);
            break;
        }
#endif
        line_step(l, s + i);
    }
    *stop = j;
    size_t len = j - start;
    if (j > i) {
        if (len >= 8) {
            line_step(l, s + j - 8);
        } else {
#ifdef __SSE2__
            if (start + 8 <= end) { /* the 8 are readable: keep the first len */
                static const int32_t keep[16] = {-1, -1, -1, -1, -1, -1, -1, -1};
                const int32_t *k = keep + 8 - len;
                __m128i lo = _mm_and_si128(_mm_loadu_si128((const __m128i *)(s + start)),
                                           _mm_loadu_si128((const __m128i *)k));
                __m128i hi = _mm_and_si128(_mm_loadu_si128((const __m128i *)(s + start + 4)),
                                           _mm_loadu_si128((const __m128i *)(k + 4)));
                uint64_t w[4] = {(uint64_t)_mm_cvtsi128_si64(lo),
                                 (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(lo, lo)),
                                 (uint64_t)_mm_cvtsi128_si64(hi),
                                 (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(hi, hi))};
                line_mix(l, w);
            } else
#endif
            {
                uint32_t w[8] = {0};
                memcpy(w, s + start, len * sizeof *w);
                line_step(l, w);
            }
        }
    }
    uint64_t h = (l[0] ^ l[1] ^ (l[2] * 0x9e3779b97f4a7c15ull) ^ (l[3] * 0xbf58476d1ce4e5b9ull) ^ len) *
                 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* Lines hashed from the tokenizer's narrowed bytes (wn_ftext.bytes:
 * min(c, 255) for every character, then 64 zero bytes), 32 a step: the
 * '\n' is found in the same 32 bytes that are hashed, and the code points
 * are not read. A line without a byte 255 is its bytes, so its hash depends
 * on its characters and length alone; a line with one (a code point at or
 * above 255, narrowed alike with others) is hashed from its code points by
 * line_hash instead, so two equal lines are always hashed the same way.
 * Every line, however long, ends on one step over a block of its last
 * 0 to 31 bytes and zeros, so its end costs no loop.
 *
 * A block's four words are multiplied apart (independent multiplies) and
 * only their combination waits on the hash so far. */
static inline uint64_t rotl64(uint64_t x, int r) { return x << r | x >> (64 - r); }

static inline uint64_t line_block(uint64_t h, const uint64_t w[4])
{
    uint64_t a = (w[0] ^ 0x243f6a8885a308d3ull) * 0xff51afd7ed558ccdull;
    uint64_t b = (w[1] ^ 0x13198a2e03707344ull) * 0xc4ceb9fe1a85ec53ull;
    uint64_t c = (w[2] ^ 0xa4093822299f31d0ull) * 0x9e3779b97f4a7c15ull;
    uint64_t d = (w[3] ^ 0x082efa98ec4e6c89ull) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ a ^ rotl64(b, 16) ^ rotl64(c, 32) ^ rotl64(d, 48)) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

static inline uint64_t line_final(uint64_t h, size_t len)
{
    h = (h ^ len) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* 32 bytes 0xFF then 32 zeros: the first r bytes of a block are kept by
 * the 32 from KEEP32 + 32 - r. */
static const unsigned char KEEP32[64] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255};

/* The hash of s[i, stop), stop the first '\n' at or after i or end, from
 * b (the narrowed bytes of s; end + 32 readable): the definition, a byte at
 * a time, for builds without SSE2, and what the vector versions compute. */
static uint64_t line_hash_bytes_plain(const unsigned char *b, const uint32_t *s, size_t i,
                                      size_t end, size_t *stop)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    size_t start = i;
    int wide = 0;
    for (;;) {
        unsigned char blk[32] = {0};
        size_t r = 0;
        while (r < 32 && i + r < end && b[i + r] != '\n')
            r++;
        memcpy(blk, b + i, r);
        for (size_t k = 0; k < r; k++)
            wide |= blk[k] == 255;
        uint64_t w[4];
        memcpy(w, blk, sizeof w);
        h = line_block(h, w);
        if (r < 32) {
            *stop = i + r;
            break;
        }
        i += 32;
    }
    if (wide)
        return line_hash(s, start, end, stop);
    return line_final(h, *stop - start);
}

#ifdef __SSE2__
static uint64_t line_hash_bytes_sse2(const unsigned char *b, const uint32_t *s, size_t i,
                                     size_t end, size_t *stop)
{
    const __m128i nl = _mm_set1_epi8('\n'), ff = _mm_set1_epi8(-1);
    __m128i wide = _mm_setzero_si128(), x, y;
    uint64_t h = 0x9e3779b97f4a7c15ull, m, w[4];
    size_t start = i;
    for (;; i += 32) {
        x = _mm_loadu_si128((const __m128i *)(b + i));
        y = _mm_loadu_si128((const __m128i *)(b + i + 16));
        m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, nl)) |
            (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(y, nl)) << 16;
        size_t left = end - i;
        m |= left < 32 ? ~0ull << left : 0; /* the end as if a '\n' */
        if (m)
            break;
        wide = _mm_or_si128(wide, _mm_or_si128(_mm_cmpeq_epi8(x, ff), _mm_cmpeq_epi8(y, ff)));
        memcpy(w, b + i, sizeof w);
        h = line_block(h, w);
    }
    size_t r = (size_t)__builtin_ctzll(m);
    *stop = i + r;
    x = _mm_and_si128(x, _mm_loadu_si128((const __m128i *)(KEEP32 + 32 - r)));
    y = _mm_and_si128(y, _mm_loadu_si128((const __m128i *)(KEEP32 + 48 - r)));
    wide = _mm_or_si128(wide, _mm_or_si128(_mm_cmpeq_epi8(x, ff), _mm_cmpeq_epi8(y, ff)));
    w[0] = (uint64_t)_mm_cvtsi128_si64(x);
    w[1] = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(x, x));
    w[2] = (uint64_t)_mm_cvtsi128_si64(y);
    w[3] = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(y, y));
    h = line_block(h, w);
    if (_mm_movemask_epi8(wide))
        return line_hash(s, start, end, stop);
    return line_final(h, r + (i - start));
}
#endif

#ifdef WN_GR_AVX2
__attribute__((target("avx2"))) static uint64_t line_hash_bytes_avx2(const unsigned char *b,
                                                                    const uint32_t *s, size_t i,
                                                                    size_t end, size_t *stop)
{
    const __m256i nl = _mm256_set1_epi8('\n'), ff = _mm256_set1_epi8(-1);
    __m256i wide = _mm256_setzero_si256(), x;
    uint64_t h = 0x9e3779b97f4a7c15ull, m, w[4];
    size_t start = i;
    for (;; i += 32) {
        x = _mm256_loadu_si256((const __m256i *)(b + i));
        m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, nl));
        size_t left = end - i;
        m |= left < 32 ? ~0ull << left : 0; /* the end as if a '\n' */
        if (m)
            break;
        wide = _mm256_or_si256(wide, _mm256_cmpeq_epi8(x, ff));
        memcpy(w, b + i, sizeof w);
        h = line_block(h, w);
    }
    size_t r = (size_t)__builtin_ctzll(m);
    *stop = i + r;
    x = _mm256_and_si256(x, _mm256_loadu_si256((const __m256i *)(KEEP32 + 32 - r)));
    wide = _mm256_or_si256(wide, _mm256_cmpeq_epi8(x, ff));
    __m128i lo = _mm256_castsi256_si128(x), hi = _mm256_extracti128_si256(x, 1);
    w[0] = (uint64_t)_mm_cvtsi128_si64(lo);
    w[1] = (uint64_t)_mm_extract_epi64(lo, 1);
    w[2] = (uint64_t)_mm_cvtsi128_si64(hi);
    w[3] = (uint64_t)_mm_extract_epi64(hi, 1);
    h = line_block(h, w);
    if (_mm256_movemask_epi8(wide))
        return line_hash(s, start, end, stop);
    return line_final(h, r + (i - start));
}
#endif

typedef uint64_t (*line_hash_fn)(const unsigned char *, const uint32_t *, size_t, size_t,
                                 size_t *);

/* For tests: the line_hash_bytes the filter uses, 0 plain, 1 SSE2, 2 AVX2
 * (at most what the build and CPU have), -1 the CPU's choice. */
static int line_hash_level = -1;

/* The widest line_hash_bytes this CPU runs, or the one force asks for. */
static line_hash_fn line_hash_bytes_pick(int force)
{
#ifdef WN_GR_AVX2
    if (force == 2 || (force < 0 && __builtin_cpu_supports("avx2")))
        return line_hash_bytes_avx2;
#endif
#ifdef __SSE2__
    if (force != 0)
        return line_hash_bytes_sse2;
#endif
    (void)force;
    return line_hash_bytes_plain;
}

/* How many '\n' there are in b[0, n) (64 readable past n): sixteen bytes
 * a step, counted in byte lanes that are summed before they can wrap. */
static size_t count_newlines(const unsigned char *b, size_t n)
{
    size_t total = 0, i = 0;
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + i)), nl));
        __m128i sum = _mm_sad_epu8(acc, zero);
        total += (size_t)_mm_cvtsi128_si64(sum) +
                 (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
    }
#endif
    for (; i < n; i++)
        total += b[i] == '\n';
    return total;
}

/* The length of the run of '\n' at b[i] (b has 64 zero bytes after the
 * text, so a run ends at the text's end): from one mask in the usual case,
 * where a loop's exit would mispredict whenever runs of one and of two or
 * more take turns. */
static inline size_t newline_run(const unsigned char *b, size_t i)
{
    size_t run = 0;
#ifdef __SSE2__
    unsigned m;
    do {
        m = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + i + run)), _mm_set1_epi8('\n')));
        run += (size_t)__builtin_ctz(~m);
    } while (m == 0xffff);
#else
    while (b[i + run] == '\n')
        run++;
#endif
    return run;
}

/* A text's lines, re.split(r"\n+", text), with their hashes, and its raw
 * paragraphs: the runs of lines joined by single '\n's, between the runs
 * of two or more (re.split(r"\n{2,}", text), before strip()), each with
 * its first line and a hash of its lines' hashes in order (para_mix). */
typedef struct text_lines {
    wn_ustr *line;
    uint64_t *lh;
    size_t nl;
    size_t *pa, *pb; /* raw paragraph k is text[pa[k], pb[k]) */
    uint32_t *pl;    /* its first line */
    uint64_t *ph;
    size_t np;
} text_lines;

#define PARA_SEED 0x9e3779b97f4a7c15ull

static inline uint64_t para_mix(uint64_t h, uint64_t seg)
{
    h = (h ^ seg) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

/* The lines and raw paragraphs of s[0, n) from b, its narrowed bytes, in
 * one pass: a line's hash goes into its paragraph's as soon as it is
 * made, and a paragraph is written after every line and kept (np
 * advanced) only when a run of two or more follows, so that no branch
 * follows the text's paragraphs. */
static int split_lines(wn_arena *a, const unsigned char *b, const uint32_t *s, size_t n,
                       line_hash_fn hashb, text_lines *tl)
{
    size_t most = count_newlines(b, n) + 1;
    tl->line = wn_arena_alloc(a, most * sizeof *tl->line);
    tl->lh = wn_arena_alloc(a, most * sizeof *tl->lh);
    tl->pa = wn_arena_alloc(a, most * sizeof *tl->pa);
    tl->pb = wn_arena_alloc(a, most * sizeof *tl->pb);
    tl->pl = wn_arena_alloc(a, most * sizeof *tl->pl);
    tl->ph = wn_arena_alloc(a, most * sizeof *tl->ph);
    if (!tl->line || !tl->lh || !tl->pa || !tl->pb || !tl->pl || !tl->ph)
        return -1;
    wn_ustr *line = tl->line;
    uint64_t *lh = tl->lh, *ph = tl->ph, p = PARA_SEED;
    size_t *pa = tl->pa, *pb = tl->pb, nl = 0, np = 0, pstart = 0;
    uint32_t *pl = tl->pl, pfirst = 0;
    for (size_t i = 0;;) {
        size_t stop;
        uint64_t h = hashb(b, s, i, n, &stop);
        line[nl] = (wn_ustr){s + i, stop - i};
        lh[nl++] = h;
        p = para_mix(p, h);
        if (stop == n)
            break;
        size_t run = newline_run(b, stop), cut = run >= 2;
        pa[np] = pstart;
        pb[np] = stop;
        pl[np] = pfirst;
        ph[np] = p;
        np += cut;
        i = stop + run;
        pstart = cut ? i : pstart;
        pfirst = cut ? (uint32_t)nl : pfirst;
        p = cut ? PARA_SEED : p;
    }
    pa[np] = pstart;
    pb[np] = n;
    pl[np] = pfirst;
    ph[np++] = p;
    tl->nl = nl;
    tl->np = np;
    return 0;
}

/* The hash of the paragraph text[x, y) (x and y inside raw paragraph lines
 * from line k on): its segments, the lines it overlaps cut to it, hashed
 * by the same function as whole lines, so that it equals the hash of an
 * equal paragraph that was not cut. */
static uint64_t cut_para_hash(const text_lines *tl, const unsigned char *b, const uint32_t *s,
                              line_hash_fn hashb, size_t k, size_t x, size_t y)
{
    uint64_t h = PARA_SEED;
    for (; k < tl->nl && (size_t)(tl->line[k].s - s) < y; k++) {
        size_t la = (size_t)(tl->line[k].s - s), lb = la + tl->line[k].n;
        if (lb <= x)
            continue; /* a line of whitespace before x */
        uint64_t seg = tl->lh[k];
        if (la < x || lb > y) {
            size_t stop; /* no '\n' inside a line */
            seg = hashb(b, s, la < x ? x : la, lb > y ? y : lb, &stop);
        }
        h = para_mix(h, seg);
    }
    return h;
}

static const char *const TOP_NAMES[3][4] = {
    {"top_2_gram_chars", "top_2_gram_frac", "top_2_gram", "top_2_gram_count"},
    {"top_3_gram_chars", "top_3_gram_frac", "top_3_gram", "top_3_gram_count"},
    {"top_4_gram_chars", "top_4_gram_frac", "top_4_gram", "top_4_gram_count"}};
static const char *const TOP_REASONS[3] = {"top_2_gram", "top_3_gram", "top_4_gram"};
static const char *const DUP_NAMES[6][2] = {
    {"dup_5_gram_chars", "dup_5_gram_frac"},   {"dup_6_gram_chars", "dup_6_gram_frac"},
    {"dup_7_gram_chars", "dup_7_gram_frac"},   {"dup_8_gram_chars", "dup_8_gram_frac"},
    {"dup_9_gram_chars", "dup_9_gram_frac"},   {"dup_10_gram_chars", "dup_10_gram_frac"}};
static const char *const DUP_REASONS[6] = {"duplicated_5_n_grams", "duplicated_6_n_grams",
                                           "duplicated_7_n_grams", "duplicated_8_n_grams",
                                           "duplicated_9_n_grams", "duplicated_10_n_grams"};

/* Every code point of s[0, n) narrowed to min(c, 255) into b, as the
 * tokenizer narrows them (wn_word_tokenize_bytes): two saturating packs
 * for sixteen at a time. */
static void narrow_bytes(const uint32_t *s, size_t n, unsigned char *b)
{
    size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        __m128i w0 = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i)),
                                     _mm_loadu_si128((const __m128i *)(s + i + 4)));
        __m128i w1 = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i + 8)),
                                     _mm_loadu_si128((const __m128i *)(s + i + 12)));
        _mm_storeu_si128((__m128i *)(b + i), _mm_packus_epi16(w0, w1));
    }
#endif
    for (; i < n; i++)
        b[i] = (unsigned char)(s[i] < 255 ? s[i] : 255);
}

int wn_filter_gopher_repetition(const wn_gr_cfg *c, wn_ftext *t, wn_fres *r)
{
    wn_arena *a = t->a;
    long long text_len = (long long)t->n;
    const char *reason = NULL;
    double dlen = (double)text_len;
    int zero = text_len == 0; /* the reference divides by len(text) and raises */

    /* paragraphs: re.split(r"\n{2,}", text.strip()); lines: re.split(r"\n+",
     * text). A paragraph holds no "\n\n" and neither starts nor ends with
     * '\n', so it is its '\n'-separated segments, one per line it overlaps:
     * whole lines but where strip() cut the first and last. Two paragraphs
     * are equal exactly when their segments are, so a paragraph's hash is
     * made from its segments' hashes, and most are the hashes of whole
     * lines, computed once for both (a hit is still compared in full). */
    /* The words first: the tokenizer leaves the text narrowed to bytes,
     * which the lines are split and hashed from. When the first failing
     * check ends the filter, the words may never be needed: the text is
     * narrowed here instead (the same bytes; the tokenizer makes its own
     * if the lines pass). */
    const unsigned char *nb;
    if (c->first_drop_ends && !words_valid(t)) {
        unsigned char *b = wn_arena_alloc(a, t->n + 64);
        if (!b)
            return -1;
        narrow_bytes(t->s, t->n, b);
        memset(b + t->n, 0, 64);
        nb = b;
    } else {
        if (wn_ftext_words(t))
            return -1;
        nb = t->bytes;
    }
    line_hash_fn hashb = line_hash_bytes_pick(line_hash_level);
    size_t sa, sb;
    wn_u32_strip(t->s, t->n, &sa, &sb);
    text_lines tl;
    if (split_lines(a, nb, t->s, t->n, hashb, &tl))
        return -1;
    wn_ustr_vec lines = {tl.line, tl.nl, tl.nl};
    const uint64_t *lh = tl.lh;
    /* The paragraphs of text.strip(): the raw ones that meet [sa, sb), the
     * first and the last cut to it (strip() leaves a non-space character at
     * both ends, so a run of '\n' is wholly inside or outside), or one
     * empty paragraph when nothing is left. A cut paragraph is hashed again
     * from its segments, unless it is the only one (nothing to repeat). */
    size_t j0 = 0, j1 = 0;
    if (sa < sb) {
        while (tl.pb[j0] <= sa)
            j0++;
        for (j1 = tl.np - 1; tl.pa[j1] >= sb;)
            j1--;
    }
    wn_ustr_vec paras = {0};
    paras.n = j1 - j0 + 1;
    paras.v = wn_arena_alloc(a, paras.n * sizeof *paras.v);
    if (!paras.v)
        return -1;
    uint64_t *ph = tl.ph + j0;
    for (size_t j = j0; j <= j1; j++)
        paras.v[j - j0] = (wn_ustr){t->s + tl.pa[j], tl.pb[j] - tl.pa[j]};
    if (sa < sb) {
        size_t last = paras.n - 1;
        paras.v[0] = (wn_ustr){t->s + sa, (size_t)(paras.v[0].s - t->s) + paras.v[0].n - sa};
        paras.v[last].n = sb - (size_t)(paras.v[last].s - t->s);
        if (paras.n > 1 && tl.pa[j0] < sa)
            ph[0] = cut_para_hash(&tl, nb, t->s, hashb, tl.pl[j0], sa, tl.pb[j0]);
        if (paras.n > 1 && tl.pb[j1] > sb)
            ph[last] = cut_para_hash(&tl, nb, t->s, hashb, tl.pl[j1], tl.pa[j1], sb);
    } else {
        paras.v[0] = (wn_ustr){t->s + sa, 0};
    }
    long long pd, pc;
    if (find_dups_hashed(a, paras.v, ph, paras.n, &pd, &pc))
        return -1;
    wn_fres_int(r, "text_len", text_len);
    wn_fres_int(r, "n_paragraphs", (long long)paras.n);
    wn_fres_int(r, "para_dup_count", pd);
    wn_fres_int(r, "para_dup_chars", pc);
    wn_fres_ratio(r, "para_dup_frac", pd, (long long)paras.n);
    wn_fres_ratio(r, "para_dup_char_frac", pc, text_len);
    if (c->dup_para_frac && (double)pd / (double)paras.n > c->dup_para_frac)
        reason = "dup_para_frac";
    else if (c->dup_para_char_frac && zero)
        reason = "";
    else if (c->dup_para_char_frac && (double)pc / dlen > c->dup_para_char_frac)
        reason = "dup_para_char_frac";
    if (reason && c->first_drop_ends)
        goto decide;

    long long ld, lc;
    if (find_dups_hashed(a, lines.v, lh, lines.n, &ld, &lc))
        return -1;
    wn_fres_int(r, "n_lines", (long long)lines.n);
    wn_fres_int(r, "line_dup_count", ld);
    wn_fres_int(r, "line_dup_chars", lc);
    wn_fres_ratio(r, "line_dup_frac", ld, (long long)lines.n);
    wn_fres_ratio(r, "line_dup_char_frac", lc, text_len);
    if (!reason) {
        if (c->dup_line_frac && (double)ld / (double)lines.n > c->dup_line_frac)
            reason = "dup_line_frac";
        else if (c->dup_line_char_frac && zero)
            reason = "";
        else if (c->dup_line_char_frac && (double)lc / dlen > c->dup_line_char_frac)
            reason = "dup_line_char_frac";
    }
    if (reason && c->first_drop_ends)
        goto decide;

    if (wn_ftext_words(t)) /* made above unless the lines came first */
        return -1;
    ngram_ctx g = {.w = t->words.v, .nw = t->words.n, .text = t->s, .tn = t->n, .bytes = t->bytes};
    if (ngram_init(a, &g))
        return -1;
    t->ids_of = t->words.v; /* for gopher_quality's counts */
    t->tok_first = g.first;
    t->tok_count = g.tcount;
    t->nids = g.nids;
    wn_fres_int(r, "n_words", (long long)g.nw);
    /* numbers of the current and previous n-grams, and counts */
    size_t cap = g.nw + 1;
    uint32_t *num = wn_arena_alloc(a, cap * sizeof *num);
    uint32_t *prev = wn_arena_alloc(a, cap * sizeof *prev);
    uint32_t *count = wn_arena_alloc(a, cap * sizeof *count);
    if (!num || !prev || !count)
        return -1;
    /* The bigrams that may repeat, those whose both tokens do: the first
     * level's (n-1)-gram numbers are the token ids, and its positions are
     * listed by repeat_flags. */
    uint32_t *cand = g.bcand;
    size_t ncand = g.nbcand;
    const uint32_t *left = g.id;
    /* no level numbers more positions than the first's candidates */
    size_t cap2 = 16;
    while (cap2 < 3 * ncand)
        cap2 <<= 1;
    ntab hs = {wn_arena_alloc(a, cap2 * sizeof *hs.slot),
               wn_arena_alloc(a, (ncand + 2) * sizeof *hs.key)};
    if (!hs.slot || !hs.key)
        return -1;

    for (size_t k = 0; k < 3; k++) {
        size_t n = k + 2;
        if (g.nw < n) {
            wn_fres_null(r, TOP_NAMES[k][0]);
            wn_fres_null(r, TOP_NAMES[k][1]);
            continue;
        }
        size_t bi = 0; /* every n-gram once: the first */
        long long bc = 1;
        number_ngrams(&hs, left, g.id + n - 1, cand, &ncand, num, count, k == 2, &bi, &bc);
        uint32_t *x = prev;
        prev = num;
        num = x;
        left = prev;
        long long glen = g.pre[bi + n] - g.pre[bi] + (long long)(n - 1);
        long long chars = glen * bc;
        wn_fres_int(r, TOP_NAMES[k][0], chars);
        wn_fres_ratio(r, TOP_NAMES[k][1], chars, text_len);
        /* the n-gram itself, joined with spaces */
        uint32_t *gs = wn_arena_alloc(a, (size_t)glen * sizeof *gs + 4);
        if (!gs)
            return -1;
        size_t o = 0;
        for (size_t q = bi; q < bi + n; q++) {
            if (q > bi)
                gs[o++] = ' ';
            memcpy(gs + o, g.w[q].s, g.w[q].n * sizeof *gs);
            o += g.w[q].n;
        }
        if (wn_fres_str(r, a, TOP_NAMES[k][2], gs, o))
            return -1;
        wn_fres_int(r, TOP_NAMES[k][3], bc);
        if (!reason && c->top_n_grams[k] >= 0 && !zero && (double)chars / dlen > c->top_n_grams[k])
            reason = TOP_REASONS[k];
        if (reason && c->first_drop_ends)
            goto decide;
    }
    gtab ds; /* for the dup_n_grams probes alone: fewer, so smaller */
    if (gtab_init(a, &ds, g.maxmay))
        return -1;
    for (size_t k = 0; k < 6; k++) {
        long long chars = all_dup(&ds, &g, k + 5, 0);
        if (chars < 0)
            chars = all_dup(&ds, &g, k + 5, 1);
        wn_fres_int(r, DUP_NAMES[k][0], chars);
        wn_fres_ratio(r, DUP_NAMES[k][1], chars, text_len);
        if (!reason && zero)
            reason = "";
        if (!reason && (double)chars / dlen > c->dup_n_grams[k])
            reason = DUP_REASONS[k];
        if (reason && c->first_drop_ends)
            break;
    }
decide:
    if (reason && !*reason) {
        r->kept = 0;
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else {
        r->kept = reason == NULL;
        r->reason = reason;
    }
    return 0;
}
