/*
 * c4.c - the C4 filters (Raffel et al. 2020, as datatrove implements them):
 * c4_quality, which drops lines (no terminal punctuation, too few words,
 * "javascript", cookie and terms-of-use notices) and whole documents (too few
 * sentences, "lorem ipsum", a curly bracket) and so rewrites the text, and
 * c4_badwords, which drops a document containing a word of the LDNOOBW
 * English list between non-word characters.
 *
 * c4_badwords follows datatrove main, whose pattern is
 * (?:\W|^)(word|word|...)(?:\W|$) over text.lower(): we walk a trie of the
 * list from every position the pattern could start at, leftmost first, which
 * finds the same leftmost match as the regex whatever its alternation order.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#define WN_HAVE_SSSE3_PATH 1 /* chosen at run time, see phrase_bits() */
#include <immintrin.h>
#endif

#include "filters.h"

void wn_c4_defaults(wn_c4_cfg *c, int fineweb)
{
    c->split_paragraph = 1;
    c->remove_citations = 1;
    c->filter_no_terminal_punct = !fineweb;
    c->min_num_sentences = 5;
    c->min_words_per_line = 3;
    c->max_word_length = 1000;
    c->filter_lorem_ipsum = 1;
    c->filter_javascript = 1;
    c->filter_curly_bracket = 1;
    c->filter_policy = 1;
}

static int contains(const uint32_t *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m > n)
        return 0;
    uint32_t first = (unsigned char)lit[0];
    for (size_t i = 0; i + m <= n; i++) {
        if (s[i] != first)
            continue;
        size_t k = 1;
        while (k < m && s[i + k] == (uint32_t)(unsigned char)lit[k])
            k++;
        if (k == m)
            return 1;
    }
    return 0;
}

/* ASCII lower case (the caller knows the text is ASCII). */
static inline uint32_t lc(uint32_t c) { return c - 'A' < 26u ? c + 32 : c; }

/* Does lit start at s[i]? fold: compare s lower-cased (ASCII) as it is read. */
static inline int at(const uint32_t *s, size_t n, size_t i, const char *lit, int fold)
{
    for (size_t k = 0; lit[k]; k++)
        if (i + k >= n || (fold ? lc(s[i + k]) : s[i + k]) != (uint32_t)(unsigned char)lit[k])
            return 0;
    return 1;
}

/* The phrases c4_quality looks for that may start at s[i], whose lower-cased
 * first letter is c. */
static inline void phrases_at(const uint32_t *s, size_t n, size_t i, uint32_t c, int fold, int *lorem,
                              int *js, int *policy)
{
    switch (c) {
    case 'l':
        *lorem |= at(s, n, i, "lorem ipsum", fold);
        break;
    case 'j':
        *js |= at(s, n, i, "javascript", fold);
        break;
    case 't':
        *policy |= at(s, n, i, "terms of use", fold);
        break;
    case 'p':
        *policy |= at(s, n, i, "privacy policy", fold);
        break;
    case 'c':
        *policy |= at(s, n, i, "cookie policy", fold);
        break;
    case 'u':
        *policy |= at(s, n, i, "uses cookies", fold) || at(s, n, i, "use of cookies", fold) ||
                   at(s, n, i, "use cookies", fold);
        break;
    }
}

/* (Outside the SSSE3 path: scan_phrases_ascii and the word count use
 * these on every build, LOWER16 where SSE2 is.) */
#ifdef __SSE2__
static inline unsigned ascii_space_bits(__m128i v);
/* Sixteen code points at p narrowed to bytes (signed saturation: above
 * 127 becomes 127, which is no letter) and ASCII-lower-cased into out;
 * the caller holds A1 = 'A' - 1, Z1 = 'Z' + 1 and k32 = 32 in every byte. */
#define LOWER16(p, out)                                                                   \
    do {                                                                                  \
        __m128i x_ = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(p)),               \
                                     _mm_loadu_si128((const __m128i *)((p) + 4)));        \
        __m128i y_ = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)((p) + 8)),         \
                                     _mm_loadu_si128((const __m128i *)((p) + 12)));       \
        __m128i b_ = _mm_packs_epi16(x_, y_);                                             \
        __m128i up_ = _mm_and_si128(_mm_cmpgt_epi8(b_, A1), _mm_cmplt_epi8(b_, Z1));      \
        (out) = _mm_add_epi8(b_, _mm_and_si128(up_, k32));                                \
    } while (0)
#endif

/* What phrase_bits() writes besides the candidates, each an array of a
 * mask per block, nb apart: the line break candidates (brk_fill()'s), and
 * for wn_c4_words() the ASCII whitespace, the code points >= 127 (not
 * ASCII, or DEL: 127 after narrowing), '[' and '{'. */
enum { PB_PHRASE, PB_BRK, PB_SPACE, PB_BIG, PB_BRACKET, PB_CURLY, PB_N };

#ifdef WN_HAVE_SSSE3_PATH
/* The phrase scan's block test with SSSE3: one byte per position of
 * flags, a bit per phrase group (0 lorem, 1 javascript, 2 terms, 3
 * privacy, 4 cookie, 5 and 6 "use" followed by 's' or ' '), for each of
 * the first four letters; a position starts a candidate when the four
 * flag bytes read from it, 0 to 3 places on, share a bit. The flags of a
 * byte come from two table lookups (PSHUFB), on its high and its low
 * nibble, ANDed: each bit is set by exactly one character in each of the
 * four places, so the AND of the two tables is exactly that character
 * (the bytes are ASCII after narrowing, 127 standing for the rest, so the
 * high nibble is 0 to 7). The same candidates as the SSE2 compares (every
 * letter tested), at a third of the work per block: the scan was about
 * 0.17 ms/MB of c4_quality's 0.9. */
/* [r]: the high nibble's flags for place r; [4 + r]: the low nibble's.
 * High nibble 2: ' '; 6: a..o; 7: p..z. */
static const uint8_t ph_tab[8][16] __attribute__((aligned(16))) = {
    {0, 0, 0, 0, 0, 0, 0x13, 0x6c},    /* l j c | t p u */
    {0, 0, 0, 0, 0, 0, 0x17, 0x68},    /* o a e | r s */
    {0, 0, 0, 0, 0, 0, 0x78, 0x07},    /* i o e | r v */
    {0, 0, 0x40, 0, 0, 0, 0x17, 0x28}, /* ' ' | e a m k | v s */
    {0x08, 0, 0, 0x10, 0x04, 0x60, 0, 0, 0, 0, 0x02, 0, 0x01, 0, 0, 0},
    {0, 0x02, 0x08, 0x60, 0, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11},
    {0, 0, 0x05, 0, 0, 0x60, 0x02, 0, 0, 0x08, 0, 0, 0, 0, 0, 0x10},
    {0x40, 0x02, 0, 0x20, 0, 0x01, 0x08, 0, 0, 0, 0, 0x10, 0, 0x04, 0, 0},
};

/* The flags of byte block b for place r (0 to 3). */
#define PH_CLASS(b, r)                                                                          \
    _mm_and_si128(                                                                              \
        _mm_shuffle_epi8(_mm_load_si128((const __m128i *)ph_tab[r]),                            \
                         _mm_and_si128(_mm_srli_epi16(b, 4), _mm_set1_epi8(0x0f))),             \
        _mm_shuffle_epi8(_mm_load_si128((const __m128i *)ph_tab[4 + (r)]),                      \
                         _mm_and_si128(b, _mm_set1_epi8(0x0f))))

/* The candidates of the whole text, one bit per position in pb[k / 16]:
 * the positions whose first four letters, lower-cased, could start a
 * phrase (the last two blocks: whose first two could). A phrase of a line
 * lies in the line, so its first four letters read the same in the text;
 * a candidate whose letters run past its line's end is looked at and
 * turned away by phrases_at(), which is bounded by the line. One pass with
 * no per-line start-up: most lines are short, and per line the block
 * test's chain of latencies was most of its cost. */

/* phrase_bits() from the block at i0 (a multiple of 16) on. */
__attribute__((target("ssse3"))) static void phrase_bits_from(const uint32_t *s, size_t n,
                                                              uint16_t *pb, size_t nb, size_t i0)
{
    uint16_t *bm = pb + PB_BRK * nb;
    const __m128i A1 = _mm_set1_epi8('A' - 1), Z1 = _mm_set1_epi8('Z' + 1), k32 = _mm_set1_epi8(32);
    size_t i = i0;
    __m128i b, c0 = _mm_setzero_si128(), c1 = c0, c2 = c0, c3 = c0;
    /* bm: brk_fill()'s masks, from the same bytes (lower-casing moves
     * 'A'..'Z' only, which are no break either way) */
    const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
#define BRK(b)                                                                                    \
    (uint16_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(b, sp), _mm_cmpeq_epi8(b, del)))
#define REST(b, k)                                                                                \
    do {                                                                                          \
        pb[PB_SPACE * nb + (k)] = (uint16_t)ascii_space_bits(b);                                  \
        pb[PB_BIG * nb + (k)] = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, del));              \
        pb[PB_BRACKET * nb + (k)] =                                                               \
            (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('[')));                   \
        pb[PB_CURLY * nb + (k)] =                                                                 \
            (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('{')));                   \
    } while (0)
    if (i + 32 <= n) {
        LOWER16(s + i, b);
        bm[i >> 4] = BRK(b);
        REST(b, i >> 4);
        c0 = PH_CLASS(b, 0);
        c1 = PH_CLASS(b, 1);
        c2 = PH_CLASS(b, 2);
        c3 = PH_CLASS(b, 3);
    }
    /* each block narrowed and classified once; the next one's flags give
     * the shifted views' last bytes */
    for (; i + 32 <= n; i += 16) {
        LOWER16(s + i + 16, b);
        bm[(i >> 4) + 1] = BRK(b);
        REST(b, (i >> 4) + 1);
        __m128i n0 = PH_CLASS(b, 0), n1 = PH_CLASS(b, 1), n2 = PH_CLASS(b, 2), n3 = PH_CLASS(b, 3);
        __m128i hit = _mm_and_si128(
            _mm_and_si128(c0, _mm_or_si128(_mm_srli_si128(c1, 1), _mm_slli_si128(n1, 15))),
            _mm_and_si128(_mm_or_si128(_mm_srli_si128(c2, 2), _mm_slli_si128(n2, 14)),
                          _mm_or_si128(_mm_srli_si128(c3, 3), _mm_slli_si128(n3, 13))));
        pb[i >> 4] =
            (uint16_t)~_mm_movemask_epi8(_mm_cmpeq_epi8(hit, _mm_setzero_si128()));
        c0 = n0, c1 = n1, c2 = n2, c3 = n3;
    }
#undef BRK
#undef REST
    /* the last one or two blocks: the first two letters; the breaks
     * exactly */
#define PAIR(a, b) ((uint32_t)(a) << 8 | (uint32_t)(b))
    for (; i < n; i += 16) {
        unsigned m = 0, br = 0, sp1 = 0, big = 0, bra = 0, cur = 0;
        for (size_t k = i; k < i + 16 && k < n; k++) {
            uint32_t ch = s[k];
            br |= (unsigned)wn_is_linebreak(ch) << (k - i);
            sp1 |= (unsigned)(ch < 128 && wn_isspace(ch)) << (k - i);
            big |= (unsigned)(ch >= 127) << (k - i);
            bra |= (unsigned)(ch == '[') << (k - i);
            cur |= (unsigned)(ch == '{') << (k - i);
        }
        bm[i >> 4] = (uint16_t)br;
        pb[PB_SPACE * nb + (i >> 4)] = (uint16_t)sp1;
        pb[PB_BIG * nb + (i >> 4)] = (uint16_t)big;
        pb[PB_BRACKET * nb + (i >> 4)] = (uint16_t)bra;
        pb[PB_CURLY * nb + (i >> 4)] = (uint16_t)cur;
        for (size_t k = i; k < i + 16 && k + 1 < n; k++) {
            uint32_t key = PAIR(lc(s[k]), lc(s[k + 1]));
            unsigned hit = (key == PAIR('l', 'o')) | (key == PAIR('j', 'a')) |
                           (key == PAIR('t', 'e')) | (key == PAIR('p', 'r')) |
                           (key == PAIR('c', 'o')) | (key == PAIR('u', 's'));
            m |= hit << (k - i);
        }
        pb[i >> 4] = (uint16_t)m;
    }
#undef PAIR
}
#undef PH_CLASS

/* The same, two blocks at a time with AVX2, for every pair of blocks that
 * phrase_bits_from() would give to its SSSE3 loop with the pair after them
 * readable; the rest is left to it, so the two write the same bits. The
 * operations are the SSSE3 loop's on 256 bits: the packs work within
 * 128-bit lanes, so the narrowed bytes are put back in order (as in
 * treebank.c's narrow32, but with signed saturation, every code point
 * above 127 becoming 127), and a view some bytes on is the block and the
 * next one's first bytes (alignr of the block and the lanes between). */
__attribute__((target("avx2"))) static inline __m256i lower32(const uint32_t *s)
{
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    __m256i x = _mm256_packs_epi32(_mm256_loadu_si256((const __m256i *)s),
                                   _mm256_loadu_si256((const __m256i *)(s + 8)));
    __m256i y = _mm256_packs_epi32(_mm256_loadu_si256((const __m256i *)(s + 16)),
                                   _mm256_loadu_si256((const __m256i *)(s + 24)));
    __m256i b = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(x, y), order);
    __m256i up = _mm256_and_si256(_mm256_cmpgt_epi8(b, _mm256_set1_epi8('A' - 1)),
                                  _mm256_cmpgt_epi8(_mm256_set1_epi8('Z' + 1), b));
    return _mm256_add_epi8(b, _mm256_and_si256(up, _mm256_set1_epi8(32)));
}

__attribute__((target("avx2"))) static void phrase_bits_avx2(const uint32_t *s, size_t n,
                                                             uint16_t *pb, size_t nb)
{
    __m256i hi[4], lo[4];
    for (int r = 0; r < 4; r++) {
        hi[r] = _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)ph_tab[r]));
        lo[r] = _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)ph_tab[4 + r]));
    }
    const __m256i low4 = _mm256_set1_epi8(0x0f), sp = _mm256_set1_epi8(0x20);
    const __m256i del = _mm256_set1_epi8(0x7f);
#define CLASS(b, r)                                                                               \
    _mm256_and_si256(                                                                             \
        _mm256_shuffle_epi8(hi[r], _mm256_and_si256(_mm256_srli_epi16(b, 4), low4)),              \
        _mm256_shuffle_epi8(lo[r], _mm256_and_si256(b, low4)))
#define PUT2(arr, k, bits)                                                                        \
    do {                                                                                          \
        uint32_t m_ = (uint32_t)(bits);                                                           \
        (arr)[k] = (uint16_t)m_;                                                                  \
        (arr)[(k) + 1] = (uint16_t)(m_ >> 16);                                                    \
    } while (0)
#define MASKS(b, k)                                                                               \
    do {                                                                                          \
        PUT2(pb + PB_BRK * nb, k,                                                                 \
             _mm256_movemask_epi8(                                                                \
                 _mm256_or_si256(_mm256_cmpgt_epi8(sp, b), _mm256_cmpeq_epi8(b, del))));          \
        __m256i ws_ = _mm256_or_si256(                                                            \
            _mm256_cmpeq_epi8(b, sp),                                                             \
            _mm256_or_si256(_mm256_and_si256(_mm256_cmpgt_epi8(b, _mm256_set1_epi8(8)),           \
                                             _mm256_cmpgt_epi8(_mm256_set1_epi8(14), b)),         \
                            _mm256_and_si256(_mm256_cmpgt_epi8(b, _mm256_set1_epi8(0x1b)),        \
                                             _mm256_cmpgt_epi8(sp, b))));                         \
        PUT2(pb + PB_SPACE * nb, k, _mm256_movemask_epi8(ws_));                                   \
        PUT2(pb + PB_BIG * nb, k, _mm256_movemask_epi8(_mm256_cmpeq_epi8(b, del)));               \
        PUT2(pb + PB_BRACKET * nb, k,                                                             \
             _mm256_movemask_epi8(_mm256_cmpeq_epi8(b, _mm256_set1_epi8('['))));                  \
        PUT2(pb + PB_CURLY * nb, k,                                                               \
             _mm256_movemask_epi8(_mm256_cmpeq_epi8(b, _mm256_set1_epi8('{'))));                  \
    } while (0)
    size_t i = 0;
    if (64 <= n) {
        __m256i b = lower32(s);
        MASKS(b, 0);
        __m256i c0 = CLASS(b, 0), c1 = CLASS(b, 1), c2 = CLASS(b, 2), c3 = CLASS(b, 3);
        for (; i + 64 <= n; i += 32) {
            b = lower32(s + i + 32);
            __m256i n0 = CLASS(b, 0), n1 = CLASS(b, 1), n2 = CLASS(b, 2), n3 = CLASS(b, 3);
            /* the views 1, 2 and 3 bytes on */
            __m256i v1 = _mm256_alignr_epi8(_mm256_permute2x128_si256(c1, n1, 0x21), c1, 1);
            __m256i v2 = _mm256_alignr_epi8(_mm256_permute2x128_si256(c2, n2, 0x21), c2, 2);
            __m256i v3 = _mm256_alignr_epi8(_mm256_permute2x128_si256(c3, n3, 0x21), c3, 3);
            __m256i hit = _mm256_and_si256(_mm256_and_si256(c0, v1), _mm256_and_si256(v2, v3));
            PUT2(pb, i >> 4,
                 ~_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, _mm256_setzero_si256())));
            /* the next pair's masks, unless phrase_bits_from() makes them */
            if (i + 96 <= n)
                MASKS(b, (i >> 4) + 2);
            c0 = n0, c1 = n1, c2 = n2, c3 = n3;
        }
    }
#undef CLASS
#undef PUT2
#undef MASKS
    phrase_bits_from(s, n, pb, nb, i);
}

/* The candidates and masks of the whole text: with AVX2 (level 3) or
 * SSSE3 (level 2), see c4_simd_level(). */
static int c4_simd_level(void);
static void phrase_bits(const uint32_t *s, size_t n, uint16_t *pb, size_t nb)
{
    if (c4_simd_level() >= 3)
        phrase_bits_avx2(s, n, pb, nb);
    else
        phrase_bits_from(s, n, pb, nb, 0);
}
#endif

static int g_c4_simd = -1;

/* 3 with AVX2 (the whole-text pass two blocks at a time), 2 with SSSE3
 * and POPCNT, 1 with SSE2 only, else 0 (the plain phrase scan). */
static int c4_simd_level(void)
{
    if (g_c4_simd >= 0)
        return g_c4_simd;
#ifdef WN_HAVE_SSSE3_PATH
    /* level 2 also counts words with POPCNT (words_from_masks()) */
    if (__builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt"))
        return __builtin_cpu_supports("avx2") ? 3 : 2;
#endif
#ifdef __SSE2__
    return 1;
#else
    return 0;
#endif
}

int wn_c4_simd(int level)
{
    int best = 0;
#ifdef __SSE2__
    best = 1;
#endif
#ifdef WN_HAVE_SSSE3_PATH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt"))
        best = __builtin_cpu_supports("avx2") ? 3 : 2;
#endif
    g_c4_simd = level < 0 ? -1 : level < best ? level : best;
    return c4_simd_level();
}

/* scan_phrases() lower-casing as it reads, for a line without U+0130 or
 * U+212A: the phrases are ASCII, and those two are the only non-ASCII
 * characters whose str.lower() holds an ASCII character (U+0130 also
 * lowers to two); every other one lowers to non-ASCII, one for one, which
 * matches no phrase character either way. */
static void scan_phrases_ascii(const uint32_t *s, size_t n, size_t avail, int *lorem, int *js,
                               int *policy)
{
    /* Every phrase starts with lo, ja, te, pr, co or us: a branch-free test
     * of the first two letters keeps the common letters from costing a
     * mispredicted branch each. */
#define PAIR(a, b) ((uint32_t)(a) << 8 | (uint32_t)(b))
    size_t i = 0;
    int level = c4_simd_level();
#ifdef __SSE2__
    /* Sixteen positions at a time, each position's letter and the next
     * narrowed to bytes (signed saturation: a code point above 127 becomes
     * 127, which is no letter) and lower-cased; the positions where a pair
     * can start a phrase come out as a bit mask, and only those are tried.
     * Those pairs are common in English, so a block often has one: walking
     * its bits, not the block, is what keeps this cheap. */
    const __m128i A1 = _mm_set1_epi8('A' - 1), Z1 = _mm_set1_epi8('Z' + 1), k32 = _mm_set1_epi8(32);
    /* avail (>= n) code points are readable from s: the last block may
     * read past the line when the text goes on; the positions past it are
     * masked off. While the next block is readable too, each block is
     * narrowed once and the next one gives the three shifted views' last
     * bytes (it is this block in the next step); the last blocks narrow
     * their four views each. */
    __m128i cur = _mm_setzero_si128(), nxt;
    if (level >= 1 && i + 1 < n && i + 32 <= avail)
        LOWER16(s + i, cur);
    for (; level >= 1 && i + 1 < n && i + 19 <= avail; i += 16) {
        __m128i v[4];
        if (i + 32 <= avail) {
            LOWER16(s + i + 16, nxt);
            v[0] = cur;
            v[1] = _mm_or_si128(_mm_srli_si128(cur, 1), _mm_slli_si128(nxt, 15));
            v[2] = _mm_or_si128(_mm_srli_si128(cur, 2), _mm_slli_si128(nxt, 14));
            v[3] = _mm_or_si128(_mm_srli_si128(cur, 3), _mm_slli_si128(nxt, 13));
            cur = nxt;
        } else {
            for (int h = 0; h < 4; h++)
                LOWER16(s + i + h, v[h]);
        }
        /* the first four letters (lore, java, term, priv, cook, use
         * followed by 's' or ' '): "ter", "use", "pri" and "coo" are
         * common in English, and each candidate that is not a phrase
         * costs a mispredicted branch or two. Every phrase is longer than
         * four, so a fourth letter past the line (read when the text goes
         * on) only turns away a candidate that could not match. */
#define P(x, y, z) _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v[0], _mm_set1_epi8(x)), \
                                               _mm_cmpeq_epi8(v[1], _mm_set1_epi8(y))), \
                                 _mm_cmpeq_epi8(v[2], _mm_set1_epi8(z)))
#define Q(w) _mm_cmpeq_epi8(v[3], _mm_set1_epi8(w))
        __m128i use4 = _mm_or_si128(Q('s'), Q(' '));
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_and_si128(P('l', 'o', 'r'), Q('e')),
                                      _mm_and_si128(P('j', 'a', 'v'), Q('a'))),
                         _mm_or_si128(_mm_and_si128(P('t', 'e', 'r'), Q('m')),
                                      _mm_and_si128(P('p', 'r', 'i'), Q('v')))),
            _mm_or_si128(_mm_and_si128(P('c', 'o', 'o'), Q('k')),
                         _mm_and_si128(P('u', 's', 'e'), use4)));
#undef Q
#undef P
        unsigned in = n - i >= 16 ? 0xffff : (1u << (n - i)) - 1;
        for (unsigned m = (unsigned)_mm_movemask_epi8(hit) & in; m; m &= m - 1) {
            size_t k = i + (size_t)__builtin_ctz(m);
            phrases_at(s, n, k, lc(s[k]), 1, lorem, js, policy);
        }
    }
#endif
    /* the tail */
    for (; i + 1 < n; i++) {
        uint32_t key = PAIR(lc(s[i]), lc(s[i + 1]));
        int hit = (key == PAIR('l', 'o')) | (key == PAIR('j', 'a')) | (key == PAIR('t', 'e')) |
                  (key == PAIR('p', 'r')) | (key == PAIR('c', 'o')) | (key == PAIR('u', 's'));
        if (hit)
            phrases_at(s, n, i, lc(s[i]), 1, lorem, js, policy);
    }
#undef PAIR
}

/* One pass over the lower-cased line for every phrase c4_quality looks for:
 * "lorem ipsum", "javascript" and the policy phrases. */
static void scan_phrases(const uint32_t *s, size_t n, int *lorem, int *js, int *policy)
{
    for (size_t i = 0; i < n; i++)
        phrases_at(s, n, i, s[i], 0, lorem, js, policy);
}

/* The phrases of the line s[a, b) of the text, from the text's candidates
 * (phrase_bits()). */
static void phrases_from_bits(const uint16_t *pb, const uint32_t *s, size_t a, size_t b,
                              int *lorem, int *js, int *policy)
{
    /* four blocks a step, read as one little-endian word (consecutive
     * entries; the candidates are the first of phrase_bits()' arrays, so
     * a word past their end reads the next array's, at places past the
     * text, which are masked off) */
    for (size_t blk = a >> 4; (blk << 4) < b; blk += 4) {
        uint64_t m;
        memcpy(&m, pb + blk, sizeof m);
        if (!m)
            continue;
        size_t base = blk << 4;
        if (base < a)
            m &= ~0ull << (a - base);
        if (b - base < 64)
            m &= (1ull << (b - base)) - 1;
        for (; m; m &= m - 1) {
            size_t k = base + (size_t)__builtin_ctzll(m);
            phrases_at(s + a, b - a, k - a, lc(s[k]), 1, lorem, js, policy);
        }
    }
}

/* CITATION_REGEX.sub("", line): \[\d*]|\[edit]|\[citation needed].
 * The removed spans (offsets in s) go to cut[] when it is non-NULL. */
static size_t remove_citations(const uint32_t *s, size_t n, uint32_t *out, size_t *cut,
                               size_t *ncut)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '[') {
            size_t j = i + 1;
            while (j < n && wn_isdecimal(s[j]))
                j++;
            size_t m = 0;
            if (j < n && s[j] == ']')
                m = j + 1 - i;
            else if (contains(s + i, n - i < 6 ? n - i : 6, "[edit]"))
                m = 6;
            else if (contains(s + i, n - i < 17 ? n - i : 17, "[citation needed]"))
                m = 17;
            if (m) {
                if (cut) {
                    cut[2 * *ncut] = i;
                    cut[2 * *ncut + 1] = i + m;
                    (*ncut)++;
                }
                i += m;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    return o;
}

typedef struct c4_line {
    size_t a, b, next; /* content [a, b), the line break [b, next) */
    const char *fate;  /* NULL: kept */
    size_t sa, sb;     /* the stripped content */
    size_t cit0, ncit; /* its citation spans in the cut list */
} c4_line;

static __attribute__((noinline)) int grow_cuts(wn_arena *ar, wn_fres *r, size_t *cap)
{
    size_t nc = *cap ? *cap * 2 : 32;
    wn_c4_cut *nv = wn_arena_realloc(ar, r->cuts, *cap * sizeof *nv, nc * sizeof *nv);
    if (!nv)
        return -1;
    r->cuts = nv;
    *cap = nc;
    return 0;
}

/* inline: make_cuts() calls it three or four times a line, and the growth
 * is rare */
static inline int push_cut(wn_arena *ar, wn_fres *r, size_t *cap, size_t a, size_t b,
                           const char *rule, int newline)
{
    if (a == b && !newline)
        return 0;
    if (r->ncuts == *cap && grow_cuts(ar, r, cap))
        return -1;
    r->cuts[r->ncuts++] = (wn_c4_cut){a, b, rule, newline};
    return 0;
}

/* Turn line fates into removals. Replayed over the text they give the
 * kept lines as they went into the output, each followed by one '\n' (its
 * own, or the break it had turned into one) but the last: the output before
 * its final strip. The caller asks only when that strip removed nothing
 * (test_filter_c4 replays them). */
static int make_cuts(wn_arena *ar, const uint32_t *s, const c4_line *L, size_t nl,
                     const size_t *cit, wn_fres *r)
{
    size_t cap = 0;
    size_t last_kept = nl;
    for (size_t k = 0; k < nl; k++)
        if (!L[k].fate)
            last_kept = k;
    for (size_t k = 0; k < nl; k++) {
        const c4_line *l = &L[k];
        if (l->fate) {
            if (push_cut(ar, r, &cap, l->a, l->next, l->fate, 0))
                return -1;
            continue;
        }
        if (push_cut(ar, r, &cap, l->a, l->sa, "c4_quality.strip", 0))
            return -1;
        for (size_t c = 0; c < l->ncit; c++)
            if (push_cut(ar, r, &cap, l->sa + cit[2 * (l->cit0 + c)],
                         l->sa + cit[2 * (l->cit0 + c) + 1], "c4_quality.citation", 0))
                return -1;
        if (push_cut(ar, r, &cap, l->sb, l->b, "c4_quality.strip", 0))
            return -1;
        if (k == last_kept) {
            if (push_cut(ar, r, &cap, l->b, l->next, "c4_quality.strip", 0))
                return -1;
        } else if (!(l->next == l->b + 1 && s[l->b] == '\n')) {
            if (push_cut(ar, r, &cap, l->b, l->next, "c4_quality.line_break", 1))
                return -1;
        }
    }
    return 0;
}

#ifdef __SSE2__
/* s[0..16) narrowed to bytes with signed saturation: a code point above
 * 127 becomes 127, so the bytes that are 127 (narrow_big) mark the code
 * points that are not ASCII (a DEL also reads as "not ASCII", which only
 * sends it down a slower path). */
static inline __m128i narrow16(const uint32_t *s)
{
    __m128i x = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)s),
                                _mm_loadu_si128((const __m128i *)(s + 4)));
    __m128i y = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + 8)),
                                _mm_loadu_si128((const __m128i *)(s + 12)));
    return _mm_packs_epi16(x, y);
}

static inline unsigned narrow_big(__m128i v)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
}

/* Python's ASCII whitespace (' ', \t..\r, \x1c..\x1f) among 16 ASCII
 * bytes, one bit each. */
static inline unsigned ascii_space_bits(__m128i v)
{
    __m128i m = _mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
        _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(8)), _mm_cmplt_epi8(v, _mm_set1_epi8(14))),
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1b)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)))));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The set bits of a 16-bit mask (no popcnt instruction is assumed). */
static inline unsigned popcount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555);
    x = (x & 0x3333) + ((x >> 2) & 0x3333);
    x = (x + (x >> 4)) & 0x0f0f;
    return (x + (x >> 8)) & 0x1f;
}

/* len(line.split()) and which of '[', '{', a code point >= U+0130 and
 * U+0130 or U+212A the line holds (flags). Sixteen characters at a time
 * while they are ASCII, four at a time for a block of sixteen that is not
 * and for the tail: the word starts are the non-space characters after a
 * space, read off a mask of spaces, so no branch depends on where words
 * end; a 4-block with a non-ASCII character adds Python's other whitespace
 * to the mask. A line with a few non-ASCII characters (a curly quote)
 * goes back to sixteen at a time after each block that holds one: a
 * quarter of the text of the parity inputs is in such lines. */
#ifdef __SSE2__
#define K(x) _mm_set1_epi32(x)
#define EQ(v, x) _mm_cmpeq_epi32(v, K(x))
#define IN(v, lo, hi) _mm_and_si128(_mm_cmpgt_epi32(v, K((lo) - 1)), _mm_cmplt_epi32(v, K((hi) + 1)))
typedef struct c4w_acc {
    __m128i br, cu, bg, od; /* '[', '{', >= U+0130, U+0130 or U+212A seen */
} c4w_acc;

/* Four code points from p: their word starts after prev_space, the
 * flags into acc; prev_space becomes the last one's space bit. */
static inline size_t c4_words4(const uint32_t *p, unsigned *prev_space, c4w_acc *acc)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* ' ', \t..\r and \x1c..\x1f: Python's ASCII whitespace */
    __m128i m = _mm_or_si128(EQ(v, ' '), _mm_or_si128(IN(v, 9, 13), IN(v, 0x1c, 0x1f)));
    __m128i hi = _mm_cmpgt_epi32(v, K(0x7f));
    if (_mm_movemask_epi8(hi)) {
        /* U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
         * U+202F, U+205F, U+3000: the rest of str.isspace() */
        __m128i u = _mm_or_si128(_mm_or_si128(EQ(v, 0x85), EQ(v, 0xa0)),
                                 _mm_or_si128(EQ(v, 0x1680), IN(v, 0x2000, 0x200a)));
        u = _mm_or_si128(u, _mm_or_si128(_mm_or_si128(EQ(v, 0x2028), EQ(v, 0x2029)),
                                         _mm_or_si128(EQ(v, 0x202f), EQ(v, 0x205f))));
        m = _mm_or_si128(m, _mm_or_si128(u, EQ(v, 0x3000)));
        acc->bg = _mm_or_si128(acc->bg, _mm_cmpgt_epi32(v, K(0x12f)));
        acc->od = _mm_or_si128(acc->od, _mm_or_si128(EQ(v, 0x130), EQ(v, 0x212a)));
    }
    unsigned msk = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(m));
    unsigned starts = ~msk & ((msk << 1) | *prev_space) & 0xf;
    *prev_space = msk >> 3;
    acc->br = _mm_or_si128(acc->br, EQ(v, '['));
    acc->cu = _mm_or_si128(acc->cu, EQ(v, '{'));
    return (size_t)((0x4332322132212110ull >> (4 * starts)) & 0xf); /* popcount */
}
#endif

size_t wn_c4_words(const uint32_t *line, size_t ln, unsigned *flags)
{
    size_t nwords = 0, q = 0;
    unsigned prev_space = 1, big = 0, bracket = 0, curly = 0, odd = 0;
#ifdef __SSE2__
    c4w_acc acc = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(),
                   _mm_setzero_si128()};
    __m128i br8 = _mm_setzero_si128(), cu8 = br8;
    for (; q + 16 <= ln; q += 16) {
        __m128i v = narrow16(line + q);
        if (narrow_big(v)) {
            for (int h = 0; h < 16; h += 4)
                nwords += c4_words4(line + q + h, &prev_space, &acc);
            continue;
        }
        unsigned msk = ascii_space_bits(v);
        nwords += popcount16(~msk & ((msk << 1) | prev_space) & 0xffff);
        prev_space = msk >> 15;
        br8 = _mm_or_si128(br8, _mm_cmpeq_epi8(v, _mm_set1_epi8('[')));
        cu8 = _mm_or_si128(cu8, _mm_cmpeq_epi8(v, _mm_set1_epi8('{')));
    }
    for (; q + 4 <= ln; q += 4)
        nwords += c4_words4(line + q, &prev_space, &acc);
    bracket = (_mm_movemask_epi8(acc.br) | _mm_movemask_epi8(br8)) != 0;
    curly = (_mm_movemask_epi8(acc.cu) | _mm_movemask_epi8(cu8)) != 0;
    big = _mm_movemask_epi8(acc.bg) != 0;
    odd = _mm_movemask_epi8(acc.od) != 0;
#undef K
#undef EQ
#undef IN
#endif
    for (; q < ln; q++) {
        uint32_t ch = line[q];
        unsigned s = (unsigned)wn_isspace(ch);
        nwords += s < prev_space;
        prev_space = s;
        big |= ch >= 0x130;
        odd |= ch == 0x130 || ch == 0x212a;
        bracket |= ch == '[';
        curly |= ch == '{';
    }
    *flags = (bracket ? WN_C4_BRACKET : 0) | (curly ? WN_C4_CURLY : 0) | (big ? WN_C4_BIG : 0) |
             (odd ? WN_C4_ODD : 0);
    return nwords;
}

/* Line breaks for str.splitlines(), found sixteen code points at a time:
 * each block is narrowed to bytes (signed saturation: every code point
 * above 127 becomes 127) and gives a mask of the places that may hold a
 * break (a byte below 0x20 or 127; U+0085, U+2028 and U+2029 are among the
 * 127s). The mask is kept across lines: most lines are short, and several
 * end in one block, so a block is classified once, not once per line. */
typedef struct brk_scan {
    size_t base;   /* the block's first index */
    unsigned mask; /* candidates in [base, base + 16) not yet passed */
    const uint16_t *pre; /* every block's mask, made beforehand, or NULL */
} brk_scan;

static void brk_fill(brk_scan *b, const uint32_t *s, size_t n)
{
    size_t i = b->base;
    unsigned m = 0;
    if (b->pre) {
        b->mask = b->pre[i >> 4];
        return;
    }
#ifdef __SSE2__
    if (i + 16 <= n) {
        __m128i x = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i)),
                                    _mm_loadu_si128((const __m128i *)(s + i + 4)));
        __m128i y = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i + 8)),
                                    _mm_loadu_si128((const __m128i *)(s + i + 12)));
        __m128i v = _mm_packs_epi16(x, y);
        __m128i c = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
        b->mask = (unsigned)_mm_movemask_epi8(c);
        return;
    }
#endif
    for (size_t k = 0; k < 16 && i + k < n; k++)
        m |= (unsigned)wn_is_linebreak(s[i + k]) << k;
    b->mask = m;
}

/* The first line break at or after i (>= the scan's block start), or n. */
static inline size_t brk_next(brk_scan *b, const uint32_t *s, size_t n, size_t i)
{
    for (;;) {
        if (i >= b->base + 16) {
            b->base = i & ~(size_t)15;
            if (b->base >= n)
                return n;
            if (b->pre) /* inline: a block of breaks made beforehand */
                b->mask = b->pre[b->base >> 4];
            else
                brk_fill(b, s, n);
        }
        unsigned m = b->mask & (~0u << (i - b->base));
        while (m) {
            size_t j = b->base + (size_t)__builtin_ctz(m);
            if (wn_is_linebreak(s[j]))
                return j;
            m &= m - 1;
        }
        i = b->base + 16;
    }
}

/* Python's whitespace among s[0..16), one bit per code point. */
static unsigned space_mask16(const uint32_t *s)
{
#ifdef __SSE2__
    __m128i v = narrow16(s);
    if (!narrow_big(v))
        return ascii_space_bits(v);
#endif
    unsigned m = 0;
    for (int k = 0; k < 16; k++)
        m |= (unsigned)wn_isspace(s[k]) << k;
    return m;
}

/* Is some word of line.split() longer than max (>= 16)? Sixteen code points
 * a step: only a run that crosses a block boundary can be that long, so
 * the run into each block is carried over and checked where it ends. */
static int has_run_over(const uint32_t *s, size_t n, size_t max)
{
    size_t run = 0, i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned m = space_mask16(s + i);
        if (!m) {
            run += 16;
            continue;
        }
        if (run + (size_t)__builtin_ctz(m) > max)
            return 1;
        run = (size_t)__builtin_clz(m) - 16; /* the non-spaces after the last space */
    }
    if (run > max) /* the run may end at the tail's first character */
        return 1;
    for (; i < n; i++) {
        run = wn_isspace(s[i]) ? 0 : run + 1;
        if (run > max)
            return 1;
    }
    return run > max;
}

/* wn_c4_words() for a line shorter than 16 with 16 code points readable
 * from its start (the text goes on): one block, the code points past the
 * line masked off as spaces. -1 when the block is not ASCII. */
static long short_words(const uint32_t *p, size_t ln, unsigned *flags)
{
#ifdef __SSE2__
    __m128i v = narrow16(p);
    unsigned in = (1u << ln) - 1;
    if (narrow_big(v) & in)
        return -1;
    /* the ASCII test holds for the line's lanes only; the others are
     * masked to spaces, so what they hold does not matter */
    unsigned sp = ascii_space_bits(v) | ~in;
    unsigned br = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('['))) & in;
    unsigned cu = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('{'))) & in;
    *flags = (br ? WN_C4_BRACKET : 0) | (cu ? WN_C4_CURLY : 0);
    return (long)popcount16(~sp & ((sp << 1) | 1) & 0xffff);
#else
    (void)p, (void)ln, (void)flags;
    return -1;
#endif
}

/* wn_c4_words() for the line s[a, b) of the text from phrase_bits()'
 * masks: the word starts are the non-spaces after a space, the places
 * outside the line counted as spaces. -1 when the line holds a code point
 * >= 127 (the masks know ASCII whitespace only). */
#ifdef WN_HAVE_SSSE3_PATH
__attribute__((target("popcnt")))
#endif
static long words_from_masks(const uint16_t *pb, size_t nb, size_t a, size_t b, unsigned *flags)
{
    const uint16_t *sp = pb + PB_SPACE * nb, *big = pb + PB_BIG * nb;
    const uint16_t *br = pb + PB_BRACKET * nb, *cu = pb + PB_CURLY * nb;
    uint64_t prev = 1, fb = 0, fc = 0;
    long w = 0;
    /* four blocks (64 code points) a step, the masks of consecutive blocks
     * being consecutive 16-bit entries (read as one little-endian word);
     * a step that would read past the last array's end takes one block */
    for (size_t blk = a >> 4; (blk << 4) < b;) {
        size_t base = blk << 4, step = blk + 4 <= nb ? 4 : 1;
        uint64_t in = step == 4 ? ~0ull : 0xffff, m, fbk, fck;
        if (base < a)
            in &= ~0ull << (a - base);
        if (b - base < 16 * step)
            in &= (1ull << (b - base)) - 1;
        if (step == 4) {
            uint64_t v;
            memcpy(&v, big + blk, sizeof v);
            if (v & in)
                return -1;
            memcpy(&m, sp + blk, sizeof m);
            memcpy(&fbk, br + blk, sizeof fbk);
            memcpy(&fck, cu + blk, sizeof fck);
        } else {
            if (big[blk] & in)
                return -1;
            m = sp[blk];
            fbk = br[blk];
            fck = cu[blk];
        }
        /* outside the line: spaces */
        m |= ~in;
        uint64_t top = step == 4 ? 63 : 15;
#ifdef WN_HAVE_SSSE3_PATH
        w += __builtin_popcountll(~m & ((m << 1) | prev) & in); /* POPCNT: see c4_simd_level() */
#else
        for (uint64_t x = ~m & ((m << 1) | prev) & in; x; x &= x - 1)
            w++;
#endif
        prev = (m >> top) & 1;
        fb |= fbk & in;
        fc |= fck & in;
        blk += step;
    }
    *flags = (fb ? WN_C4_BRACKET : 0) | (fc ? WN_C4_CURLY : 0);
    return w;
}

/* The sentences of the kept lines.
 *
 * c4_quality records sum(len(sent_tokenize(line))) over the kept lines, and
 * fineweb_quality then counts the words of the rewritten text, the kept
 * lines joined by '\n', which needs sent_tokenize() of that text: punkt ran
 * once per line and once more over the whole. Instead the whole is split
 * once, here, its sentences are handed on (t->sents), and a line's count is
 * the number of the whole's sentences that overlap it, for every line that
 * passes the checks below (the others are split alone, as before).
 *
 * Why. Take a line L of the text, non-empty, starting and ending with a
 * character that is not whitespace (1). punkt's candidates are an ender
 * followed by a non-word character, or by whitespace and a token. Inside L
 * they are the same in the text as in L alone: what follows an ender before
 * L's last character is L's own, and a token ends at whitespace or at L's
 * end, where the text has '\n'. The text adds at most a candidate at L's
 * last character (a line-end candidate). The word before a candidate starts
 * after the last ASCII whitespace since the previous candidate, else where
 * that one's word started (a space at index 0 of the text counts as none):
 * for L's first candidate the text finds the '\n' before L at the latest,
 * at index >= 1 when L starts at 2 or later (4), and L alone finds a space
 * at index >= 1 (by (1)) or starts the word at 0: the same place. A
 * candidate is decided unless the next one's word starts before it. L's
 * last candidate is decided at the end of L alone; in the text, when L ends
 * in an ender, the line-end candidate's word starts after L's last ASCII
 * space, and when no candidate lies between that space and L's end (2),
 * every earlier candidate of L is before the space, so it is decided too
 * (if L ends otherwise, the next candidate is on a later line, after a
 * '\n'). A decision reads only the candidate's context, the same
 * characters. So inside L the breaks are L's own.
 *
 * Sentences: each slice between breaks gives at most one, after closing
 * quotes and brackets at the start of the next slice move back into it
 * (with the whitespace after them, or up to a "--" or the slice's end). A
 * slice that starts L after a break at the end of the line before has none
 * of those at L's start (3), so nothing moves back out of L. L's last slice
 * ends at L's end in L alone; in the text it ends there too (a line-end
 * break), where the next slice's start decides only how far the sentence
 * reaches past L, or it runs on into the next line, where the sentence is
 * emitted and overlaps L unless closers filled the rest of L and moved back,
 * in which case L alone emits nothing for that slice either (it is empty
 * there). Slices inside L see the same next slice, but L's last one, whose
 * end may differ: that only matters when closers run to L's end, the case
 * just described. An empty sentence overlaps nothing; they are checked for
 * (never seen in practice) and then every line is split alone.
 *
 * So for a line with (1), (2) and, but for the first line, (3) and (4), its
 * count is the number of the text's sentences that overlap it. ("--" at a
 * line's start is excluded too, though it only moves where a sentence
 * ends.) test_filter_c4fw_speed compares this with splitting every line. */
static int is_ender(uint32_t ch) { return ch == '.' || ch == '?' || ch == '!'; }

/* Conditions (1) to (4) above for the kept line l[0..len), the k-th of
 * kept, at index at of the text. */
static int plain_line(const uint32_t *l, size_t len, size_t k, size_t kept, size_t at)
{
    if (!len || wn_isspace(l[0]) || wn_isspace(l[len - 1]) || (k && at < 2))
        return 0;
    if (k && (l[0] == '"' || l[0] == '\'' || l[0] == ')' || l[0] == ']' || l[0] == '}' ||
              (l[0] == '-' && len > 1 && l[1] == '-')))
        return 0;
    if (k + 1 < kept && is_ender(l[len - 1])) {
        /* an ender there followed by a letter, a digit or '.' is no
         * candidate ("U.S.", "3.5.", "so..."): punkt wants a non-word
         * character or whitespace after one */
        for (size_t q = len - 1; q > 0 && !wn_isasciispace(l[q - 1]);) {
            q--;
            uint32_t nx = l[q + 1];
            int plain = nx < 128 && (nx == '.' || ((nx | 32) >= 'a' && (nx | 32) <= 'z') ||
                                     (nx >= '0' && nx <= '9'));
            if (is_ender(l[q]) && !plain)
                return 0;
        }
    }
    return 1;
}

/* The sentences of the rewritten text handed on to fineweb_quality, when
 * the final strip leaves that text whole (it neither starts nor ends with
 * whitespace): c4's rewritten text is then exactly out[0..on). */
static void hand_on(wn_ftext *t, const wn_ustr_vec *sv, const wn_tb_maps *maps,
                    const uint32_t *out, const size_t *ks, const uint32_t *const *from,
                    size_t kept, size_t on)
{
    if (!on || wn_isspace(out[0]) || wn_isspace(out[on - 1]))
        return;
    t->sents = sv->v;
    t->nsents = sv->n;
    t->sents_s = out;
    t->sents_n = on;
    t->sents_maps = maps;
    t->sents_line_at = ks;
    t->sents_line_from = from;
    t->sents_nlines = kept;
}

/* The kept lines stand in out[0..on), the k-th at ks[k], joined by '\n',
 * a copy of from[k] (when not NULL). */
static int kept_sentences(wn_ftext *t, const uint32_t *out, const size_t *ks,
                          const uint32_t *const *from, size_t kept, size_t on, int whole,
                          long long *total)
{
    *total = 0;
    uint32_t *over = NULL; /* per line, the text's sentences overlapping it */
    const wn_tb_maps *maps = NULL;
    whole = whole && !t->sents_per_line;
    if (whole && kept == 1) {
        /* the text is the line */
        wn_ustr_vec sv = {0};
        if (wn_sent_tokenize_classified(t->a, t->pm, out, on, &sv, &maps))
            return -1;
        *total = (long long)sv.n;
        hand_on(t, &sv, maps, out, ks, from, kept, on);
        return 0;
    }
    if (whole && kept > 1) {
        wn_ustr_vec sv = {0};
        over = wn_arena_calloc(t->a, kept, sizeof *over);
        if (!over || wn_sent_tokenize_classified(t->a, t->pm, out, on, &sv, &maps))
            return -1;
        size_t first = 0, last_x = 0;
        for (size_t k = 0; k < sv.n && over; k++) {
            size_t x = (size_t)(sv.v[k].s - out), y = x + sv.v[k].n;
            if (!sv.v[k].n || x < last_x) {
                over = NULL; /* split every line alone */
                break;
            }
            last_x = x;
            /* the lines [first, ...) that end after x and start before y */
            while (first + 1 < kept && ks[first + 1] <= x)
                first++;
            size_t end_first = first + 1 < kept ? ks[first + 1] - 1 : on;
            for (size_t l = x < end_first ? first : first + 1; l < kept && ks[l] < y; l++)
                over[l]++;
        }
        hand_on(t, &sv, maps, out, ks, from, kept, on);
    }
    for (size_t k = 0; k < kept; k++) {
        size_t ns, len = (k + 1 < kept ? ks[k + 1] - 1 : on) - ks[k];
        if (over && plain_line(out + ks[k], len, k, kept, ks[k])) {
            *total += over[k];
            continue;
        }
        if (wn_sent_count(t->a, t->pm, out + ks[k], len, &ns))
            return -1;
        *total += (long long)ns;
    }
    return 0;
}

int wn_filter_c4_quality(const wn_c4_cfg *c, wn_ftext *t, wn_fres *r, int want_cuts)
{
    wn_arena *a = t->a;
    const uint32_t *s = t->s;
    size_t n = t->n;
    long long seen = 0, too_long = 0, no_punct = 0, few_words = 0, js = 0, pol = 0, kept = 0,
              sentences = 0;
    const char *reason = NULL;

    /* the phrase candidates and the line break candidates of the whole
     * text, with SSSE3, in one pass */
    uint16_t *pb = NULL, *bm = NULL;
    size_t nb = n / 16 + 1;
#ifdef WN_HAVE_SSSE3_PATH
    if (c4_simd_level() >= 2) {
        pb = wn_arena_alloc(a, PB_N * nb * sizeof *pb);
        if (!pb)
            return -1;
        bm = pb + PB_BRK * nb;
        phrase_bits(s, n, pb, nb);
    }
#endif

    /* the lines: text.splitlines(), or punkt sentences without split_paragraph */
    c4_line *L = NULL;
    size_t nl = 0;
    if (c->split_paragraph) {
        size_t cap = 64;
        L = wn_arena_alloc(a, cap * sizeof *L);
        if (!L)
            return -1;
        brk_scan bs = {.base = 0, .pre = bm};
        brk_fill(&bs, s, n);
        for (size_t i = 0; i < n;) {
            size_t j = brk_next(&bs, s, n, i);
            size_t next = j < n ? j + 1 : n;
            if (j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')
                next = j + 2;
            if (nl + 1 >= cap) {
                c4_line *nv = wn_arena_realloc(a, L, cap * sizeof *L, 2 * cap * sizeof *L);
                if (!nv)
                    return -1;
                L = nv;
                cap *= 2;
            }
            L[nl++] = (c4_line){.a = i, .b = j, .next = next};
            i = next;
        }
    } else {
        wn_ustr_vec sv = {0};
        if (wn_sent_tokenize(a, t->pm, s, n, &sv))
            return -1;
        L = wn_arena_alloc(a, (sv.n + 1) * sizeof *L);
        if (!L)
            return -1;
        for (size_t k = 0; k < sv.n; k++) {
            size_t st = (size_t)(sv.v[k].s - s);
            L[nl++] = (c4_line){.a = st, .b = st + sv.v[k].n, .next = st + sv.v[k].n};
        }
        want_cuts = 0; /* sentences are re-joined with spaces: whole-text rewrite */
    }

    /* the kept lines and a separator after each: without split_paragraph
     * the sentences may touch ("a.)b" is two) and the spaces put between
     * them are not in the text */
    uint32_t *out = wn_arena_alloc(a, (n + nl + 1) * sizeof *out);
    size_t *ks = wn_arena_alloc(a, (nl + 1) * sizeof *ks); /* where each kept line starts in out */
    /* and what it is a copy of (NULL: its citations were taken out) */
    const uint32_t **from = wn_arena_alloc(a, (nl + 1) * sizeof *from);
    uint32_t *line_buf = wn_arena_alloc(a, (n + 1) * sizeof *line_buf);
    uint32_t *low = wn_arena_alloc(a, (2 * n + 1) * sizeof *low);
    size_t *cit = NULL, ncit = 0;
    if (want_cuts)
        cit = wn_arena_alloc(a, (n + 1) * sizeof *cit); /* a citation is >= 2 chars */
    if (!out || !ks || !from || !line_buf || !low || (want_cuts && !cit))
        return -1;
    size_t on = 0;

    for (size_t k = 0; k < nl && !reason; k++) {
        c4_line *l = &L[k];
        seen++;
        size_t la, lb;
        wn_u32_strip(s + l->a, l->b - l->a, &la, &lb);
        l->sa = l->a + la;
        l->sb = l->a + lb;
        const uint32_t *line = s + l->sa;
        size_t ln = l->sb - l->sa;

        /* line.split(): count words, longest word; and whether the line has
         * U+0130 or U+212A (see scan_phrases_ascii), a '[' (a citation) or a
         * '{' */
        long long nwords = 0;
        int long_word = 0;
        int odd = 0;
        int bracket = 0, curly = 0;
        int short_line = c->max_word_length == -1 || (long long)ln <= c->max_word_length;
        if (short_line || c->max_word_length >= 16) {
            /* count word starts, without a branch per word (their ends
             * would mispredict); a word can be too long only in a line
             * longer than the limit */
            unsigned f = 0;
            long sw = ln < 16 && l->sa + 16 <= n ? short_words(line, ln, &f)
                      : pb ? words_from_masks(pb, nb, l->sa, l->sb, &f)
                           : -1;
            nwords = sw >= 0 ? sw : (long long)wn_c4_words(line, ln, &f);
            bracket = (f & WN_C4_BRACKET) != 0;
            curly = (f & WN_C4_CURLY) != 0;
            odd = (f & WN_C4_ODD) != 0;
            long_word = !short_line && has_run_over(line, ln, (size_t)c->max_word_length);
        } else {
            for (size_t q = 0; q < ln;) {
                while (q < ln && wn_isspace(line[q]))
                    q++;
                size_t e = q;
                for (; e < ln; e++) {
                    uint32_t ch = line[e];
                    if (wn_isspace(ch))
                        break;
                    odd |= ch == 0x130 || ch == 0x212a;
                    bracket |= ch == '[';
                    curly |= ch == '{';
                }
                if (e > q) {
                    nwords++;
                    if (c->max_word_length != -1 && (long long)(e - q) > c->max_word_length)
                        long_word = 1;
                }
                q = e;
            }
        }
        if (long_word) {
            too_long++;
            l->fate = "c4_quality.too_long_word";
            continue;
        }
        if (c->remove_citations && bracket) {
            l->cit0 = ncit;
            ln = remove_citations(line, ln, line_buf, cit, &ncit);
            l->ncit = ncit - l->cit0;
            line = line_buf;
        }
        if (c->filter_no_terminal_punct) {
            uint32_t last = ln ? line[ln - 1] : 0;
            int end_ok = last == '.' || last == '?' || last == '!' || last == '"' || last == '\'';
            int ellipsis = ln >= 3 && line[ln - 1] == '.' && line[ln - 2] == '.' &&
                           line[ln - 3] == '.';
            if (!end_ok || ellipsis) {
                no_punct++;
                l->fate = "c4_quality.no_terminal_punct";
                continue;
            }
        }
        if (nwords < c->min_words_per_line) {
            few_words++;
            l->fate = "c4_quality.too_few_words";
            continue;
        }
        int lorem = 0, javascript = 0, policy_hit = 0;
        if (!odd && pb && line == s + l->sa) {
            phrases_from_bits(pb, s, l->sa, l->sa + ln, &lorem, &javascript, &policy_hit);
        } else if (!odd) {
            scan_phrases_ascii(line, ln, line == s + l->sa ? n - l->sa : ln, &lorem, &javascript,
                               &policy_hit);
        } else {
            size_t lown = wn_u32_lower(line, ln, low);
            scan_phrases(low, lown, &lorem, &javascript, &policy_hit);
        }
        if (c->filter_lorem_ipsum && lorem) {
            reason = "lorem_ipsum";
            break;
        }
        if (c->filter_javascript && javascript) {
            js++;
            l->fate = "c4_quality.javascript";
            continue;
        }
        if (c->filter_curly_bracket && curly) {
            reason = "curly_bracket";
            break;
        }
        if (c->filter_policy && policy_hit) {
            pol++;
            l->fate = "c4_quality.policy";
            continue;
        }
        if (!c->split_paragraph)
            sentences++;
        if (kept)
            out[on++] = c->split_paragraph ? '\n' : ' ';
        ks[kept] = on;
        from[kept] = line == s + l->sa ? line : NULL;
        memcpy(out + on, line, ln * sizeof *out);
        on += ln;
        kept++;
    }
    /* the kept lines' sentences, counted once they all stand in out */
    if (c->split_paragraph && kept_sentences(t, out, ks, from, (size_t)kept, on, !reason, &sentences))
        return -1;
    if (!reason && sentences < c->min_num_sentences)
        reason = "too_few_sentences";

    wn_fres_int(r, "n_lines", (long long)nl);
    wn_fres_int(r, "lines_seen", seen);
    wn_fres_int(r, "lines_too_long_word", too_long);
    wn_fres_int(r, "lines_no_terminal_punct", no_punct);
    wn_fres_int(r, "lines_too_few_words", few_words);
    wn_fres_int(r, "lines_javascript", js);
    wn_fres_int(r, "lines_policy", pol);
    wn_fres_int(r, "lines_kept", kept);
    wn_fres_int(r, "num_sentences", sentences);
    r->kept = reason == NULL;
    r->reason = reason;
    if (r->kept) {
        size_t oa, ob;
        wn_u32_strip(out, on, &oa, &ob);
        r->text_out = out + oa;
        r->text_out_n = ob - oa;
        r->rewrote = r->text_out_n != n || memcmp(r->text_out, s, n * sizeof *s) != 0;
        /* a stripped start or end (a kept line that is empty or begins or
         * ends with a space once its citations are gone) is not a line
         * cut: the caller then replaces the whole text */
        if (r->rewrote && want_cuts && ob - oa == on && make_cuts(a, s, L, nl, cit, r))
            return -1;
    }
    return 0;
}

/* ---- c4_badwords ---- */

typedef struct bw_node {
    uint32_t ch;
    int32_t child, sibling;
    int32_t word_len; /* > 0: a word ends here */
} bw_node;

struct wn_bw_trie {
    bw_node *v;
    size_t n, cap;
    int32_t root_ascii[128]; /* first child of the root by ASCII character */
};

static int32_t bw_new(wn_bw_trie *t, uint32_t ch)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        bw_node *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = nc;
    }
    bw_node *x = &t->v[t->n];
    x->ch = ch;
    x->child = x->sibling = -1;
    x->word_len = 0;
    return (int32_t)t->n++;
}

static int32_t bw_child(wn_bw_trie *t, int32_t node, uint32_t ch, int create)
{
    int32_t k = t->v[node].child;
    for (; k >= 0; k = t->v[k].sibling)
        if (t->v[k].ch == ch)
            return k;
    if (!create)
        return -1;
    k = bw_new(t, ch);
    if (k < 0)
        return -1;
    t->v[k].sibling = t->v[node].child;
    t->v[node].child = k;
    return k;
}

wn_bw_trie *wn_bw_trie_build(void)
{
    wn_bw_trie *t = calloc(1, sizeof *t);
    if (!t || bw_new(t, 0) < 0) {
        wn_bw_trie_free(t);
        return NULL;
    }
    for (size_t w = 0; w < wn_badwords_en_n; w++) {
        const unsigned char *p = (const unsigned char *)wn_badwords_en[w];
        if (!*p)
            continue; /* an empty entry would match any two non-word characters */
        int32_t node = 0;
        int32_t len = 0;
        while (*p) {
            uint32_t c = *p;
            int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
            c = extra == 0 ? c : extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
            p++;
            for (int k = 0; k < extra; k++)
                c = (c << 6) | (*p++ & 0x3F);
            node = bw_child(t, node, c, 1);
            if (node < 0) {
                wn_bw_trie_free(t);
                return NULL;
            }
            len++;
        }
        t->v[node].word_len = len;
    }
    for (int c = 0; c < 128; c++)
        t->root_ascii[c] = bw_child(t, 0, (uint32_t)c, 0);
    return t;
}

void wn_bw_trie_free(wn_bw_trie *t)
{
    if (!t)
        return;
    free(t->v);
    free(t);
}

/* The longest list word at s followed by a non-word character or the end:
 * its length, or 0. */
static size_t bw_match_at(const wn_bw_trie *t, const uint32_t *s, size_t n, size_t at)
{
    if (at >= n)
        return 0;
    int32_t node = s[at] < 128 ? t->root_ascii[s[at]] : -1;
    if (s[at] >= 128) {
        for (int32_t k = t->v[0].child; k >= 0; k = t->v[k].sibling)
            if (t->v[k].ch == s[at]) {
                node = k;
                break;
            }
    }
    size_t best = 0;
    size_t i = at;
    while (node >= 0) {
        i++;
        if (t->v[node].word_len && (i == n || !wn_isword(s[i])))
            best = i - at;
        if (i >= n)
            break;
        int32_t k = t->v[node].child;
        while (k >= 0 && t->v[k].ch != s[i])
            k = t->v[k].sibling;
        node = k;
    }
    return best;
}

int wn_filter_c4_badwords(const wn_bw_trie *trie, wn_ftext *t, wn_fres *r)
{
    uint32_t *low = wn_arena_alloc(t->a, (2 * t->n + 1) * sizeof *low);
    if (!low)
        return -1;
    size_t n = wn_u32_lower(t->s, t->n, low);
    size_t start = 0, ws = 0, wl = 0;
    int found = 0;
    for (size_t p = 0; p < n && !found; p++) {
        /* (?:\W|^): a non-word character at p, then the word; or, at 0 only,
         * the word at 0 */
        if (!wn_isword(low[p]) && (wl = bw_match_at(trie, low, n, p + 1))) {
            found = 1;
            start = p;
            ws = p + 1;
        } else if (p == 0 && (wl = bw_match_at(trie, low, n, 0))) {
            found = 1;
            start = 0;
            ws = 0;
        }
    }
    if (!found) {
        wn_fres_null(r, "match");
        wn_fres_null(r, "match_start");
        wn_fres_null(r, "match_end");
        r->kept = 1;
        return 0;
    }
    size_t end = ws + wl + (ws + wl < n ? 1 : 0); /* (?:\W|$) */
    if (wn_fres_str(r, t->a, "match", low + ws, wl))
        return -1;
    wn_fres_int(r, "match_start", (long long)start);
    wn_fres_int(r, "match_end", (long long)end);
    r->kept = 0;
    r->reason = "document_removed_with_badwords";
    return 0;
}
