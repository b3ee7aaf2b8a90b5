/*
 * utf8.c - strict UTF-8 decoding. The ASCII fast path matters: the pipeline
 * checks every byte of every document, and web text is mostly ASCII.
 */
#include "utf8.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WN_UTF8_AVX2 1
#endif

size_t wn_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = 1;
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n) {
            *cp = (uint32_t)i;
            return 0;
        }
        unsigned b = s[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *cp = (uint32_t)i;
            return 0;
        }
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return len;
}

size_t wn_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t wn_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* 8 ASCII bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = wn_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

size_t wn_utf8_find_control(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t i = 0;
    while (i < n) {
        /* skip 8 bytes at a time while none is below 0x20 (exact as a whole:
         * (w - 0x20 per byte) & ~w sets a high bit iff some byte is < 0x20);
         * newlines and tabs stop the skip too and are sorted out below */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w - ones * 0x20) & ~w & high)
                break;
            i += 8;
        }
        size_t end = i + 8 < n ? i + 8 : n;
        for (; i < end; i++)
            if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
                return i;
    }
    return n;
}

size_t wn_utf8_clean_prefix(const unsigned char *s, size_t n)
{
    /* One pass instead of wn_utf8_valid_prefix() then wn_utf8_find_control():
     * a 16-byte block goes by when it holds no byte below 0x20 other than tab
     * and newline and none >= 0x80 (a signed compare puts those below 0x20
     * too); the first such byte is either a control (the end) or the lead of
     * a sequence to check. */
    size_t i = 0;
#ifdef __SSE2__
    const __m128i k20 = _mm_set1_epi8(0x20), knl = _mm_set1_epi8('\n'), ktab = _mm_set1_epi8('\t');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i ok = _mm_or_si128(_mm_cmpeq_epi8(v, knl), _mm_cmpeq_epi8(v, ktab));
        int m = _mm_movemask_epi8(_mm_andnot_si128(ok, _mm_cmplt_epi8(v, k20)));
        if (!m) {
            i += 16;
            continue;
        }
        i += (size_t)__builtin_ctz((unsigned)m);
        if (s[i] < 0x80)
            return i;
        size_t k = wn_utf8_seq_len(s + i, n - i);
        if (!k)
            return i;
        i += k;
    }
#endif
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x20) {
            if (c != '\n' && c != '\t')
                return i;
            i++;
        } else if (c < 0x80) {
            i++;
        } else {
            size_t k = wn_utf8_seq_len(s + i, n - i);
            if (!k)
                return i;
            i += k;
        }
    }
    return n;
}

size_t wn_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* ---- UTF-8 to code points ---- */

/* One code point at s[i], whose byte is >= 0x80: its length in bytes (1
 * for an invalid byte, which stands as U+FFFD). The two- and three-byte
 * forms that need no range check beyond "a continuation byte" inline (as
 * wn_utf8_seq_len), the rest by wn_utf8_decode(). */
static inline size_t step_multi(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    if (c - 0xC2u <= 0xDFu - 0xC2u && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
        *cp = (c & 0x1F) << 6 | (s[i + 1] & 0x3Fu);
        return 2;
    }
    if ((c - 0xE1u <= 0xECu - 0xE1u || c == 0xEE || c == 0xEF) && i + 2 < n &&
        (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
        *cp = (c & 0x0F) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
        return 3;
    }
    size_t k = wn_utf8_decode(s + i, n - i, cp);
    if (k)
        return k;
    *cp = 0xFFFD;
    return 1;
}

/* From s[i] on, one byte at a time: the tail of every path below. */
static size_t to_u32_tail(const unsigned char *s, size_t n, size_t i, uint32_t *out, size_t k)
{
    while (i < n) {
        if (s[i] < 0x80)
            out[k++] = s[i++];
        else
            i += step_multi(s, n, i, &out[k++]);
    }
    return k;
}

static int g_utf8_level = -1; /* set by a test; -1: the CPU's best */

#ifdef WN_UTF8_AVX2
/* 32 bytes a step, widened with VPMOVZXBD (one shuffle for eight bytes,
 * where SSE2 interleaves with zeros twice). A block holding a non-ASCII
 * byte is widened all the same (out has room for n + 1 and k <= i, so the
 * stores stay inside; what lies past the first non-ASCII byte is written
 * again later), then the ASCII bytes before it are kept and the run of
 * non-ASCII code points from there is decoded one at a time. */
__attribute__((target("avx2"))) static size_t to_u32_avx2(const unsigned char *s, size_t n,
                                                           uint32_t *out)
{
    size_t i = 0, k = 0;
    while (i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        unsigned m = (unsigned)_mm256_movemask_epi8(v);
        __m128i lo = _mm256_castsi256_si128(v), hi = _mm256_extracti128_si256(v, 1);
        _mm256_storeu_si256((__m256i *)(out + k), _mm256_cvtepu8_epi32(lo));
        _mm256_storeu_si256((__m256i *)(out + k + 8), _mm256_cvtepu8_epi32(_mm_srli_si128(lo, 8)));
        _mm256_storeu_si256((__m256i *)(out + k + 16), _mm256_cvtepu8_epi32(hi));
        _mm256_storeu_si256((__m256i *)(out + k + 24), _mm256_cvtepu8_epi32(_mm_srli_si128(hi, 8)));
        if (!m) {
            i += 32, k += 32;
            continue;
        }
        size_t a = (size_t)__builtin_ctz(m);
        i += a, k += a;
        do
            i += step_multi(s, n, i, &out[k++]);
        while (i < n && s[i] >= 0x80);
    }
    return to_u32_tail(s, n, i, out, k);
}
#endif

/* The same sixteen bytes a step with SSE2 (or eight in plain C). */
static size_t to_u32_sse2(const unsigned char *s, size_t n, uint32_t *out)
{
    size_t i = 0, k = 0;
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(v);
        __m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
        _mm_storeu_si128((__m128i *)(out + k), _mm_unpacklo_epi16(lo, zero));
        _mm_storeu_si128((__m128i *)(out + k + 4), _mm_unpackhi_epi16(lo, zero));
        _mm_storeu_si128((__m128i *)(out + k + 8), _mm_unpacklo_epi16(hi, zero));
        _mm_storeu_si128((__m128i *)(out + k + 12), _mm_unpackhi_epi16(hi, zero));
        if (!m) {
            i += 16, k += 16;
            continue;
        }
        size_t a = (size_t)__builtin_ctz(m);
        i += a, k += a;
        do
            i += step_multi(s, n, i, &out[k++]);
        while (i < n && s[i] >= 0x80);
    }
#else
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) {
            while (s[i] < 0x80)
                out[k++] = s[i++];
            do
                i += step_multi(s, n, i, &out[k++]);
            while (i < n && s[i] >= 0x80);
            continue;
        }
        for (int b = 0; b < 8; b++)
            out[k + b] = s[i + b];
        i += 8, k += 8;
    }
#endif
    return to_u32_tail(s, n, i, out, k);
}

/* The level in use: the one a test set, else the best the CPU has (read
 * each time, nothing written, so threads need no care). */
static int utf8_level(void)
{
    if (g_utf8_level >= 0)
        return g_utf8_level;
#ifdef WN_UTF8_AVX2
    if (__builtin_cpu_supports("avx2"))
        return 2;
#endif
    return 1;
}

int wn_utf8_simd(int level)
{
    int best = 1;
#ifdef WN_UTF8_AVX2
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        best = 2;
#endif
    g_utf8_level = level < 0 ? -1 : level < best ? level : best;
    return utf8_level();
}

size_t wn_utf8_to_u32_into(const char *str, size_t n, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)str;
    int level = utf8_level();
    size_t k;
    if (level == 0)
        k = to_u32_tail(s, n, 0, out, 0);
#ifdef WN_UTF8_AVX2
    else if (level == 2)
        k = to_u32_avx2(s, n, out);
#endif
    else
        k = to_u32_sse2(s, n, out);
    out[k] = 0;
    return k;
}
