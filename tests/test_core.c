/*
 * test_core.c - unit tests for lib/core: arena, buffers, UTF-8, JSON, edits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/json.h"
#include "core/utf8.h"
#include "harness.h"

TEST(arena_alloc_reset_cap)
{
    wn_arena *a = wn_arena_create(1 << 20);
    CHECK(a != NULL);
    char *p = wn_arena_alloc(a, 10);
    CHECK(p && ((uintptr_t)p & 15) == 0);
    memset(p, 'x', 10);
    /* growing past the first chunk works up to the cap */
    void *big = wn_arena_alloc(a, 600 * 1024);
    CHECK(big != NULL);
    CHECK(wn_arena_alloc(a, 2 << 20) == NULL); /* over the cap */
    wn_arena_reset(a);
    CHECK(wn_arena_used(a) == 0);
    char *q = wn_arena_strndup(a, "hello", 5);
    CHECK_EQ_STR(q, "hello");
    /* realloc in place of the last allocation keeps the bytes */
    char *r = wn_arena_realloc(a, q, 6, 64);
    CHECK_EQ_STR(r, "hello");
    wn_arena_free(a);
    wn_arena_free(NULL);
}

TEST(buf_cap)
{
    wn_buf b;
    wn_buf_init(&b, 8);
    CHECK(wn_buf_puts(&b, "12345678") == 0);
    CHECK(wn_buf_putc(&b, '9') == -1); /* over the cap */
    CHECK_EQ_INT(b.len, 8);
    wn_buf_release(&b);
    wn_buf_init(&b, 0);
    CHECK(wn_buf_printf(&b, "%d-%s", 42, "x") == 0);
    CHECK_EQ_STR(b.data, "42-x");
    wn_buf_release(&b);
}

TEST(utf8_decode)
{
    uint32_t cp;
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
    CHECK_EQ_INT(cp, 0xE9);
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_EQ_INT(cp, 0x1F600);
    /* overlong, surrogate, out of range, truncated */
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    CHECK_EQ_INT(cp, 1);
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 0);
    CHECK_EQ_INT(wn_utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp), 0);
    CHECK_EQ_INT(cp, 2); /* the maximal subpart is both bytes */
    const char *s = "abc\xC3\xA9xyz\xFF";
    CHECK_EQ_INT(wn_utf8_valid_prefix((const unsigned char *)s, strlen(s)), 8);
    CHECK_EQ_INT(wn_utf8_count("h\xC3\xA9llo", 6), 5);
    char out[4];
    CHECK_EQ_INT(wn_utf8_encode(0x20AC, out), 3);
    CHECK(!memcmp(out, "\xE2\x82\xAC", 3));
}

TEST(json_members)
{
    wn_arena *a = wn_arena_create(0);
    const char *line = " {\"id\": 7, \"text\":\"a\\nb\\u00e9\\ud83d\\ude00\", \"m\":{\"x\":[1,2,{\"y\":null}]}, \"k\\u0041\":true} ";
    wn_json_member *m;
    size_t n, off;
    const char *err;
    CHECK(wn_json_parse_object(line, strlen(line), a, &m, &n, &err, &off) == 0);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(m[0].key, "id");
    CHECK(m[0].type == 'n');
    CHECK_EQ_STR(m[3].key, "kA");
    size_t tl;
    char *t = wn_json_unescape(a, line + m[1].raw_start, m[1].raw_end - m[1].raw_start, &tl);
    CHECK_EQ_STR(t, "a\nb\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(m[2].type == 'o');
    CHECK(!strncmp(line + m[2].raw_start, "{\"x\":[1,2,{\"y\":null}]}", m[2].raw_end - m[2].raw_start));
    /* lone surrogate becomes U+FFFD */
    const char *ls = "\"x\\udc00y\"";
    t = wn_json_unescape(a, ls, strlen(ls), &tl);
    CHECK_EQ_STR(t, "x\xEF\xBF\xBDy");
    wn_arena_free(a);
}

TEST(json_errors)
{
    wn_arena *a = wn_arena_create(0);
    static const char *bad[] = {"", "[1]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}",
                                "{\"a\":1} x", "{\"a\":\"\\x\"}", "{\"a\":tru}", "{\"a\":\"unterminated}",
                                "{\"a\":1.}", "{a:1}", NULL};
    for (int i = 0; bad[i]; i++) {
        wn_json_member *m;
        size_t n, off;
        const char *err = NULL;
        int rc = wn_json_parse_object(bad[i], strlen(bad[i]), a, &m, &n, &err, &off);
        CHECK(rc == -1);
        CHECK(err != NULL);
        CHECK(off <= strlen(bad[i]));
    }
    /* nesting beyond the limit is an error, not a stack overflow */
    size_t deep = 100000;
    char *s = malloc(deep * 2 + 16);
    strcpy(s, "{\"a\":");
    size_t l = 5;
    for (size_t i = 0; i < deep; i++)
        s[l++] = '[';
    for (size_t i = 0; i < deep; i++)
        s[l++] = ']';
    s[l++] = '}';
    wn_json_member *m;
    size_t n, off;
    const char *err;
    CHECK(wn_json_parse_object(s, l, a, &m, &n, &err, &off) == -1);
    CHECK_EQ_STR(err, "nesting too deep");
    free(s);
    wn_arena_free(a);
}

TEST(json_write)
{
    wn_buf b;
    wn_buf_init(&b, 0);
    wn_json_put_string(&b, "a\"\\\n\x01\xFF\xC3\xA9", 8);
    CHECK_EQ_STR(b.data, "\"a\\\"\\\\\\n\\u0001\\ufffd\xC3\xA9\"");
    wn_buf_clear(&b);
    wn_json_put_number(&b, 0.1);
    CHECK_EQ_STR(b.data, "0.1");
    wn_buf_clear(&b);
    wn_json_put_number(&b, 1.0 / 3.0);
    CHECK(strtod(b.data, NULL) == 1.0 / 3.0);
    wn_buf_clear(&b);
    wn_json_put_number(&b, 42);
    CHECK_EQ_STR(b.data, "42");
    wn_buf_clear(&b);
    wn_json_put_number(&b, NAN);
    CHECK_EQ_STR(b.data, "null");
    wn_buf_release(&b);
}

TEST(doc_apply_edits)
{
    wn_arena *a = wn_arena_create(0);
    wn_doc *d = wn_doc_new(a);
    wn_doc_set_text(d, "hello cruel world", 17);
    const char *names[] = {"t"};
    wn_doc_begin_stages(d, names, 1);
    wn_doc_enter_stage(d, 0);
    wn_edit e[2] = {
        {.start = 12, .end = 17, .reason = WN_REASON_JUNK_SPAN, .rule = "r2", .repl = "there", .repl_len = 5},
        {.start = 5, .end = 11, .reason = WN_REASON_BOILERPLATE, .rule = "r1"},
    };
    CHECK(wn_doc_apply(d, e, 2) == 0);
    CHECK_EQ_STR(d->text, "hello there");
    CHECK_EQ_INT(d->spans.n, 2);
    CHECK_EQ_INT(d->spans.v[0].e.start, 5); /* sorted */
    /* overlapping edits are rejected and change nothing */
    wn_edit o[2] = {{.start = 0, .end = 3}, {.start = 2, .end = 4}};
    CHECK(wn_doc_apply(d, o, 2) == -2);
    CHECK_EQ_STR(d->text, "hello there");
    /* annotate-only records but keeps the text */
    d->annotate_only = 1;
    wn_edit x = {.start = 0, .end = 6, .reason = WN_REASON_BOILERPLATE, .rule = "r3"};
    CHECK(wn_doc_apply(d, &x, 1) == 0);
    CHECK_EQ_STR(d->text, "hello there");
    CHECK_EQ_INT(d->spans.n, 3);
    wn_doc_drop(d, "a", "first", NULL);
    wn_doc_drop(d, "b", "second", NULL);
    CHECK_EQ_STR(d->drop_reason, "first"); /* the first failing rule is kept */
    wn_arena_free(a);
}

int main(void)
{
    RUN(arena_alloc_reset_cap);
    RUN(buf_cap);
    RUN(utf8_decode);
    RUN(json_members);
    RUN(json_errors);
    RUN(json_write);
    RUN(doc_apply_edits);
    return harness_done();
}
