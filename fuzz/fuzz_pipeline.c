/*
 * fuzz_pipeline.c - one document through utf8_repair,blank_run with the
 * public API (wn_pipeline_process), checking that the evidence is complete.
 *
 * The first input byte picks blank_run.max_blank (0, 1 or 2); the rest is the
 * document text. Invariants checked:
 *  - the output is valid UTF-8 without C0 controls other than tab and newline,
 *    does not start with a blank line, and has no run of more than max_blank
 *    blank lines;
 *  - every span lies inside the text its stage received, spans of a stage are
 *    ordered and disjoint, their reason is in the vocabulary and their detail
 *    is a JSON object;
 *  - replaying the spans stage by stage on wn_doc_stage_input(d, k) gives
 *    stage k+1's input, and after the last stage the output text: the
 *    evidence is enough to recompute the output from the input;
 *  - the document's JSONL line parses and its "text" decodes to the output;
 *  - processing is deterministic, and processing the output again changes
 *    nothing (the stages are idempotent).
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "winnow.h"

#define NCONFIGS 3

static wn_pipeline *pipelines[NCONFIGS];

static wn_pipeline *get_pipeline(unsigned max_blank)
{
    if (!pipelines[max_blank]) {
        char err[256];
        wn_pipeline *p = wn_pipeline_create("utf8_repair,blank_run", err, sizeof err);
        char v[8];
        snprintf(v, sizeof v, "%u", max_blank);
        if (!FUZZ_CHECK(p != NULL) || !FUZZ_CHECK(wn_pipeline_set(p, "blank_run.max_blank", v) == WN_OK)) {
            wn_pipeline_free(p);
            return NULL;
        }
        pipelines[max_blank] = p;
    }
    return pipelines[max_blank];
}

static int is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static void check_output_text(const char *t, size_t n, unsigned max_blank)
{
    FUZZ_CHECK(wn_utf8_valid_prefix((const unsigned char *)t, n) == n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] < 0x20 && t[i] != '\n' && t[i] != '\t') {
            FUZZ_CHECK(!"control character in the output");
            break;
        }
    /* count consecutive blank lines */
    size_t pos = 0, blank_run = 0, line_no = 0;
    while (pos < n) {
        const char *nl = memchr(t + pos, '\n', n - pos);
        size_t le = nl ? (size_t)(nl - t) : n;
        if (is_blank_line(t + pos, le - pos)) {
            FUZZ_CHECK(line_no > 0); /* no blank line at the start */
            blank_run++;
            FUZZ_CHECK(blank_run <= max_blank);
        } else {
            blank_run = 0;
        }
        line_no++;
        pos = nl ? le + 1 : n;
    }
}

/* Replay the spans of every stage and compare with what each stage left: the
 * evidence must reproduce the output. */
static void check_replay(const wn_doc *d)
{
    size_t nspans = wn_doc_span_count(d), si = 0;
    size_t k = 0, in_len;
    const char *in = wn_doc_stage_input(d, 0, &in_len);
    if (!FUZZ_CHECK(in != NULL))
        return;
    wn_buf out;
    wn_buf_init(&out, 0);
    for (;;) {
        size_t next_len;
        const char *next = wn_doc_stage_input(d, k + 1, &next_len);
        int last = next == NULL;
        if (last)
            next = wn_doc_text(d, &next_len);
        wn_buf_clear(&out);
        size_t at = 0;
        for (; si < nspans; si++) {
            wn_span_info sp;
            if (!FUZZ_CHECK(wn_doc_span(d, si, &sp) == 0))
                goto done;
            if (sp.stage_index != k)
                break;
            if (!FUZZ_CHECK(sp.start >= at && sp.start <= sp.end && sp.end <= in_len))
                goto done;
            FUZZ_CHECK((unsigned)sp.reason < WN_REASON_COUNT);
            FUZZ_CHECK(sp.rule != NULL && sp.rule[0]);
            FUZZ_CHECK(sp.stage != NULL && sp.detail != NULL && sp.detail[0] == '{');
            if (sp.detail) {
                wn_arena *a = wn_arena_create(1u << 20);
                wn_json_member *m;
                size_t cnt, eoff;
                const char *err;
                if (a)
                    FUZZ_CHECK(wn_json_parse_object(sp.detail, strlen(sp.detail), a, &m, &cnt,
                                                    &err, &eoff) == 0);
                wn_arena_free(a);
            }
            if (wn_buf_append(&out, in + at, sp.start - at) ||
                wn_buf_append(&out, sp.replacement, sp.replacement_len))
                goto done;
            at = sp.end;
        }
        if (wn_buf_append(&out, in + at, in_len - at))
            goto done;
        FUZZ_CHECK(out.len == next_len && !memcmp(out.data, next, next_len));
        if (last)
            break;
        in = next;
        in_len = next_len;
        k++;
    }
    FUZZ_CHECK(si == nspans); /* every span belongs to a stage that ran */
done:
    wn_buf_release(&out);
}

static void check_json(wn_doc *d, const char *text, size_t len)
{
    size_t jl;
    const char *j = wn_doc_json(d, &jl);
    if (!FUZZ_CHECK(j != NULL))
        return;
    wn_arena *a = wn_arena_create(0);
    if (!a)
        return;
    wn_json_member *m;
    size_t cnt, eoff;
    const char *err;
    if (FUZZ_CHECK(wn_json_parse_object(j, jl, a, &m, &cnt, &err, &eoff) == 0)) {
        int found = 0;
        for (size_t i = 0; i < cnt; i++) {
            if (strcmp(m[i].key, "text"))
                continue;
            found = 1;
            size_t ul;
            char *u = wn_json_unescape(a, j + m[i].raw_start, m[i].raw_end - m[i].raw_start, &ul);
            FUZZ_CHECK(u && ul == len && !memcmp(u, text, len));
        }
        FUZZ_CHECK(found);
    }
    wn_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned max_blank = data[0] % NCONFIGS;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    wn_pipeline *p = get_pipeline(max_blank);
    if (!p)
        return 0;

    wn_doc *d = wn_pipeline_process(p, "fuzz", text, len);
    if (!d)
        return 0;
    FUZZ_CHECK(wn_doc_kept(d));
    size_t ol;
    const char *o = wn_doc_text(d, &ol);
    check_output_text(o, ol, max_blank);
    check_replay(d);
    check_json(d, o, ol);

    wn_doc *d2 = wn_pipeline_process(p, "fuzz", text, len);
    if (d2) {
        size_t ol2;
        const char *o2 = wn_doc_text(d2, &ol2);
        FUZZ_CHECK(ol2 == ol && !memcmp(o, o2, ol));
        FUZZ_CHECK(wn_doc_span_count(d2) == wn_doc_span_count(d));
        wn_doc_free(d2);
    }
    wn_doc *d3 = wn_pipeline_process(p, "fuzz", o, ol);
    if (d3) {
        size_t ol3;
        const char *o3 = wn_doc_text(d3, &ol3);
        FUZZ_CHECK(ol3 == ol && !memcmp(o, o3, ol));
        FUZZ_CHECK(wn_doc_span_count(d3) == 0);
        wn_doc_free(d3);
    }
    wn_doc_free(d);
    return 0;
}
