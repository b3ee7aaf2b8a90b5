/*
 * ftext.c - code-point text helpers for the quality filters: UTF-8 <-> UTF-32
 * in the arena, Python's str.lower(), and lookups in the generated sorted
 * tables. See ftext.h for why the filters think in code points.
 */
#include "ftext.h"

#include "core/utf8.h"

int wn_ustr_vec_push(wn_arena *a, wn_ustr_vec *vec, const uint32_t *s, size_t n)
{
    if (vec->n == vec->cap) {
        size_t nc = vec->cap ? vec->cap * 2 : 64;
        wn_ustr *nv = wn_arena_realloc(a, vec->v, vec->cap * sizeof *nv, nc * sizeof *nv);
        if (!nv)
            return -1;
        vec->v = nv;
        vec->cap = nc;
    }
    vec->v[vec->n].s = s;
    vec->v[vec->n].n = n;
    vec->n++;
    return 0;
}

int wn_ustr_vec_grow(wn_arena *a, wn_ustr_vec *vec, size_t extra)
{
    size_t nc = vec->cap ? vec->cap * 2 : 64;
    while (nc - vec->n < extra)
        nc *= 2;
    wn_ustr *nv = wn_arena_realloc(a, vec->v, vec->cap * sizeof *nv, nc * sizeof *nv);
    if (!nv)
        return -1;
    vec->v = nv;
    vec->cap = nc;
    return 0;
}

/* One code point at s[i]: its length in bytes (1 for an invalid byte, which
 * decodes as U+FFFD). */
static size_t utf8_step(const unsigned char *s, size_t n, size_t i, uint32_t *out)
{
    size_t k = wn_utf8_decode(s + i, n - i, out);
    if (k)
        return k;
    *out = 0xFFFD;
    return 1;
}

uint32_t *wn_utf8_to_u32(wn_arena *a, const char *str, size_t n, size_t *out_n)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t *out = wn_arena_alloc(a, (n + 1) * sizeof *out);
    if (!out)
        return NULL;
    size_t i = 0, k = 0;
    while (i < n) {
#ifdef __SSE2__
        /* sixteen ASCII bytes at a time, widened by interleaving with zeros */
        const __m128i zero = _mm_setzero_si128();
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            if (_mm_movemask_epi8(v))
                break;
            __m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
            _mm_storeu_si128((__m128i *)(out + k), _mm_unpacklo_epi16(lo, zero));
            _mm_storeu_si128((__m128i *)(out + k + 4), _mm_unpackhi_epi16(lo, zero));
            _mm_storeu_si128((__m128i *)(out + k + 8), _mm_unpacklo_epi16(hi, zero));
            _mm_storeu_si128((__m128i *)(out + k + 12), _mm_unpackhi_epi16(hi, zero));
            i += 16, k += 16;
        }
#endif
        /* eight ASCII bytes at a time: the usual case */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            for (int b = 0; b < 8; b++)
                out[k + b] = s[i + b];
            i += 8, k += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            out[k++] = s[i++];
            continue;
        }
        i += utf8_step(s, n, i, &out[k++]);
    }
    out[k] = 0;
    *out_n = k;
    return out;
}

size_t *wn_utf8_offsets(wn_arena *a, const char *str, size_t n, size_t *count)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t *off = wn_arena_alloc(a, (n + 1) * sizeof *off);
    if (!off)
        return NULL;
    size_t i = 0, k = 0;
    while (i < n) {
        uint32_t cp;
        off[k++] = i;
        i += s[i] < 0x80 ? 1 : utf8_step(s, n, i, &cp);
    }
    off[k] = n;
    *count = k;
    return off;
}

char *wn_u32_to_utf8(wn_arena *a, const uint32_t *s, size_t n, size_t *out_len)
{
    char *o = wn_arena_alloc(a, n * 4 + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += wn_utf8_encode(s[i], o + k);
    o[k] = 0;
    if (out_len)
        *out_len = k;
    return o;
}

size_t wn_u32_lower(const uint32_t *s, size_t n, uint32_t *out)
{
    size_t i = 0;
#ifdef __SSE2__
    /* ASCII four at a time (punkt lower-cases every word of every
     * candidate's context, most of them ASCII); a block with anything
     * else goes one at a time from there */
    const __m128i top = _mm_set1_epi32(127), a1 = _mm_set1_epi32('A' - 1);
    const __m128i z1 = _mm_set1_epi32('Z' + 1), gap = _mm_set1_epi32(32);
    for (; i + 4 <= n; i += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        if (_mm_movemask_epi8(_mm_cmpgt_epi32(v, top)))
            break; /* code points are below 2^31: the signed compare holds */
        __m128i up = _mm_and_si128(_mm_cmpgt_epi32(v, a1), _mm_cmplt_epi32(v, z1));
        _mm_storeu_si128((__m128i *)(out + i), _mm_add_epi32(v, _mm_and_si128(up, gap)));
    }
#endif
    size_t k = i;
    for (; i < n; i++) {
        uint32_t c = s[i];
        if (c < 128) {
            out[k++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        } else if (c == 0x130) {
            out[k++] = 'i';
            out[k++] = 0x307;
        } else {
            out[k++] = wn_ulower1(c);
        }
    }
    return k;
}

int wn_u32_cmp_utf8(const uint32_t *s, size_t n, const char *u8)
{
    /* Decode u8 as we go; both orders agree because UTF-8 preserves
     * code point order. */
    const unsigned char *p = (const unsigned char *)u8;
    size_t i = 0;
    while (i < n && *p) {
        uint32_t c = *p;
        if (c < 0x80)
            p++;
        else if (c < 0xE0) {
            c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if (c < 0xF0) {
            c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        } else {
            c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            p += 4;
        }
        if (s[i] != c)
            return s[i] < c ? -1 : 1;
        i++;
    }
    if (i < n)
        return 1;
    return *p ? -1 : 0;
}

long wn_u32_find(const char *const *table, size_t count, const uint32_t *s, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = wn_u32_cmp_utf8(s, n, table[mid]);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}
