/*
 * test_clean_golden.c - golden tests of `utf8_repair,blank_run,clean`: an
 * input page and the exact text it must become, plus the evidence it must
 * carry.
 *
 * The acceptance page (the "seed") lives outside the repository, in
 * ../shared/seed/ (or $WN_SHARED/seed/); when it is absent the test says so
 * and skips. tests/golden/seed-mini.* is our own page with every noise class
 * and always runs. Run from the repository root (WN_SRCDIR overrides).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "winnow.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf) {
        buf[n < cap ? n : cap - 1] = 0;
        *len = n;
    }
    return buf;
}

static size_t count(const wn_doc *d, wn_reason r, const char *detail_part)
{
    size_t n = 0;
    for (size_t i = 0; i < wn_doc_span_count(d); i++) {
        wn_span_info s;
        if (!wn_doc_span(d, i, &s) && s.reason == r &&
            (!detail_part || (s.detail && strstr(s.detail, detail_part))))
            n++;
    }
    return n;
}

/* Process input at path and compare with expected; returns the doc. */
static wn_doc *golden(wn_pipeline *p, const char *in, const char *exp)
{
    size_t ilen, elen;
    char *input = slurp(in, &ilen), *expected = slurp(exp, &elen);
    wn_doc *d = NULL;
    CHECK(input && expected);
    if (input && expected) {
        d = wn_pipeline_process(p, "seed", input, ilen);
        size_t olen;
        const char *out = d ? wn_doc_text(d, &olen) : NULL;
        CHECK(out && olen == elen && !memcmp(out, expected, elen));
        if (out && (olen != elen || memcmp(out, expected, elen))) {
            size_t k = 0;
            while (k < olen && k < elen && out[k] == expected[k])
                k++;
            fprintf(stderr, "  first difference at byte %zu: got \"%.40s\" want \"%.40s\"\n", k,
                    out + k, expected + k);
        }
    }
    free(input);
    free(expected);
    return d;
}

static wn_pipeline *P;

static const char *srcdir(void)
{
    const char *s = getenv("WN_SRCDIR");
    return s ? s : ".";
}

TEST(seed_page)
{
    const char *shared = getenv("WN_SHARED");
    char in[1024], exp[1024];
    snprintf(in, sizeof in, "%s/seed/mass-exodus.txt", shared ? shared : "../shared");
    snprintf(exp, sizeof exp, "%s/seed/expected.txt", shared ? shared : "../shared");
    FILE *f = fopen(in, "rb");
    if (!f)
        SKIP("the seed page is not here (../shared/seed or $WN_SHARED/seed)");
    fclose(f);
    wn_doc *d = golden(P, in, exp);
    if (!d)
        return;
    CHECK_EQ_INT(count(d, WN_REASON_SPAM_INJECTION, "\"lang\":\"tr\""), 2);
    CHECK_EQ_INT(count(d, WN_REASON_BYLINE, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_JUNK_SPAN, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_LOST_CONTENT, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_BOILERPLATE, NULL), 1);
    CHECK(count(d, WN_REASON_BLANK_RUN, NULL) >= 1);
    size_t n;
    const char *j = wn_doc_json(d, &n);
    CHECK(j && strstr(j, "\"lang\":\"en\""));
    CHECK(j && strstr(j, "\"author\":\"Konstantin Asmolov\""));
    CHECK(j && strstr(j, "\"date\":\"2016-09-09\""));
    CHECK(j && strstr(j, "\"flags\":[\"lost_table\"]"));
    wn_doc_free(d);
}

TEST(seed_mini_page)
{
    char in[1024], exp[1024];
    snprintf(in, sizeof in, "%s/tests/golden/seed-mini.txt", srcdir());
    snprintf(exp, sizeof exp, "%s/tests/golden/seed-mini.expected.txt", srcdir());
    wn_doc *d = golden(P, in, exp);
    if (!d)
        return;
    CHECK_EQ_INT(count(d, WN_REASON_SPAM_INJECTION, "\"lang\":\"id\""), 1);
    CHECK_EQ_INT(count(d, WN_REASON_BYLINE, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_JUNK_SPAN, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_LOST_CONTENT, NULL), 1);
    CHECK_EQ_INT(count(d, WN_REASON_BOILERPLATE, NULL), 2);
    size_t n;
    const char *j = wn_doc_json(d, &n);
    CHECK(j && strstr(j, "\"author\":\"Maria Lopez\""));
    CHECK(j && strstr(j, "\"date\":\"2019-03-14\""));
    CHECK(j && strstr(j, "\"lost_figure\""));
    wn_doc_free(d);
}

int main(void)
{
    char err[256];
    P = wn_pipeline_create("utf8_repair,blank_run,clean", err, sizeof err);
    if (!P) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(seed_page);
    RUN(seed_mini_page);
    wn_pipeline_free(P);
    return harness_done();
}
