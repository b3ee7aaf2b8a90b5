/*
 * test_r13_cli.c - the CLI's round-13 fast paths give what the plain paths
 * give.
 *
 * - JSONL read in place: a JSONL file opened by name is mapped and its
 *   lines handed out where they lie (wn_reader_next_ref); the records,
 *   their line numbers, offsets and sizes, the bytes, the diagnostics and
 *   the byte count must be those of reading the same file through stdin
 *   (read() into the reader's buffer and copied out), for files with
 *   blank lines, CRLF, over-long lines, a last line without a newline, a
 *   BOM, and a first line longer than the reader's sniff.
 * - The "text" member decoded 64 bytes at a time (parse_string_decode's
 *   blocks): against the parser as it was (tests/json_ref.inc), error
 *   message and offset included, on strings long enough to reach the block
 *   loop: every escape kind, good and bad, at every offset across block
 *   boundaries, long plain runs, surrogate pairs split over a block's end,
 *   a missing closing quote. Each line sits in a buffer of exactly its size,
 *   so a read past its end is caught under AddressSanitizer.
 * - The escaper's 64-byte blocks (wn_json_put_string): against an escaper
 *   that appends run by run, on long strings of web-like bytes with every
 *   byte that needs care (escapes, controls, valid, invalid and cut-short
 *   UTF-8) at densities from every other byte to rare, after a prefix that
 *   moves where the buffer's room ends, and with a cap hit anywhere (the
 *   bytes left after a failure must be the run-by-run escaper's).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "harness.h"
#include "io/reader.h"

#include "json_ref.inc"

static uint64_t g_x = 0x2545F4914F6CDD1Dull;

static uint64_t rnd(void)
{
    g_x ^= g_x << 13, g_x ^= g_x >> 7, g_x ^= g_x << 17;
    return g_x;
}

static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

/* ---- JSONL read in place ---- */

typedef struct {
    char text[1 << 16];
    size_t len;
} diags;

static void on_diag(void *ud, const char *msg)
{
    diags *d = ud;
    size_t l = strlen(msg);
    if (d->len + l + 2 < sizeof d->text) {
        memcpy(d->text + d->len, msg, l);
        d->len += l;
        d->text[d->len++] = '\n';
        d->text[d->len] = 0;
    }
}

/* Every record of path, read by name (mapped) or through stdin, as one
 * string: line, offset, size, kind and bytes of each, then the diagnostics
 * (with "<stdin>" written as the path) and the byte count. With drop, the
 * reader is told after each record that the records before it are done. */
static char *read_all(const char *path, int via_stdin, size_t max_line, int by_ref, int *in_place, int drop)
{
    diags *dg = calloc(1, sizeof *dg);
    wn_buf all, out;
    wn_buf_init(&all, 0);
    wn_buf_init(&out, 0);
    int saved = -1;
    if (via_stdin) {
        saved = dup(0);
        int fd = open(path, O_RDONLY);
        dup2(fd, 0);
        close(fd);
    }
    char err[256];
    wn_reader *r = wn_reader_open(via_stdin ? "-" : path, WN_INPUT_AUTO, 0, max_line, on_diag, dg, err,
                                  sizeof err);
    *in_place = r && wn_reader_in_place(r);
    wn_record rec;
    const char *data;
    size_t len;
    while (r) {
        int got;
        if (by_ref) {
            got = wn_reader_next_ref(r, &out, &rec, &data, &len);
        } else {
            got = wn_reader_next(r, &out, &rec);
            data = out.data;
            len = out.len;
        }
        if (!got)
            break;
        wn_buf_printf(&all, "line %llu offset %llu size %llu kind %d len %zu: ", (unsigned long long)rec.line,
                      (unsigned long long)rec.offset, (unsigned long long)rec.size, (int)rec.kind, len);
        wn_buf_append(&all, data, len);
        wn_buf_putc(&all, '\n');
        if (drop)
            wn_reader_done_before(r, rec.offset);
    }
    if (r) {
        wn_buf_printf(&all, "bytes %llu errors %llu\n", (unsigned long long)wn_reader_bytes(r),
                      (unsigned long long)wn_reader_errors(r));
        wn_reader_close(r);
    }
    /* the diagnostics name the input: the same text for both */
    for (char *s = dg->text; *s;) {
        const char *name = via_stdin ? "<stdin>" : path;
        if (!strncmp(s, name, strlen(name))) {
            wn_buf_puts(&all, "NAME");
            s += strlen(name);
        } else {
            wn_buf_putc(&all, *s++);
        }
    }
    if (via_stdin) {
        dup2(saved, 0);
        close(saved);
    }
    wn_buf_release(&out);
    free(dg);
    return all.data ? all.data : calloc(1, 1);
}

static void write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(s, 1, n, f);
    fclose(f);
}

TEST(in_place_lines_match_read_lines)
{
    char path[] = "/tmp/winnow_r13_cli_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    size_t cap = 1 << 20;
    char *s = malloc(cap);
    long bad = 0, mapped = 0;
    for (int rep = 0; rep < 300; rep++) {
        size_t n = 0;
        if (rep % 7 == 1) {
            memcpy(s, "\xEF\xBB\xBF", 3); /* a BOM before the first object */
            n = 3;
        }
        int lines = (int)pick(12);
        for (int l = 0; l < lines; l++) {
            unsigned kind = pick(10);
            if (kind == 0) { /* blank, or only spaces */
                size_t k = pick(4);
                memset(s + n, ' ', k);
                n += k;
            } else {
                /* a first line longer than what the reader sniffs */
                size_t body = rep % 5 == 0 && l == 0 ? 600 + pick(2000) : pick(kind == 1 ? 3000 : 200);
                n += (size_t)sprintf(s + n, "{\"id\":%d,\"text\":\"", l);
                for (size_t k = 0; k < body; k++) {
                    if (pick(20)) {
                        s[n++] = (char)('a' + pick(26));
                    } else {
                        s[n++] = '\\';
                        s[n++] = 'n';
                    }
                }
                n += (size_t)sprintf(s + n, "\"}");
            }
            if (pick(4) == 0)
                s[n++] = '\r';
            if (l + 1 < lines || pick(2))
                s[n++] = '\n';
        }
        write_file(path, s, n);
        size_t max_line = rep % 3 == 0 ? 1000 : 0; /* over-long lines, reported and skipped */
        int ip_ref = 0, ip_read = 0, ip_copy = 0;
        char *by_ref = read_all(path, 0, max_line, 1, &ip_ref, 0);
        char *by_copy = read_all(path, 0, max_line, 0, &ip_copy, 0);
        char *by_read = read_all(path, 1, max_line, 1, &ip_read, 0);
        mapped += ip_ref;
        if (ip_read || ip_ref != ip_copy || strcmp(by_ref, by_read) || strcmp(by_copy, by_read)) {
            if (bad++ < 3)
                fprintf(stderr, "  file of %zu bytes:\n--- mapped:\n%s--- copied:\n%s--- read:\n%s", n, by_ref,
                        by_copy, by_read);
        }
        free(by_ref);
        free(by_copy);
        free(by_read);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(mapped > 200); /* most files were read in place (not the empty or blank ones) */
    unlink(path);
    free(s);
}

TEST(pages_given_back_are_read_again)
{
    /* 40 MB of lines, told done as they go: the mapping drops its pages
     * below each 16 MB step; the records are still those read() gives */
    char path[] = "/tmp/winnow_r13_cli_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    size_t cap = (size_t)41 << 20, n = 0;
    char *s = malloc(cap);
    for (int l = 0; n + 5000 < (size_t)40 << 20; l++) {
        n += (size_t)sprintf(s + n, "{\"id\":%d,\"text\":\"", l);
        size_t body = pick(4000);
        for (size_t k = 0; k < body; k++)
            s[n++] = (char)('a' + (l + k) % 26);
        n += (size_t)sprintf(s + n, "\"}\n");
    }
    write_file(path, s, n);
    int ip_drop = 0, ip_read = 0;
    char *by_drop = read_all(path, 0, 0, 1, &ip_drop, 1);
    char *by_read = read_all(path, 1, 0, 1, &ip_read, 0);
    CHECK(ip_drop && !ip_read);
    CHECK(!strcmp(by_drop, by_read));
    free(by_drop);
    free(by_read);
    free(s);
    unlink(path);
}

TEST(compressed_and_text_files_are_not_mapped)
{
    char path[] = "/tmp/winnow_r13_cli_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    char err[256];
    static const char gz_empty[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00";
    const struct {
        const char *s;
        size_t n;
        int mapped;
    } cases[] = {{"{\"text\":\"a\"}\n", 13, 1}, {"plain text\n", 11, 0}, {gz_empty, sizeof gz_empty - 1, 0},
                 {"", 0, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(path, cases[i].s, cases[i].n);
        wn_reader *r = wn_reader_open(path, WN_INPUT_AUTO, 0, 0, NULL, NULL, err, sizeof err);
        CHECK(r != NULL);
        if (r)
            CHECK_EQ_INT(wn_reader_in_place(r), cases[i].mapped);
        wn_reader_close(r);
    }
    unlink(path);
}

/* ---- the "text" member decoded in 64-byte blocks ---- */

static int g_parse_failed; /* the last same_parse's line was an error for both */

static int same_parse(const char *line, size_t n, wn_arena *a)
{
    wn_json_member *m1, *m2;
    size_t c1 = 0, c2 = 0, o1 = 0, o2 = 0;
    const char *e1 = NULL, *e2 = NULL;
    int r1 = ref_json_parse_object(line, n, a, &m1, &c1, &e1, &o1);
    int r2 = wn_json_parse_object_decode(line, n, a, "text", &m2, &c2, &e2, &o2);
    if (r1 != r2)
        return 0;
    g_parse_failed = r1 != 0;
    if (r1)
        return !strcmp(e1, e2) && o1 == o2;
    if (c1 != c2)
        return 0;
    for (size_t i = 0; i < c1; i++) {
        if (m1[i].raw_start != m2[i].raw_start || m1[i].raw_end != m2[i].raw_end || m1[i].type != m2[i].type ||
            strcmp(m1[i].key, m2[i].key))
            return 0;
        if (m1[i].type == 's' && !strcmp(m1[i].key, "text")) {
            size_t l1;
            char *d1 = ref_json_unescape(a, line + m1[i].raw_start, m1[i].raw_end - m1[i].raw_start, &l1);
            if (!d1 || !m2[i].str || m2[i].str_len != l1 || memcmp(m2[i].str, d1, l1 + 1))
                return 0;
        }
    }
    return 1;
}

/* Parse line[0..n) from a heap copy of exactly n bytes. */
static int same_parse_exact(const char *line, size_t n, wn_arena *a)
{
    char *c = malloc(n ? n : 1);
    memcpy(c, line, n);
    wn_arena_reset(a);
    int ok = same_parse(c, n, a);
    free(c);
    return ok;
}

static const char *const ESCAPES[] = {
    "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\u00e9", "\\u0000", "\\u001f", "\\uD83D\\uDE00",
    "\\uDBFF\\uDFFF", "\\uDC00", "\\uD800", "\\uD800\\u0041", "\\uD800\\n", "\\uFFFF", "\\u20AC",
    /* bad: errors at their offsets */
    "\\q", "\\u12", "\\u12G4", "\\uD800\\uZZZZ", "\\x", "\\ ", "\\\x01", "\\\xC3\xA9"};
#define NESC (sizeof ESCAPES / sizeof *ESCAPES)

/* "{"id":"x","text":"<body>"<tail>" into line; returns its length */
static size_t make_line(char *line, size_t pad, const char *body, size_t blen, const char *tail)
{
    size_t n = pad;
    memset(line, ' ', pad);
    static const char head[] = "{\"id\":\"x\",\"text\":\"";
    memcpy(line + n, head, sizeof head - 1);
    n += sizeof head - 1;
    memcpy(line + n, body, blen);
    n += blen;
    memcpy(line + n, tail, strlen(tail));
    return n + strlen(tail);
}

TEST(block_decode_every_escape_at_every_offset)
{
    wn_arena *a = wn_arena_create(64 << 20);
    static char body[2048], line[4096];
    static const char *const tails[] = {"\"}", "\",\"k\":[1,\"\\\"\"]}", "", "\"} x", "\\"};
    long bad = 0, parsed = 0, failed = 0;
    for (size_t e = 0; e < NESC; e++)
        for (size_t at = 0; at < 200; at++)
            for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
                /* plain text, the escape at `at`, more plain text: the body
                 * reaches the block loop (128 bytes ahead) for every at */
                size_t blen = 0, after = t == 0 ? 150 + (at % 70) : 140;
                for (; blen < at; blen++)
                    body[blen] = (char)('a' + blen % 26);
                size_t el = strlen(ESCAPES[e]);
                memcpy(body + blen, ESCAPES[e], el);
                blen += el;
                for (size_t k = 0; k < after; k++)
                    body[blen++] = k % 9 == 8 ? '\xC3' : k % 9 == 0 ? '\xA9' : 'z'; /* UTF-8 passes as it is */
                size_t pad = at % 3;
                size_t n = make_line(line, pad, body, blen, tails[t]);
                if (!same_parse_exact(line, n, a)) {
                    if (bad++ < 5)
                        fprintf(stderr, "  differs: escape %zu at %zu tail %zu\n", e, at, t);
                } else {
                    failed += g_parse_failed;
                    parsed += !g_parse_failed;
                }
            }
    CHECK_EQ_INT(bad, 0);
    /* the good escapes and tails parse, the bad ones fail: both paths taken */
    CHECK(parsed > 5000 && failed > 5000);
    wn_arena_free(a);
}

TEST(block_decode_random_bodies)
{
    wn_arena *a = wn_arena_create(64 << 20);
    static char body[8192], line[9000];
    static const char *const tails[] = {"\"}", "\",\"n\":2}", "", "\"}}", "\\"};
    long bad = 0, ok = 0, total = 0;
    for (int rep = 0; rep < 20000; rep++) {
        size_t target = pick(rep & 1 ? 600 : 4000), blen = 0;
        /* escape density from one every couple of bytes to none */
        unsigned dens = 1 + pick(rep % 4 == 0 ? 200 : 30);
        int good_only = rep % 3 != 0;
        while (blen < target) {
            if (pick(dens) == 0) {
                const char *e = ESCAPES[pick(good_only ? 19 : (unsigned)NESC)];
                size_t el = strlen(e);
                memcpy(body + blen, e, el);
                blen += el;
            } else {
                unsigned c = pick(40);
                body[blen++] = c < 30 ? (char)('a' + c % 26) : c < 34 ? ' ' : c < 36 ? '\xE2' : c < 38 ? '\x80' : '\x09';
            }
        }
        /* a stray quote ends the string early (the rest is then bad JSON) */
        if (rep % 50 == 0 && blen)
            body[pick((unsigned)blen)] = '"';
        const char *tail = tails[rep % 7 ? 0 : pick(5)];
        size_t n = make_line(line, pick(64), body, blen, tail);
        total++;
        if (!same_parse_exact(line, n, a)) {
            if (bad++ < 5)
                fprintf(stderr, "  differs on a body of %zu bytes (rep %d)\n", blen, rep);
        } else {
            wn_json_member *m;
            size_t c, o;
            const char *err;
            wn_arena_reset(a);
            ok += !wn_json_parse_object(line, n, a, &m, &c, &err, &o);
        }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(ok > total / 5 && ok < total); /* both outcomes well represented */
    wn_arena_free(a);
}

/* ---- the escaper's 64-byte blocks ---- */

/* The bytes a plain escaper copies as they are at s[i] (1 for plain ASCII,
 * a valid sequence's length), or 0 when s[i] is escaped or replaced. */
static size_t copied_as_is(const unsigned char *s, size_t n, size_t i)
{
    uint32_t cp;
    if (s[i] >= 0x80)
        return wn_utf8_decode(s + i, n - i, &cp);
    return s[i] >= 0x20 && s[i] != '"' && s[i] != '\\';
}

/* What stands for s[i] when it is not copied, and how many bytes it covers */
static size_t escaped(const unsigned char *s, size_t n, size_t i, char *out, size_t *covers)
{
    static const char hex[] = "0123456789abcdef";
    unsigned c = s[i];
    uint32_t cp;
    *covers = 1;
    if (c >= 0x80) { /* the maximal invalid subpart: one U+FFFD */
        wn_utf8_decode(s + i, n - i, &cp);
        *covers = cp;
        memcpy(out, "\\ufffd", 6);
        return 6;
    }
    char letter = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r'
                : c == '\b' ? 'b' : c == '\f' ? 'f' : 0;
    out[0] = '\\';
    if (letter) {
        out[1] = letter;
        return 2;
    }
    out[1] = 'u', out[2] = '0', out[3] = '0', out[4] = hex[c >> 4], out[5] = hex[c & 15];
    return 6;
}

/* The escaper appending run by run and escape by escape to b: what a capped
 * buffer holds after a failure is defined by it. */
static int plain_put_string(wn_buf *b, const unsigned char *s, size_t n)
{
    if (wn_buf_reserve(b, n + 2))
        return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t start = i, k;
        while (i < n && (k = copied_as_is(s, n, i)))
            i += k;
        if (wn_buf_append(b, s + start, i - start))
            return -1;
        if (i == n)
            break;
        char e[6];
        size_t covers, el = escaped(s, n, i, e, &covers);
        if (wn_buf_append(b, e, el))
            return -1;
        i += covers;
    }
    return wn_buf_putc(b, '"');
}

/* Web-like bytes with every kind that matters, at a chosen density */
static void escape_input(unsigned char *s, size_t n, unsigned every)
{
    static const char *const odd[] = {"\n", "\t", "\"", "\\", "\r", "\x01", "\x1f", "\x7f", "\xC3\xA9",
                                      "\xE2\x80\x99", "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\xE0\x80\x80",
                                      "\xC0\x80", "\xF5", "\xFF", "\x80", "\xE2\x80", "\xF0\x9F\x98", "\xC3"};
    size_t i = 0;
    while (i < n) {
        if (pick(every)) {
            s[i++] = (unsigned char)(pick(6) ? 'a' + pick(26) : ' ');
            continue;
        }
        const char *o = odd[pick(sizeof odd / sizeof *odd)];
        for (size_t k = 0; o[k] && i < n; k++)
            s[i++] = (unsigned char)o[k];
    }
}

TEST(escape_blocks_match_plain)
{
    static const unsigned every[] = {2, 8, 18, 44, 300};
    long bad = 0, escaped = 0;
    for (int rep = 0; rep < 6000; rep++) {
        size_t n = rep % 10 == 0 ? pick(6000) : 100 + pick(700);
        unsigned char *s = malloc(n ? n : 1); /* exactly n: a read past it is caught under ASan */
        escape_input(s, n, every[rep % 5]);
        wn_buf want, got;
        wn_buf_init(&want, 0);
        wn_buf_init(&got, 0);
        size_t pre = pick(70); /* where the buffer's room ends */
        for (size_t k = 0; k < pre; k++) {
            wn_buf_putc(&want, 'x');
            wn_buf_putc(&got, 'x');
        }
        int rw = plain_put_string(&want, s, n), rg = wn_json_put_string(&got, (const char *)s, n);
        escaped += got.len > pre + n + 2; /* some byte needed an escape */
        if (rw || rg || want.len != got.len || memcmp(want.data, got.data, want.len + 1))
            if (bad++ < 3)
                fprintf(stderr, "  %zu bytes (rep %d): escaped differently\n", n, rep);
        wn_buf_release(&want);
        wn_buf_release(&got);
        free(s);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(escaped > 5000); /* the inputs do hold bytes to escape */
}

TEST(escape_blocks_at_the_cap)
{
    long bad = 0, failed = 0;
    for (int rep = 0; rep < 20000; rep++) {
        size_t n = 128 + pick(600);
        unsigned char *s = malloc(n);
        escape_input(s, n, 1 + pick(40));
        size_t pre = pick(20), max = pre + n + pick((unsigned)(n + 200)); /* fails anywhere */
        wn_buf want, got;
        wn_buf_init(&want, max);
        wn_buf_init(&got, max);
        for (size_t k = 0; k < pre; k++) {
            wn_buf_putc(&want, 'x');
            wn_buf_putc(&got, 'x');
        }
        int rw = plain_put_string(&want, s, n), rg = wn_json_put_string(&got, (const char *)s, n);
        failed += rg != 0;
        if (rw != rg || want.len != got.len || (want.len && memcmp(want.data, got.data, want.len)))
            if (bad++ < 3)
                fprintf(stderr, "  %zu bytes, cap %zu: rc %d/%d, %zu/%zu bytes\n", n, max, rg, rw, got.len, want.len);
        wn_buf_release(&want);
        wn_buf_release(&got);
        free(s);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(failed > 4000 && failed < 16000); /* both outcomes */
}

int main(void)
{
    RUN(in_place_lines_match_read_lines);
    RUN(pages_given_back_are_read_again);
    RUN(compressed_and_text_files_are_not_mapped);
    RUN(block_decode_every_escape_at_every_offset);
    RUN(block_decode_random_bodies);
    RUN(escape_blocks_match_plain);
    RUN(escape_blocks_at_the_cap);
    return harness_done();
}
