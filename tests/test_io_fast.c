/*
 * test_io_fast.c - the fast paths around the stages give exactly what the
 * plain code gives: JSON escaping (16 bytes at a time, written straight into
 * the buffer) against a byte-by-byte escaper, also when the buffer's cap is
 * hit midway; JSON parsing and string decoding against the parser as it was
 * before (tests/json_ref.inc), error message and offset included; the
 * one-pass UTF-8 check against the two it replaces; the ordered pool, whose
 * producer is now woken only when the queue runs low, still returns every
 * item in order and never stalls. Inputs are random byte strings of every length 0..100 at
 * every alignment, made of the bytes that matter: quotes, backslashes,
 * controls, valid and invalid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/pool.h"
#include "core/utf8.h"
#include "harness.h"

#include "json_ref.inc"

static uint64_t g_x = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    g_x ^= g_x << 13, g_x ^= g_x >> 7, g_x ^= g_x << 17;
    return g_x;
}

static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

/* Appends one random piece (1 to 4 bytes) of the kinds that matter. */
static size_t piece(unsigned char *o)
{
    static const char *const odd[] = {"\xED\xA0\x80", "\xE0\x80\x80", "\xF4\x90\x80\x80", "\xC0\x80", "\xF5",
                                      "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80",
                                      "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF", "\xC2\x80", "\xDF\xBF"};
    unsigned k = pick(20);
    switch (k) {
    case 0: o[0] = '"'; return 1;
    case 1: o[0] = '\\'; return 1;
    case 2: o[0] = '\n'; return 1;
    case 3: o[0] = (unsigned char)pick(0x20); return 1;
    case 4: o[0] = 0x7F; return 1;
    case 5: o[0] = (unsigned char)(0x80 + pick(0x80)); return 1;
    case 6: { /* valid two-byte */
        uint32_t cp = 0x80 + pick(0x800 - 0x80);
        return wn_utf8_encode(cp, (char *)o);
    }
    case 7: { /* valid three-byte, surrogates excluded */
        uint32_t cp;
        do
            cp = 0x800 + pick(0x10000 - 0x800);
        while (cp >= 0xD800 && cp <= 0xDFFF);
        return wn_utf8_encode(cp, (char *)o);
    }
    case 8: return wn_utf8_encode(0x10000 + pick(0x100000), (char *)o);
    case 9: {
        const char *s = odd[pick(sizeof odd / sizeof *odd)];
        memcpy(o, s, strlen(s));
        return strlen(s);
    }
    case 10: o[0] = '\t'; return 1;
    case 11: o[0] = '\r'; return 1;
    default: o[0] = (unsigned char)(k < 16 ? 'a' + pick(26) : ' ' + pick(0x5F)); return 1;
    }
}

/* A random string of exactly n bytes (the last piece may be cut short). */
static void random_bytes(unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char p[4];
        size_t k = piece(p);
        for (size_t j = 0; j < k && i < n; j++)
            s[i++] = p[j];
    }
}

/* ---- escaping ---- */

/* Bytes copied as they are at s[i]: 1 for plain ASCII, the length of a valid
 * sequence, 0 when the byte needs an escape or a U+FFFD. */
static size_t plain_len(const unsigned char *s, size_t n, size_t i)
{
    if (s[i] < 0x80)
        return s[i] >= 0x20 && s[i] != '"' && s[i] != '\\';
    uint32_t cp;
    return wn_utf8_decode(s + i, n - i, &cp);
}

/* The escape for s[i] when plain_len() is 0, and how many bytes it stands for. */
static size_t escape_of(const unsigned char *s, size_t n, size_t i, char *esc, size_t *step)
{
    unsigned c = s[i];
    *step = 1;
    if (c >= 0x80) {
        uint32_t cp;
        wn_utf8_decode(s + i, n - i, &cp);
        *step = cp;
        memcpy(esc, "\\ufffd", 6);
        return 6;
    }
    const char *two = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                    : c == '\r' ? "\\r" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
    if (two) {
        memcpy(esc, two, 2);
        return 2;
    }
    static const char hex[] = "0123456789abcdef";
    esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
    return 6;
}

/* The escaper one byte at a time into plain memory. */
static size_t ref_escape(const unsigned char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    out[o++] = '"';
    while (i < n) {
        size_t k = plain_len(s, n, i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            size_t step;
            o += escape_of(s, n, i, out + o, &step);
            i += step;
        }
    }
    out[o++] = '"';
    return o;
}

/* The escaper as it appended to a capped buffer before: a run of plain bytes,
 * then an escape, each one append, so what a failure leaves is defined. */
static int ref_put_pieces(wn_buf *b, const unsigned char *s, size_t n)
{
    if (wn_buf_reserve(b, n + 2))
        return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t start = i, k;
        while (i < n && (k = plain_len(s, n, i)))
            i += k;
        if (wn_buf_append(b, s + start, i - start))
            return -1;
        if (i >= n)
            break;
        char esc[6];
        size_t step, el = escape_of(s, n, i, esc, &step);
        if (wn_buf_append(b, esc, el))
            return -1;
        i += step;
    }
    return wn_buf_putc(b, '"');
}

TEST(escape_matches_bytewise)
{
    unsigned char area[200];
    char want[700];
    long bad = 0, total = 0;
    for (size_t n = 0; n <= 100; n++)
        for (size_t align = 0; align < 16; align++)
            for (int rep = 0; rep < 24; rep++) {
                unsigned char *s = area + align;
                random_bytes(s, n);
                memset(s + n, rep & 1 ? '"' : 0xC3, 8); /* what follows must not be read as part */
                size_t wl = ref_escape(s, n, want);
                wn_buf b;
                wn_buf_init(&b, 0);
                size_t pre = pick(40); /* the buffer's fill decides where the room ends */
                for (size_t k = 0; k < pre; k++)
                    wn_buf_putc(&b, 'x');
                int rc = wn_json_put_string(&b, (const char *)s, n);
                total++;
                if (rc || b.len != pre + wl || memcmp(b.data + pre, want, wl) || b.data[b.len]) {
                    if (bad++ < 5)
                        fprintf(stderr, "  length %zu, alignment %zu: escaped differently\n", n, align);
                }
                wn_buf_release(&b);
            }
    CHECK_EQ_INT(bad, 0);
    CHECK(total == 101 * 16 * 24);
}

TEST(escape_long_runs)
{
    /* long plain runs with one odd byte somewhere, so the 16-byte loop and
     * the buffer growth both get exercised on realistic sizes */
    size_t n = 5000;
    unsigned char *s = malloc(n + 16);
    char *want = malloc(6 * n + 2);
    long bad = 0;
    for (int rep = 0; rep < 300; rep++) {
        for (size_t i = 0; i < n; i++)
            s[i] = (unsigned char)('a' + i % 26);
        for (int k = pick(6); k > 0; k--) {
            unsigned char p[4];
            size_t l = piece(p), at = pick((unsigned)(n - 4));
            memcpy(s + at, p, l);
        }
        size_t len = n - pick(40);
        size_t wl = ref_escape(s, len, want);
        wn_buf b;
        wn_buf_init(&b, 0);
        int rc = wn_json_put_string(&b, (const char *)s, len);
        if (rc || b.len != wl || memcmp(b.data, want, wl))
            bad++;
        wn_buf_release(&b);
    }
    CHECK_EQ_INT(bad, 0);
    free(s);
    free(want);
}

TEST(escape_at_the_cap)
{
    unsigned char s[120];
    long bad = 0, failed = 0;
    for (int rep = 0; rep < 40000; rep++) {
        size_t n = pick(101);
        random_bytes(s, n);
        size_t pre = pick(20);
        size_t max = pre + pick((unsigned)(3 * n + 10));
        wn_buf a, b;
        wn_buf_init(&a, max);
        wn_buf_init(&b, max);
        for (size_t k = 0; k < pre; k++) {
            wn_buf_putc(&a, 'x');
            wn_buf_putc(&b, 'x');
        }
        int ra = wn_json_put_string(&a, (const char *)s, n);
        int rb = ref_put_pieces(&b, s, n);
        failed += ra != 0;
        if (ra != rb || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
            if (bad++ < 5)
                fprintf(stderr, "  length %zu, cap %zu: rc %d/%d, %zu/%zu bytes\n", n, max, ra, rb, a.len, b.len);
        wn_buf_release(&a);
        wn_buf_release(&b);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(failed > 1000); /* the cap was hit often enough to mean something */
}

/* ---- UTF-8 ---- */

TEST(clean_prefix_matches_two_passes)
{
    unsigned char area[200];
    long bad = 0;
    for (size_t n = 0; n <= 100; n++)
        for (size_t align = 0; align < 16; align++)
            for (int rep = 0; rep < 24; rep++) {
                unsigned char *s = area + align;
                random_bytes(s, n);
                if (rep & 2) /* mostly clean text, so the prefix often runs long */
                    for (size_t i = 0; i < n; i++)
                        if (pick(8) && (s[i] < 0x20 || s[i] >= 0x80) && s[i] != '\n')
                            s[i] = 'q';
                memset(s + n, 0x01, 8);
                size_t valid = wn_utf8_valid_prefix(s, n);
                size_t want = wn_utf8_find_control(s, valid);
                if (wn_utf8_clean_prefix(s, n) != want && bad++ < 5)
                    fprintf(stderr, "  length %zu alignment %zu: %zu, want %zu\n", n, align,
                            wn_utf8_clean_prefix(s, n), want);
                /* and the inline sequence length agrees with the decoder */
                for (size_t i = 0; i < n; i++)
                    if (s[i] >= 0x80) {
                        uint32_t cp;
                        if (wn_utf8_seq_len(s + i, n - i) != wn_utf8_decode(s + i, n - i, &cp) && bad++ < 5)
                            fprintf(stderr, "  sequence at %zu of %zu differs\n", i, n);
                    }
            }
    CHECK_EQ_INT(bad, 0);
}

/* ---- parsing and decoding ---- */

/* A random piece of a JSON string body: mostly escapes, good and bad. */
static size_t json_piece(char *o)
{
    static const char hex[] = "0123456789abcdefABCDEF";
    static const char *const esc[] = {"\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\uD83D\\uDE00",
                                      "\\uDC00", "\\uD800", "\\uD800\\u0041", "\\uDBFF\\uDFFF", "\\u00e9",
                                      "\\u0000", "\\q", "\\u12", "\\uD800\\uZZZZ", "\\", "\"", "\\u", "\\uD83D\\",
                                      "\\uD83D\\uDE0"};
    unsigned k = pick(16);
    if (k < 5) {
        const char *e = esc[pick(sizeof esc / sizeof *esc)];
        memcpy(o, e, strlen(e));
        return strlen(e);
    }
    if (k == 5) {
        memcpy(o, "\\u", 2);
        for (int i = 0; i < 4; i++)
            o[2 + i] = hex[pick(22)];
        return 6;
    }
    return piece((unsigned char *)o);
}

/* decode_key NULL: wn_json_parse_object(); else the parser that decodes the
 * member with that key on the way, whose result must be the decoder's */
static int same_parse(const char *line, size_t n, wn_arena *a, const char *decode_key)
{
    wn_json_member *m1, *m2;
    size_t c1 = 0, c2 = 0, o1 = 0, o2 = 0;
    const char *e1 = NULL, *e2 = NULL;
    int r1 = ref_json_parse_object(line, n, a, &m1, &c1, &e1, &o1);
    int r2 = decode_key ? wn_json_parse_object_decode(line, n, a, decode_key, &m2, &c2, &e2, &o2)
                        : wn_json_parse_object(line, n, a, &m2, &c2, &e2, &o2);
    if (r1 != r2)
        return 0;
    if (r1)
        return !strcmp(e1, e2) && o1 == o2;
    if (c1 != c2)
        return 0;
    for (size_t i = 0; i < c1; i++) {
        if (m1[i].key_len != m2[i].key_len || memcmp(m1[i].key, m2[i].key, m1[i].key_len + 1) ||
            m1[i].raw_start != m2[i].raw_start || m1[i].raw_end != m2[i].raw_end || m1[i].type != m2[i].type)
            return 0;
        if (m1[i].type == 's') {
            size_t l1, l2;
            const char *raw = line + m1[i].raw_start;
            size_t rl = m1[i].raw_end - m1[i].raw_start;
            char *d1 = ref_json_unescape(a, raw, rl, &l1);
            char *d2 = wn_json_unescape(a, raw, rl, &l2);
            if (!d1 || !d2 || l1 != l2 || memcmp(d1, d2, l1 + 1))
                return 0;
            int decoded = decode_key && !strcmp(m1[i].key, decode_key);
            if (decoded != (m2[i].str != NULL) || (decoded && (m2[i].str_len != l1 || memcmp(m2[i].str, d1, l1 + 1))))
                return 0;
        } else if (m2[i].str) {
            return 0;
        }
    }
    return 1;
}

TEST(parse_matches_reference)
{
    wn_arena *a = wn_arena_create(64 << 20);
    char line[1200];
    long bad = 0, ok = 0, total = 0;
    for (size_t blen = 0; blen <= 100; blen++)
        for (size_t align = 0; align < 16; align++)
            for (int rep = 0; rep < 24; rep++) {
                size_t n = 0;
                memset(line, ' ', align); /* whitespace before the object moves the body */
                n = align;
                const char *head = rep & 1 ? "{\"id\":\"x\\u00e9\",\"text\":\"" : "{\"text\":\"";
                memcpy(line + n, head, strlen(head));
                n += strlen(head);
                size_t body = n;
                while (n - body < blen)
                    n += json_piece(line + n);
                /* a string that ends (or runs on) in a few ways */
                static const char *const tail[] = {"\"}", "\",\"k\\n\":[1,\"\\\"\"]}", "", "\\", "\"} x"};
                const char *t = tail[rep % 3 ? 0 : pick(5)];
                memcpy(line + n, t, strlen(t));
                n += strlen(t);
                /* past the end: must not be looked at (bytes that would
                 * change the outcome if they were: a quote, or what completes
                 * a \\u escape or surrogate pair) */
                memcpy(line + n, rep & 2 ? "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"" : "DC00\\uDC00\"}\"}\"}", 16);
                wn_arena_reset(a);
                total++;
                if (!same_parse(line, n, a, NULL) || !same_parse(line, n, a, "text") ||
                    !same_parse(line, n, a, "id")) {
                    if (bad++ < 5)
                        fprintf(stderr, "  differs on: %.*s\n", (int)n, line);
                } else {
                    wn_json_member *m;
                    size_t c, o;
                    const char *e;
                    ok += !wn_json_parse_object(line, n, a, &m, &c, &e, &o);
                }
            }
    CHECK_EQ_INT(bad, 0);
    CHECK(ok > total / 20 && ok < total); /* both outcomes well represented */
    wn_arena_free(a);
}

TEST(decode_without_room)
{
    /* no room in the arena for the decoded copy: checked only, decoded later */
    wn_arena *a = wn_arena_create(300 * 1024);
    size_t n = 400 * 1024;
    char *line = malloc(n);
    memcpy(line, "{\"text\":\"", 9);
    for (size_t i = 9; i < n - 2; i++)
        line[i] = i % 50 ? 'a' : ' ';
    memcpy(line + n - 2, "\"}", 2);
    wn_json_member *m;
    size_t c, off;
    const char *err;
    CHECK(wn_json_parse_object_decode(line, n, a, "text", &m, &c, &err, &off) == 0);
    CHECK(c == 1 && m[0].type == 's' && m[0].str == NULL);
    free(line);
    wn_arena_free(a);
}

TEST(unescape_long_strings)
{
    /* long bodies with escapes spread out: the 16-byte copy across many
     * blocks, compared with the reference decoder */
    wn_arena *a = wn_arena_create(64 << 20);
    size_t cap = 20000;
    char *raw = malloc(cap + 64);
    long bad = 0;
    for (int rep = 0; rep < 200; rep++) {
        size_t n = 0;
        raw[n++] = '"';
        size_t len = 100 + pick(15000);
        while (n < len) {
            if (pick(30) == 0) {
                char p[16];
                size_t k = json_piece(p);
                /* only well-formed escapes: the decoder's input is validated */
                if ((k == 2 && p[0] == '\\' && strchr("nt\"\\/bfr", p[1])) || (k == 6 && p[1] == 'u' && p[5] != 'Z')) {
                    int okhex = 1;
                    for (size_t i = 2; k == 6 && i < 6; i++)
                        okhex &= !!strchr("0123456789abcdefABCDEF", p[i]);
                    if (okhex) {
                        memcpy(raw + n, p, k);
                        n += k;
                    }
                }
            } else {
                raw[n++] = (char)('a' + pick(26));
            }
        }
        raw[n++] = '"';
        wn_arena_reset(a);
        size_t l1, l2;
        char *d1 = ref_json_unescape(a, raw, n, &l1);
        char *d2 = wn_json_unescape(a, raw, n, &l2);
        if (!d1 || !d2 || l1 != l2 || memcmp(d1, d2, l1 + 1))
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
    free(raw);
    wn_arena_free(a);
}

/* ---- the ordered pool ---- */

typedef struct {
    uint64_t in, out;
    unsigned spin;
} job;

static void job_work(void *ctx, unsigned worker, void *v)
{
    (void)ctx, (void)worker;
    job *j = v;
    volatile uint64_t x = j->in;
    for (unsigned i = 0; i < j->spin; i++)
        x = x * 6364136223846793005ull + 1;
    j->out = j->in * 2654435761u + (x & 0);
}

TEST(pool_order_and_progress)
{
    for (unsigned workers = 1; workers <= 4; workers++)
        for (size_t depth = 1; depth <= 4 * workers + 3; depth += 1 + depth / 3) {
            wn_pool *p = wn_pool_create(workers, depth, job_work, NULL);
            CHECK(p != NULL);
            if (!p)
                continue;
            size_t d = wn_pool_depth(p);
            job *jobs = calloc(d, sizeof *jobs);
            job **spare = calloc(d, sizeof *spare);
            size_t nspare = d;
            for (size_t i = 0; i < d; i++)
                spare[i] = &jobs[i];
            uint64_t next_in = 0, next_out = 0, total = 3000;
            int order_ok = 1;
            while (next_out < total) {
                /* like run.c: submit while there is room, poll, wait when full */
                if (next_in < total && nspare) {
                    job *j = spare[--nspare];
                    j->in = next_in++;
                    j->spin = (unsigned)pick(4) == 0 ? (unsigned)pick(20000) : (unsigned)pick(50);
                    wn_pool_submit(p, j);
                    job *r;
                    while ((r = wn_pool_retrieve(p, 0))) {
                        order_ok &= r->in == next_out && r->out == r->in * 2654435761u;
                        next_out++;
                        spare[nspare++] = r;
                    }
                    continue;
                }
                job *r = wn_pool_retrieve(p, 1); /* must not stall, whatever is queued */
                CHECK(r != NULL);
                if (!r)
                    break;
                order_ok &= r->in == next_out && r->out == r->in * 2654435761u;
                next_out++;
                spare[nspare++] = r;
            }
            CHECK(order_ok);
            CHECK(wn_pool_retrieve(p, 1) == NULL);
            CHECK_EQ_INT(wn_pool_in_flight(p), 0);
            wn_pool_free(p);
            free(jobs);
            free(spare);
        }
}

TEST(pool_single_item)
{
    /* one item, then a blocking retrieve */
    wn_pool *p = wn_pool_create(2, 8, job_work, NULL);
    job j = {7, 0, 10};
    wn_pool_submit(p, &j);
    CHECK(wn_pool_retrieve(p, 1) == &j);
    CHECK(j.out == 7 * 2654435761ull);
    wn_pool_submit(p, &j); /* and freed with work still queued: it is done first */
    wn_pool_free(p);
    CHECK(j.out == 7 * 2654435761ull);
}

int main(void)
{
    RUN(escape_matches_bytewise);
    RUN(escape_long_runs);
    RUN(escape_at_the_cap);
    RUN(clean_prefix_matches_two_passes);
    RUN(parse_matches_reference);
    RUN(decode_without_room);
    RUN(unescape_long_strings);
    RUN(pool_order_and_progress);
    RUN(pool_single_item);
    return harness_done();
}
