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

static int parse_string(parser *p)
{
    /* p->s[p->i] == '"' */
    p->i++;
    /* q: the next '"' at or after p->i, kept across escapes, so that a long
     * string with many escapes is scanned once, not once per escape */
    const char *q = NULL;
    while (p->i < p->n) {
        if (!q || q < p->s + p->i)
            q = memchr(p->s + p->i, '"', p->n - p->i);
        const char *bs = memchr(p->s + p->i, '\\', (q ? (size_t)(q - p->s) : p->n) - p->i);
        if (!bs) {
            if (!q) {
                p->i = p->n;
                return fail(p, "unterminated string");
            }
            p->i = (size_t)(q - p->s) + 1;
            return 0;
        }
        p->i = (size_t)(bs - p->s) + 1;
        if (p->i >= p->n)
            return fail(p, "unterminated string");
        char e = p->s[p->i];
        if (e == 'u') {
            if (p->i + 4 >= p->n)
                return fail(p, "truncated \\u escape");
            for (int k = 1; k <= 4; k++)
                if (hexval(p->s[p->i + k]) < 0) {
                    p->i += k;
                    return fail(p, "bad \\u escape");
                }
            p->i += 5;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                   e == 'r' || e == 't') {
            p->i++;
        } else {
            return fail(p, "bad escape in string");
        }
    }
    return fail(p, "unterminated string");
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
        if (parse_value(&p, 1, &t))
            goto bad;
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
        const char *bs = memchr(raw + i, '\\', end - i);
        size_t run = bs ? (size_t)(bs - raw) - i : end - i;
        memcpy(out + o, raw + i, run);
        o += run;
        i += run;
        if (!bs)
            break;
        char e = raw[i + 1];
        i += 2;
        switch (e) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'u': {
            uint32_t cp = 0;
            for (int k = 0; k < 4; k++)
                cp = (cp << 4) | (uint32_t)hexval(raw[i + k]);
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= end && raw[i] == '\\' &&
                raw[i + 1] == 'u') {
                uint32_t lo = 0;
                int ok = 1;
                for (int k = 0; k < 4; k++) {
                    int h = hexval(raw[i + 2 + k]);
                    if (h < 0)
                        ok = 0;
                    lo = (lo << 4) | (uint32_t)(h < 0 ? 0 : h);
                }
                if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            o += wn_utf8_encode(cp, out + o);
            break;
        }
        default: out[o++] = e; break; /* " \ / */
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

int wn_json_put_string(wn_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (wn_buf_reserve(b, n + 2))
        return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
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

void wn_json_format_double(double v, char *out, size_t outlen)
{
    if (!isfinite(v)) {
        snprintf(out, outlen, "null");
        return;
    }
    if (v == (double)(int64_t)v && fabs(v) < 1e15) {
        snprintf(out, outlen, "%lld", (long long)v);
        return;
    }
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
     * tests/test_json_number.c compares this with trying 1 to 17 in turn. */
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
