/*
 * json.c - a strict, non-allocating JSON validator that records where each
 * top-level member's value lies, plus string decoding and encoding.
 *
 * Why not a DOM library: the pipeline copies every field it does not own
 * through untouched, so it only needs value spans; building and re-serialising
 * a tree for every line would cost more than the rest of the reader.
 */
#include "json.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "utf8.h"

typedef struct parser {
    const char *s;
    size_t n, i;
    const char *err;
} parser;

static void skip_ws(parser *p)
{
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            p->i++;
        else
            break;
    }
}

static int fail(parser *p, const char *msg)
{
    if (!p->err)
        p->err = msg;
    return -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* After a \\uXXXX escape that gave cp, s[*i] being the byte after it: a
 * high surrogate followed by a \\u escape of a low one makes one code point
 * (*i moves past the second escape); a lone surrogate becomes U+FFFD, as
 * JSON text decoded to UTF-8 cannot hold it. */
static uint32_t join_surrogates(const char *s, size_t *i, size_t end, uint32_t cp)
{
    if (cp >= 0xD800 && cp <= 0xDBFF && *i + 6 <= end && s[*i] == '\\' && s[*i + 1] == 'u') {
        uint32_t lo = 0;
        int ok = 1;
        for (int k = 0; k < 4; k++) {
            int h = hexval(s[*i + 2 + k]);
            if (h < 0)
                ok = 0;
            lo = (lo << 4) | (uint32_t)(h < 0 ? 0 : h);
        }
        if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            *i += 6;
        }
    }
    return cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp;
}


/* Offset in s[i..n) of the first '"' or '\\', or n. Web text has an escape
 * every few dozen bytes, so the scan is inline rather than a memchr call per
 * escape, and it looks for both bytes in one pass. */
static inline size_t find_quote_or_backslash(const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
    const __m128i kq = _mm_set1_epi8('"'), kb = _mm_set1_epi8('\\');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, kq), _mm_cmpeq_epi8(v, kb)));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
        i += 16;
    }
#endif
    while (i < n && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

/* The byte a one-letter escape stands for; every other byte stands for
 * itself (\" \\ \/). One look-up instead of a branch per kind: in web text
 * \n, \" and \t come in no order a branch predictor could learn. */
#define ID4(b) b, b + 1, b + 2, b + 3
#define ID16(b) ID4(b), ID4(b + 4), ID4(b + 8), ID4(b + 12)
static const unsigned char unescaped[256] = {
    ID16(0x00), ID16(0x10), ID16(0x20), ID16(0x30), ID16(0x40), ID16(0x50),
    /* 0x60: ` a b c d e f g h i j k l m n o */
    0x60, 'a', '\b', 'c', 'd', 'e', '\f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', '\n', 'o',
    /* 0x70: p q r s t u v w x y z { | } ~ DEL */
    'p', 'q', '\r', 's', '\t', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 0x7F,
    ID16(0x80), ID16(0x90), ID16(0xA0), ID16(0xB0), ID16(0xC0), ID16(0xD0), ID16(0xE0), ID16(0xF0)};
#undef ID16
#undef ID4

/* The one-letter escapes JSON allows, looked up rather than compared in turn */
static const unsigned char simple_escape[256] = {['"'] = 1, ['\\'] = 1, ['/'] = 1, ['b'] = 1,
                                                 ['f'] = 1, ['n'] = 1,  ['r'] = 1, ['t'] = 1};

static int parse_string(parser *p)
{
    /* p->s[p->i] == '"' */
    p->i++;
    for (;;) {
        size_t i = find_quote_or_backslash(p->s, p->i, p->n);
        if (i >= p->n) {
            p->i = p->n;
            return fail(p, "unterminated string");
        }
        if (p->s[i] == '"') {
            p->i = i + 1;
            return 0;
        }
        p->i = i + 1;
        if (p->i >= p->n)
            return fail(p, "unterminated string");
        char e = p->s[p->i];
        if (simple_escape[(unsigned char)e]) {
            p->i++;
        } else if (e == 'u') {
            if (p->i + 4 >= p->n)
                return fail(p, "truncated \\u escape");
            for (int k = 1; k <= 4; k++)
                if (hexval(p->s[p->i + k]) < 0) {
                    p->i += k;
                    return fail(p, "bad \\u escape");
                }
            p->i += 5;
        } else {
            return fail(p, "bad escape in string");
        }
    }
}

#ifdef __SSE2__
/* Copy s[*i..) to out[*o..) sixteen bytes at a time while none of them is
 * a backslash (or, with quote, a '"') and sixteen are left before end; 1
 * when it stopped at such a byte (*i and *o then at it), 0 when fewer than
 * sixteen are left. Each store writes sixteen bytes, also past the byte it
 * stops at: the callers leave room for that. */
static inline int copy16_until(const char *s, size_t *i, size_t end, char *out, size_t *o,
                               int quote)
{
    const __m128i kq = _mm_set1_epi8(quote ? '"' : '\\'), kb = _mm_set1_epi8('\\');
    while (*i + 16 <= end) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + *i));
        _mm_storeu_si128((__m128i *)(out + *o), v);
        int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, kq), _mm_cmpeq_epi8(v, kb)));
        if (m) {
            unsigned k = (unsigned)__builtin_ctz((unsigned)m);
            *i += k;
            *o += k;
            return 1;
        }
        *i += 16;
        *o += 16;
    }
    return 0;
}
#endif

/* The escape at s[*i] ('\\') decoded to out[*o..), both moved past it; or
 * -1 with the error and its offset in p, as parse_string() reports them. */
static inline int decode_escape(parser *p, const char *s, size_t n, size_t *pi, char *out, size_t *po)
{
    size_t i = *pi + 1;
    if (i >= n) {
        p->i = i;
        return fail(p, "unterminated string");
    }
    unsigned char e = (unsigned char)s[i];
    if (simple_escape[e]) {
        out[(*po)++] = (char)unescaped[e];
        *pi = i + 1;
        return 0;
    }
    if (e != 'u') {
        p->i = i;
        return fail(p, "bad escape in string");
    }
    if (i + 4 >= n) {
        p->i = i;
        return fail(p, "truncated \\u escape");
    }
    uint32_t cp = 0;
    for (int k = 1; k <= 4; k++) {
        int h = hexval(s[i + k]);
        if (h < 0) {
            p->i = i + k;
            return fail(p, "bad \\u escape");
        }
        cp = (cp << 4) | (uint32_t)h;
    }
    i += 5;
    cp = join_surrogates(s, &i, n, cp);
    *po += wn_utf8_encode(cp, out + *po);
    *pi = i;
    return 0;
}

#ifdef __SSE2__
/* Bit k of *quotes set when s[k] is '"', of the result when s[k] is '"'
 * or '\\', for k < 64. */
static inline uint64_t specials64(const char *s, uint64_t *quotes)
{
    const __m128i kq = _mm_set1_epi8('"'), kb = _mm_set1_epi8('\\');
    __m128i v0 = _mm_loadu_si128((const __m128i *)s), v1 = _mm_loadu_si128((const __m128i *)(s + 16)),
            v2 = _mm_loadu_si128((const __m128i *)(s + 32)), v3 = _mm_loadu_si128((const __m128i *)(s + 48));
    __m128i q0 = _mm_cmpeq_epi8(v0, kq), q1 = _mm_cmpeq_epi8(v1, kq), q2 = _mm_cmpeq_epi8(v2, kq),
            q3 = _mm_cmpeq_epi8(v3, kq);
    *quotes = (uint64_t)(unsigned)_mm_movemask_epi8(q0) | (uint64_t)(unsigned)_mm_movemask_epi8(q1) << 16 |
              (uint64_t)(unsigned)_mm_movemask_epi8(q2) << 32 | (uint64_t)(unsigned)_mm_movemask_epi8(q3) << 48;
    __m128i b0 = _mm_or_si128(q0, _mm_cmpeq_epi8(v0, kb)), b1 = _mm_or_si128(q1, _mm_cmpeq_epi8(v1, kb)),
            b2 = _mm_or_si128(q2, _mm_cmpeq_epi8(v2, kb)), b3 = _mm_or_si128(q3, _mm_cmpeq_epi8(v3, kb));
    return (uint64_t)(unsigned)_mm_movemask_epi8(b0) | (uint64_t)(unsigned)_mm_movemask_epi8(b1) << 16 |
           (uint64_t)(unsigned)_mm_movemask_epi8(b2) << 32 | (uint64_t)(unsigned)_mm_movemask_epi8(b3) << 48;
}

/* out[0..64) = s[0..64): the run before the next special byte, and more */
static inline void copy64(char *out, const char *s)
{
    __m128i v0 = _mm_loadu_si128((const __m128i *)s), v1 = _mm_loadu_si128((const __m128i *)(s + 16)),
            v2 = _mm_loadu_si128((const __m128i *)(s + 32)), v3 = _mm_loadu_si128((const __m128i *)(s + 48));
    _mm_storeu_si128((__m128i *)out, v0);
    _mm_storeu_si128((__m128i *)(out + 16), v1);
    _mm_storeu_si128((__m128i *)(out + 32), v2);
    _mm_storeu_si128((__m128i *)(out + 48), v3);
}
/* Bit k set when s[k] needs care in a JSON string: below 0x20, '"', '\\'
 * or >= 0x80 (a signed compare puts those below 0x20 too), for k < 64. */
static inline uint64_t care64(const char *s)
{
    const __m128i k20 = _mm_set1_epi8(0x20), kq = _mm_set1_epi8('"'), kb = _mm_set1_epi8('\\');
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + 16 * k));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, k20), _mm_or_si128(_mm_cmpeq_epi8(v, kq), _mm_cmpeq_epi8(v, kb)));
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(bad) << (16 * k);
    }
    return m;
}
#endif


/* parse_string() and wn_json_unescape() in one pass: the same checks with
 * the same errors at the same offsets, and on success out (room for the rest
 * of the line and a NUL) holds what wn_json_unescape() makes of the literal.
 * A surrogate pair is joined when its second escape would pass the check
 * (i + 6 <= n and four hex digits), which is what "before the closing quote"
 * comes to once the whole string has passed. */
static int parse_string_decode(parser *p, char *out, size_t *out_len)
{
    const char *s = p->s;
    size_t n = p->n, i = p->i + 1, o = 0;
#ifdef __SSE2__
    /* Web text has an escape every 18 bytes or so (\n, \", \t): a test per
     * 16-byte step stops at nearly every one, a branch no predictor learns.
     * Instead the quotes and backslashes of 64 bytes are found at once
     * and visited bit by bit; the run before each is copied with four
     * 16-byte stores whatever its length. They read s[i..i + 64) and write
     * out[o..o + 64): the loop keeps 128 bytes of line ahead of the block,
     * and o < i - p->i, so o + 64 < n - p->i + 1, the room. */
    while (i + 128 <= n) {
        size_t base = i;
        uint64_t quotes, m = specials64(s + base, &quotes);
        for (;;) {
            copy64(out + o, s + i);
            if (!m) { /* the rest of the block is plain */
                o += base + 64 - i;
                i = base + 64;
                break;
            }
            unsigned k = (unsigned)__builtin_ctzll(m);
            size_t at = base + k;
            o += at - i;
            i = at;
            if (quotes >> k & 1) {
                p->i = i + 1;
                out[o] = 0;
                *out_len = o;
                return 0;
            }
            if (decode_escape(p, s, n, &i, out, &o))
                return -1;
            if (i - base >= 64)
                break; /* the escape ran past the block */
            m &= ~(uint64_t)0 << (i - base);
        }
    }
#endif
    for (;;) {
#ifdef __SSE2__
        /* the store may run past the string: o < i - p->i always, so
         * o + 16 < n - p->i + 1, the room */
        if (copy16_until(s, &i, n, out, &o, 1))
            goto special;
#endif
        while (i < n && s[i] != '"' && s[i] != '\\')
            out[o++] = s[i++];
        if (i >= n) {
            p->i = n;
            return fail(p, "unterminated string");
        }
#ifdef __SSE2__
    special:
#endif
        if (s[i] == '"') {
            p->i = i + 1;
            out[o] = 0;
            *out_len = o;
            return 0;
        }
        if (decode_escape(p, s, n, &i, out, &o))
            return -1;
    }
}

static int parse_number(parser *p)
{
    size_t i = p->i;
    if (i < p->n && p->s[i] == '-')
        i++;
    if (i >= p->n)
        return fail(p, "bad number");
    if (p->s[i] == '0')
        i++;
    else if (p->s[i] >= '1' && p->s[i] <= '9')
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
    else {
        p->i = i;
        return fail(p, "bad number");
    }
    if (i < p->n && p->s[i] == '.') {
        i++;
        size_t d = i;
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
        if (i == d) {
            p->i = i;
            return fail(p, "bad number: no digits after '.'");
        }
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->n && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        size_t d = i;
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
        if (i == d) {
            p->i = i;
            return fail(p, "bad number: empty exponent");
        }
    }
    p->i = i;
    return 0;
}

static int parse_value(parser *p, int depth, char *type);

static int parse_container(parser *p, int depth, char close)
{
    /* p->s[p->i] is '{' or '[' */
    if (depth >= WN_JSON_MAX_DEPTH)
        return fail(p, "nesting too deep");
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return 0;
    }
    for (;;) {
        skip_ws(p);
        if (close == '}') {
            if (p->i >= p->n || p->s[p->i] != '"')
                return fail(p, "expected a string key");
            if (parse_string(p))
                return -1;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return fail(p, "expected ':' after key");
            p->i++;
            skip_ws(p);
        }
        char t;
        if (parse_value(p, depth + 1, &t))
            return -1;
        skip_ws(p);
        if (p->i >= p->n)
            return fail(p, close == '}' ? "unterminated object" : "unterminated array");
        if (p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->s[p->i] == close) {
            p->i++;
            return 0;
        }
        return fail(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int parse_lit(parser *p, const char *lit)
{
    size_t l = strlen(lit);
    if (p->n - p->i < l || memcmp(p->s + p->i, lit, l))
        return fail(p, "invalid literal");
    p->i += l;
    return 0;
}

static int parse_value(parser *p, int depth, char *type)
{
    if (p->i >= p->n)
        return fail(p, "expected a value");
    char c = p->s[p->i];
    switch (c) {
    case '"':
        *type = 's';
        return parse_string(p);
    case '{':
        *type = 'o';
        return parse_container(p, depth, '}');
    case '[':
        *type = 'a';
        return parse_container(p, depth, ']');
    case 't':
        *type = 't';
        return parse_lit(p, "true");
    case 'f':
        *type = 'f';
        return parse_lit(p, "false");
    case 'n':
        *type = 'z';
        return parse_lit(p, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            *type = 'n';
            return parse_number(p);
        }
        return fail(p, "expected a value");
    }
}

int wn_json_parse_object(const char *s, size_t n, wn_arena *a, wn_json_member **members,
                         size_t *count, const char **err, size_t *err_off)
{
    return wn_json_parse_object_decode(s, n, a, NULL, members, count, err, err_off);
}

int wn_json_parse_object_decode(const char *s, size_t n, wn_arena *a, const char *decode_key,
                                wn_json_member **members, size_t *count, const char **err, size_t *err_off)
{
    size_t dk_len = decode_key ? strlen(decode_key) : 0;
    parser p = {s, n, 0, NULL};
    size_t cap = 8, cnt = 0;
    wn_json_member *m = wn_arena_alloc(a, cap * sizeof *m);
    if (!m) {
        *err = "out of memory";
        *err_off = 0;
        return -1;
    }
    skip_ws(&p);
    if (p.i >= n || s[p.i] != '{') {
        fail(&p, p.i >= n ? "empty line" : "not a JSON object");
        goto bad;
    }
    p.i++;
    skip_ws(&p);
    if (p.i < n && s[p.i] == '}') {
        p.i++;
        goto done;
    }
    for (;;) {
        skip_ws(&p);
        if (p.i >= n || s[p.i] != '"') {
            fail(&p, "expected a string key");
            goto bad;
        }
        size_t ks = p.i;
        if (parse_string(&p))
            goto bad;
        size_t ke = p.i;
        skip_ws(&p);
        if (p.i >= n || s[p.i] != ':') {
            fail(&p, "expected ':' after key");
            goto bad;
        }
        p.i++;
        skip_ws(&p);
        size_t vs = p.i;
        char t;
        char *str = NULL;
        size_t str_len = 0;
        if (decode_key && p.i < n && s[p.i] == '"' && ke - ks == dk_len + 2 && !memcmp(s + ks + 1, decode_key, dk_len)) {
            /* Decoded as it is checked, into room for the rest of the line
             * (the decoded string is never longer), then cut to the size
             * wn_json_unescape() would take. Without the room it is only
             * checked, and the caller decodes it later as before. */
            size_t room = n - p.i + 1;
            str = wn_arena_alloc(a, room);
            if (str) {
                t = 's';
                if (parse_string_decode(&p, str, &str_len))
                    goto bad;
                str = wn_arena_realloc(a, str, room, p.i - vs + 1);
            } else if (parse_value(&p, 1, &t)) {
                goto bad;
            }
        } else if (parse_value(&p, 1, &t)) {
            goto bad;
        }
        if (cnt == cap) {
            wn_json_member *nm = wn_arena_realloc(a, m, cap * sizeof *m, 2 * cap * sizeof *m);
            if (!nm) {
                fail(&p, "out of memory");
                goto bad;
            }
            m = nm;
            cap *= 2;
        }
        m[cnt].key = wn_json_unescape(a, s + ks, ke - ks, &m[cnt].key_len);
        if (!m[cnt].key) {
            fail(&p, "out of memory");
            goto bad;
        }
        m[cnt].raw_start = vs;
        m[cnt].raw_end = p.i;
        m[cnt].type = t;
        m[cnt].str = str;
        m[cnt].str_len = str_len;
        cnt++;
        skip_ws(&p);
        if (p.i >= n) {
            fail(&p, "unterminated object");
            goto bad;
        }
        if (s[p.i] == ',') {
            p.i++;
            continue;
        }
        if (s[p.i] == '}') {
            p.i++;
            break;
        }
        fail(&p, "expected ',' or '}'");
        goto bad;
    }
done:
    skip_ws(&p);
    if (p.i != n) {
        fail(&p, "trailing data after the object");
        goto bad;
    }
    *members = m;
    *count = cnt;
    return 0;
bad:
    *err = p.err;
    *err_off = p.i;
    return -1;
}

char *wn_json_unescape(wn_arena *a, const char *raw, size_t n, size_t *out_len)
{
    /* decoded output is never longer than the literal */
    char *out = wn_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    size_t i = 1, end = n - 1; /* inside the quotes */
    while (i < end) {
#ifdef __SSE2__
        /* The store may write past the run: o <= i - 1 always (an escape
         * never decodes to more bytes than it takes), so o + 16 < i + 16 <=
         * end < n + 1, inside the allocation; bytes past the run are
         * overwritten later or lie beyond the NUL. */
        if (copy16_until(raw, &i, end, out, &o, 0))
            goto escape;
#endif
        {
            const char *bs = memchr(raw + i, '\\', end - i);
            size_t run = bs ? (size_t)(bs - raw) - i : end - i;
            memcpy(out + o, raw + i, run);
            o += run;
            i += run;
            if (!bs)
                break;
        }
#ifdef __SSE2__
    escape:;
#endif
        char e = raw[i + 1];
        i += 2;
        if (e != 'u') {
            out[o++] = (char)unescaped[(unsigned char)e];
            continue;
        }
        {
            uint32_t cp = 0;
            for (int k = 0; k < 4; k++)
                cp = (cp << 4) | (uint32_t)hexval(raw[i + k]);
            i += 4;
            cp = join_surrogates(raw, &i, end, cp);
            o += wn_utf8_encode(cp, out + o);
        }
    }
    out[o] = 0;
    *out_len = o;
    return out;
}

/* Nonzero when one of the 8 bytes in w needs escaping or decoding: a byte
 * below 0x20, '"', '\\', or one with the high bit set. The tests are exact as
 * a whole (no false "no"), which is all the fast path needs. */
static inline uint64_t needs_care(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t lt20 = (w - ones * 0x20) & ~w;
    uint64_t zq = (q - ones) & ~q, zbs = (bs - ones) & ~bs;
    return (w | lt20 | zq | zbs) & high;
}

/* The escaper piece by piece, from s[i], the start of a run of bytes copied as
 * they are (i == 0, or just after an escape): each run and each escape is one
 * append, so when the buffer's cap is hit, what is left in it is exactly what
 * it always was. wn_json_put_string() hands over to it when its own room runs
 * out near the cap. */
static int put_string_pieces(wn_buf *b, const char *s, size_t n, size_t i)
{
    static const char hex[] = "0123456789abcdef";
    while (i < n) {
        /* the longest run that is copied as it is: printable ASCII other than
         * '"' and '\\', and valid multi-byte UTF-8 sequences */
        size_t start = i;
        while (i < n) {
#ifdef __SSE2__
            /* 16 bytes at a time: none below 0x20, '"', '\\' or >= 0x80 */
            {
                const __m128i k20 = _mm_set1_epi8(0x20), kq = _mm_set1_epi8('"'),
                              kb = _mm_set1_epi8('\\');
                while (i + 16 <= n) {
                    __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
                    /* signed: bytes >= 0x80 are negative, so "< 0x20" catches them too */
                    __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, k20),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, kq),
                                                            _mm_cmpeq_epi8(v, kb)));
                    int m = _mm_movemask_epi8(bad);
                    if (m) {
                        i += (size_t)__builtin_ctz((unsigned)m);
                        break;
                    }
                    i += 16;
                }
            }
#endif
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (needs_care(w))
                    break;
                i += 8;
            }
            if (i >= n)
                break;
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80) {
                uint32_t cp;
                size_t k = wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
                if (!k)
                    break;
                i += k;
                continue;
            }
            if (c < 0x20 || c == '"' || c == '\\')
                break;
            i++;
        }
        if (wn_buf_append(b, s + start, i - start))
            return -1;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) { /* invalid: the maximal invalid subpart becomes one U+FFFD */
            uint32_t cp;
            wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (wn_buf_append(b, "\\ufffd", 6))
                return -1;
            i += cp;
            continue;
        }
        if (c == '\n' && b->cap - b->len >= 3) { /* the usual escape; room for the NUL kept */
            b->data[b->len++] = '\\';
            b->data[b->len++] = 'n';
            i++;
            continue;
        }
        char esc[6];
        size_t el = 2;
        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        if (wn_buf_append(b, esc, el))
            return -1;
        i++;
    }
    return wn_buf_putc(b, '"');
}


static const char esc_hex[] = "0123456789abcdef";
/* The letter of a two-character escape, for the bytes below 0x80 that need
 * escaping; 0 for the controls written as \u00XX. */
static const char esc_letter[128] = {['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\t'] = 't',
                                     ['\r'] = 'r', ['\b'] = 'b',  ['\f'] = 'f'};

/* The escape of byte c (a quote, a backslash or a control): its letter
 * form (\n, \t, ...) or \u00XX; returns the end of what was written. */
static inline char *put_escape(char *o, unsigned char c)
{
    o[0] = '\\';
    o[1] = esc_letter[c];
    if (!o[1]) { /* the other controls */
        o[1] = 'u';
        o[2] = '0';
        o[3] = '0';
        o[4] = esc_hex[c >> 4];
        o[5] = esc_hex[c & 15];
        return o + 6;
    }
    return o + 2;
}

int wn_json_put_string(wn_buf *b, const char *s, size_t n)
{
    if (wn_buf_reserve(b, n + 2))
        return -1;
    b->data[b->len++] = '"';
    /* Written straight into the buffer, growing it 32 bytes ahead of need: a
     * step writes at most 16 bytes (one SIMD store, or a 6-byte escape). If
     * growing fails (the cap is near), the output goes back to the start of
     * the current run and put_string_pieces() finishes, so a failure leaves
     * the same bytes as the piecewise path would. */
    size_t i = 0, run_i = 0, run_len = b->len;
    char *o = b->data + b->len;
    char *lim = b->data + b->cap - 1; /* the NUL's byte stays free */
#ifdef __SSE2__
    /* As in parse_string_decode: the bytes that need care in 64 (below
     * 0x20, '"', '\\', >= 0x80) found at once and visited bit by bit, the
     * run before each copied with four 16-byte stores. Reads stay inside
     * s (64 bytes of it are left past the block); a block writes at most
     * 6 bytes per byte plus a store's overshoot, BLOCK_ROOM. */
    enum { BLOCK_ROOM = 64 * 6 + 64 + 8 };
    while (i + 128 <= n) {
        if ((size_t)(lim - o) < BLOCK_ROOM) {
            b->len = (size_t)(o - b->data);
            if (wn_buf_reserve(b, BLOCK_ROOM))
                break; /* near the cap: the steps below take over */
            o = b->data + b->len;
            lim = b->data + b->cap - 1;
        }
        size_t base = i;
        uint64_t m = care64(s + base);
        for (;;) {
            copy64(o, s + i);
            if (!m) {
                o += base + 64 - i;
                i = base + 64;
                break;
            }
            size_t at = base + (size_t)__builtin_ctzll(m);
            o += at - i;
            i = at;
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80) {
                size_t k = wn_utf8_seq_len((const unsigned char *)s + i, n - i);
                if (k) { /* valid: part of the run (its end may lie past the copy) */
                    memcpy(o, s + i, 4);
                    o += k;
                    i += k;
                } else {
                    uint32_t cp; /* the maximal invalid subpart becomes one U+FFFD */
                    wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
                    memcpy(o, "\\ufffd", 6);
                    o += 6;
                    i += cp;
                    run_i = i;
                    run_len = (size_t)(o - b->data);
                }
            } else {
                o = put_escape(o, c);
                i++;
                run_i = i;
                run_len = (size_t)(o - b->data);
            }
            if (i - base >= 64)
                break;
            m &= ~(uint64_t)0 << (i - base);
        }
    }
#endif
    while (i < n) {
        if ((size_t)(lim - o) < 32) {
            b->len = (size_t)(o - b->data);
            if (wn_buf_reserve(b, 32)) {
                b->len = run_len;
                b->data[b->len] = 0;
                return put_string_pieces(b, s, n, run_i);
            }
            o = b->data + b->len;
            lim = b->data + b->cap - 1;
        }
        unsigned char c;
#ifdef __SSE2__
        if (i + 16 <= n) {
            /* none below 0x20, '"', '\\' or >= 0x80 (signed compare: those
             * are negative, so "< 0x20" catches them too) */
            const __m128i k20 = _mm_set1_epi8(0x20), kq = _mm_set1_epi8('"'), kb = _mm_set1_epi8('\\');
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            _mm_storeu_si128((__m128i *)o, v);
            int m = _mm_movemask_epi8(
                _mm_or_si128(_mm_cmplt_epi8(v, k20), _mm_or_si128(_mm_cmpeq_epi8(v, kq), _mm_cmpeq_epi8(v, kb))));
            if (!m) {
                i += 16;
                o += 16;
                continue;
            }
            unsigned k = (unsigned)__builtin_ctz((unsigned)m);
            i += k;
            o += k;
            c = (unsigned char)s[i];
        } else
#endif
        {
            c = (unsigned char)s[i];
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                *o++ = (char)c;
                i++;
                continue;
            }
        }
        if (c >= 0x80) {
            size_t k = wn_utf8_seq_len((const unsigned char *)s + i, n - i);
            if (k) { /* valid: part of the run */
                memcpy(o, s + i, k);
                o += k;
                i += k;
                continue;
            }
            uint32_t cp; /* invalid: the maximal invalid subpart becomes one U+FFFD */
            wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            memcpy(o, "\\ufffd", 6);
            o += 6;
            i += cp;
        } else {
            o = put_escape(o, c);
            i++;
        }
        run_i = i;
        run_len = (size_t)(o - b->data);
    }
    b->len = (size_t)(o - b->data);
    return wn_buf_putc(b, '"');
}

/* "00" to "99": two digits per division (the seventeen digits of every
 * ratio in a filter record were a digit per division). */
typedef unsigned __int128 u128;

/* 10^k for k = 0..21 */
static u128 pow10_128(int k)
{
    static const uint64_t p[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                   100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
                                   1000000000000ull, 10000000000000ull, 100000000000000ull,
                                   1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
                                   1000000000000000000ull, 10000000000000000000ull};
    return k < 20 ? (u128)p[k] : (u128)p[19] * p[k - 19];
}

/* Where the exact value num / 2^sh lies against the integer d: -1 below, 0
 * equal, 1 above. */
static int cmp_scaled(u128 num, unsigned sh, uint64_t d)
{
    u128 whole = num >> sh;
    if (whole != d)
        return whole < d ? -1 : 1;
    return (num & (((u128)1 << sh) - 1)) ? 1 : 0;
}

/* "%.*g" of the P-digit decimal q * 10^(x - P + 1) (q has exactly P digits),
 * as printf writes it: trailing zeros dropped, exponent form when x < -4 or
 * x >= P, with a sign and at least two exponent digits. */
static size_t put_g(char *out, int neg, uint64_t q, int P, int x)
{
    char dg[20];
    size_t nd = wn_u64_digits(q, dg);
    while (nd > 1 && dg[nd - 1] == '0')
        nd--;
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    if (x < -4 || x >= P) {
        out[o++] = dg[0];
        if (nd > 1) {
            out[o++] = '.';
            memcpy(out + o, dg + 1, nd - 1);
            o += nd - 1;
        }
        out[o++] = 'e';
        out[o++] = x < 0 ? '-' : '+';
        unsigned ax = (unsigned)(x < 0 ? -x : x);
        if (ax < 10)
            out[o++] = '0';
        o += wn_u64_digits(ax, out + o);
    } else if (x >= 0) {
        size_t ip = (size_t)x + 1; /* digits before the point; nd may be fewer */
        for (size_t k = 0; k < ip; k++)
            out[o++] = k < nd ? dg[k] : '0';
        if (nd > ip) {
            out[o++] = '.';
            memcpy(out + o, dg + ip, nd - ip);
            o += nd - ip;
        }
    } else {
        out[o++] = '0';
        out[o++] = '.';
        for (int k = -1; k > x; k--)
            out[o++] = '0';
        memcpy(out + o, dg, nd);
        o += nd;
    }
    out[o] = 0;
    return o;
}

/* The answer of the three tries in wn_json_format_double() (below) without
 * printf or strtod, for 1e-5 <= |v| < 1e15, where all of it fits in 128-bit
 * integers. v = m 2^-k exactly, with k <= 70; scaled by 10^s so that its
 * integer part N has 17 digits, m 10^s < 2^126. Rounding N's 17 digits
 * (and the bits below it) to P digits is exact, ties to even as printf does;
 * the P-digit decimal reads back as v exactly when it lies inside v's
 * rounding interval, half an ulp on each side (a quarter below a power of
 * two), its ends included when m is even (strtod's ties to even; kept for
 * exactness, though 15 or 16 digits never land on an end: a midpoint between
 * two doubles has 17 or more significant digits). Returns 0
 * when v is outside that range. */
static int format_fast(double v, char *out)
{
    int neg = v < 0;
    double av = neg ? -v : v;
    if (!(av >= 1e-5 && av < 1e15))
        return 0;
    uint64_t bits;
    memcpy(&bits, &av, sizeof bits);
    int be = (int)(bits >> 52);
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    unsigned k = (unsigned)(1075 - be); /* av = m 2^-k; 3 <= k <= 70 here */
    /* x = floor(log10 av): an estimate from the binary exponent (av lies in
     * [2^e, 2^(e+1)), e = 52 - k; 78913 / 2^18 is log10(2) to within
     * 2^-21, so the estimate is floor(log10 2^e), at most one below),
     * then made exact on the integers below */
    int e2 = 52 - (int)k;
    int x = (e2 * 78913) >> 18; /* an arithmetic shift: floor for e2 < 0 too */
    u128 num;
    uint64_t N;
    for (;;) {
        int s = 16 - x;
        num = (u128)m * pow10_128(s);
        u128 n = num >> k;
        if (n < (u128)10000000000000000ull)
            x--;
        else if (n >= (u128)100000000000000000ull)
            x++;
        else {
            N = (uint64_t)n;
            break;
        }
    }
    int s = 16 - x;
    u128 p10 = pow10_128(s);
    u128 rem = num & (((u128)1 << k) - 1);
    int m_even = !(m & 1);
    u128 hi_num = (u128)(2 * m + 1) * p10; /* upper end, over 2^(k+1) */
    u128 lo_num;
    unsigned lo_sh;
    if (m == (1ull << 52)) { /* a power of two: the gap below is half as wide */
        lo_num = (u128)(4 * m - 1) * p10;
        lo_sh = k + 2;
    } else {
        lo_num = (u128)(2 * m - 1) * p10;
        lo_sh = k + 1;
    }
    for (int P = 15; P <= 17; P++) {
        /* constant divisors: a multiply each instead of a division */
        uint64_t div = P == 15 ? 100 : P == 16 ? 10 : 1;
        uint64_t q = P == 15 ? N / 100 : P == 16 ? N / 10 : N;
        uint64_t r = N - q * div;
        int c; /* the dropped part against one half */
        if (div == 1)
            c = rem == ((u128)1 << (k - 1)) ? 0 : rem > ((u128)1 << (k - 1)) ? 1 : -1;
        else
            c = r != div / 2 ? (r > div / 2 ? 1 : -1) : rem ? 1 : 0;
        if (c > 0 || (c == 0 && (q & 1)))
            q++;
        if (P < 17) {
            uint64_t d = q * div; /* the decimal, in units of N */
            int ch = cmp_scaled(hi_num, k + 1, d), cl = cmp_scaled(lo_num, lo_sh, d);
            int below_hi = ch > 0 || (ch == 0 && m_even);
            int above_lo = cl < 0 || (cl == 0 && m_even);
            if (!below_hi || !above_lo)
                continue;
        }
        int xr = x;
        if (q == (uint64_t)pow10_128(P)) { /* 9.99.. rounded up to 10.0.. */
            q /= 10;
            xr++;
        }
        put_g(out, neg, q, P, xr);
        return 1;
    }
    return 0; /* not reached: P = 17 always returns */
}

void wn_json_format_double(double v, char *out, size_t outlen)
{
    if (!isfinite(v)) {
        snprintf(out, outlen, "null");
        return;
    }
    if (v == (double)(int64_t)v && fabs(v) < 1e15) {
        if (outlen >= 32) { /* what "%lld" writes */
            int64_t i = (int64_t)v;
            size_t o = 0;
            if (i < 0)
                out[o++] = '-';
            o += wn_u64_digits(i < 0 ? 0 - (uint64_t)i : (uint64_t)i, out + o);
            out[o] = 0;
        } else {
            snprintf(out, outlen, "%lld", (long long)v);
        }
        return;
    }
    if (outlen >= 32 && format_fast(v, out)) /* the tries below, worked out on integers */
        return;
    /* The shortest "%.*g" (precision 1 to 17) that reads back as v, in at
     * most three tries. If some precision P <= 15 reads back, its decimal D
     * is within half an ulp of v, at most 2^-53 v, while 15-digit decimals
     * near v are more than 10^-15 v apart (for normal v: a subnormal's ulp is
     * relatively larger, so it takes the long way, as does a short buffer,
     * where a truncated try could read back): D is the nearest 15-digit decimal
     * to v, so "%.15g" (correctly rounded; %g drops trailing zeros, and
     * picks the same notation for the same decimal) writes D too. So: if
     * "%.15g" reads back, it is the answer; if not, no P <= 15 does, and the
     * answer is 16 if "%.16g" reads back, else 17 (which always does).
     * tests/test_json_number.c compares this, and format_fast(), with trying
     * 1 to 17 in turn and with these three tries. */
    if (outlen < 32 || fabs(v) < DBL_MIN) {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(out, outlen, "%.*g", prec, v);
            if (strtod(out, NULL) == v)
                return;
        }
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, v);
        if (prec == 17 || strtod(out, NULL) == v)
            return;
    }
}

int wn_json_put_number(wn_buf *b, double v)
{
    char tmp[40];
    wn_json_format_double(v, tmp, sizeof tmp);
    return wn_buf_puts(b, tmp);
}
