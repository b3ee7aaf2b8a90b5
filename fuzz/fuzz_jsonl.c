/*
 * fuzz_jsonl.c - the JSONL line parser (lib/core/json.c).
 *
 * The input is one line's bytes. Invariants checked:
 *  - parsing is deterministic: a second parse gives the same members or the
 *    same error at the same offset;
 *  - an error has a message and an offset inside the input;
 *  - member value spans lie inside the input, in order, without overlap, and
 *    start and end with the bytes their type requires;
 *  - a nested object value parses on its own;
 *  - decoding a string value gives valid UTF-8 whenever the literal's raw
 *    bytes are valid UTF-8 (escapes alone never make invalid text), and is
 *    never longer than the literal;
 *  - writing a decoded string with wn_json_put_string and decoding it again
 *    gives the same text (valid text) or valid UTF-8 (invalid text);
 *  - the object rebuilt from its members (keys re-encoded, raw values copied)
 *    parses again to the same keys and values.
 */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "fuzz.h"

#define ARENA_CAP (256u << 20)

static int valid_utf8(const char *s, size_t n)
{
    return wn_utf8_valid_prefix((const unsigned char *)s, n) == n;
}

static int same_members(const wn_json_member *a, size_t na, const wn_json_member *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].key_len != b[i].key_len || memcmp(a[i].key, b[i].key, a[i].key_len) ||
            a[i].raw_start != b[i].raw_start || a[i].raw_end != b[i].raw_end ||
            a[i].type != b[i].type)
            return 0;
    return 1;
}

/* The first and last byte a value of type t must have. */
static int span_shape_ok(const char *v, size_t n, char t)
{
    if (n == 0)
        return 0;
    char f = v[0], l = v[n - 1];
    switch (t) {
    case 's': return n >= 2 && f == '"' && l == '"';
    case 'o': return n >= 2 && f == '{' && l == '}';
    case 'a': return n >= 2 && f == '[' && l == ']';
    case 't': return n == 4 && !memcmp(v, "true", 4);
    case 'f': return n == 5 && !memcmp(v, "false", 5);
    case 'z': return n == 4 && !memcmp(v, "null", 4);
    case 'n': return (f == '-' || (f >= '0' && f <= '9')) && l >= '0' && l <= '9';
    default: return 0;
    }
}

/* Decode the string literal v[0..n) and check it; then re-encode and decode. */
static void check_string(wn_arena *a, const char *v, size_t n)
{
    size_t ulen;
    char *u = wn_json_unescape(a, v, n, &ulen);
    if (!FUZZ_CHECK(u != NULL))
        return;
    FUZZ_CHECK(ulen <= n - 2);
    int raw_valid = valid_utf8(v, n);
    if (raw_valid)
        FUZZ_CHECK(valid_utf8(u, ulen));

    wn_buf b;
    wn_buf_init(&b, 0);
    if (!FUZZ_CHECK(wn_json_put_string(&b, u, ulen) == 0)) {
        wn_buf_release(&b);
        return;
    }
    /* the literal must be valid UTF-8 and parse as a member value */
    FUZZ_CHECK(valid_utf8(b.data, b.len));
    wn_buf obj;
    wn_buf_init(&obj, 0);
    if (!wn_buf_puts(&obj, "{\"k\":") && !wn_buf_append(&obj, b.data, b.len) &&
        !wn_buf_putc(&obj, '}')) {
        wn_json_member *m;
        size_t cnt, eoff;
        const char *err;
        int rc = wn_json_parse_object(obj.data, obj.len, a, &m, &cnt, &err, &eoff);
        if (FUZZ_CHECK(rc == 0) && FUZZ_CHECK(cnt == 1)) {
            FUZZ_CHECK(m[0].type == 's');
            FUZZ_CHECK(m[0].raw_start == 5 && m[0].raw_end == 5 + b.len);
        }
    }
    wn_buf_release(&obj);

    size_t u2len;
    char *u2 = wn_json_unescape(a, b.data, b.len, &u2len);
    if (FUZZ_CHECK(u2 != NULL)) {
        FUZZ_CHECK(valid_utf8(u2, u2len));
        if (valid_utf8(u, ulen))
            FUZZ_CHECK(u2len == ulen && !memcmp(u, u2, ulen));
    }
    wn_buf_release(&b);
}

/* Rebuild {"key":raw,...} from the members and parse it again. */
static void check_rebuild(wn_arena *a, const char *s, const wn_json_member *m, size_t cnt)
{
    wn_buf b;
    wn_buf_init(&b, 0);
    size_t *vstart = wn_arena_alloc(a, (cnt + 1) * sizeof *vstart);
    if (!FUZZ_CHECK(vstart != NULL))
        return;
    int bad = wn_buf_putc(&b, '{');
    for (size_t i = 0; i < cnt && !bad; i++) {
        if (i)
            bad |= wn_buf_putc(&b, ',');
        bad |= wn_json_put_string(&b, m[i].key, m[i].key_len);
        bad |= wn_buf_putc(&b, ':');
        vstart[i] = b.len;
        bad |= wn_buf_append(&b, s + m[i].raw_start, m[i].raw_end - m[i].raw_start);
    }
    bad |= wn_buf_putc(&b, '}');
    if (FUZZ_CHECK(!bad)) {
        wn_json_member *m2;
        size_t cnt2, eoff;
        const char *err;
        int rc = wn_json_parse_object(b.data, b.len, a, &m2, &cnt2, &err, &eoff);
        if (FUZZ_CHECK(rc == 0) && FUZZ_CHECK(cnt2 == cnt)) {
            for (size_t i = 0; i < cnt; i++) {
                FUZZ_CHECK(m2[i].type == m[i].type);
                FUZZ_CHECK(m2[i].raw_start == vstart[i]);
                FUZZ_CHECK(m2[i].raw_end - m2[i].raw_start == m[i].raw_end - m[i].raw_start);
                if (valid_utf8(m[i].key, m[i].key_len))
                    FUZZ_CHECK(m2[i].key_len == m[i].key_len &&
                               !memcmp(m2[i].key, m[i].key, m[i].key_len));
            }
        }
    }
    wn_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    wn_arena *a = wn_arena_create(ARENA_CAP);
    if (!a)
        return 0;
    wn_json_member *m1 = NULL, *m2 = NULL;
    size_t c1 = 0, c2 = 0, off1 = 0, off2 = 0;
    const char *e1 = NULL, *e2 = NULL;
    int r1 = wn_json_parse_object(s, size, a, &m1, &c1, &e1, &off1);
    int r2 = wn_json_parse_object(s, size, a, &m2, &c2, &e2, &off2);

    FUZZ_CHECK(r1 == 0 || r1 == -1);
    FUZZ_CHECK(r1 == r2);
    if (r1 != 0 || r2 != 0) {
        if (r1 == r2) {
            FUZZ_CHECK(e1 != NULL && e2 != NULL && !strcmp(e1, e2));
            FUZZ_CHECK(off1 == off2);
        }
        FUZZ_CHECK(off1 <= size);
        wn_arena_free(a);
        return 0;
    }
    FUZZ_CHECK(same_members(m1, c1, m2, c2));

    size_t prev_end = 0;
    for (size_t i = 0; i < c1; i++) {
        const wn_json_member *m = &m1[i];
        if (!FUZZ_CHECK(m->raw_start < m->raw_end && m->raw_end <= size))
            continue;
        FUZZ_CHECK(m->raw_start > prev_end); /* at least '{' or ':' before it */
        prev_end = m->raw_end;
        FUZZ_CHECK(m->key != NULL && m->key[m->key_len] == 0);
        const char *v = s + m->raw_start;
        size_t vn = m->raw_end - m->raw_start;
        if (!FUZZ_CHECK(span_shape_ok(v, vn, m->type)))
            continue;
        if (m->type == 's')
            check_string(a, v, vn);
        if (m->type == 'o') {
            wn_json_member *mm;
            size_t cc, oo;
            const char *ee;
            FUZZ_CHECK(wn_json_parse_object(v, vn, a, &mm, &cc, &ee, &oo) == 0);
        }
    }
    check_rebuild(a, s, m1, c1);
    wn_arena_free(a);
    return 0;
}
