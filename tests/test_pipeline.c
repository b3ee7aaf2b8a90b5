/*
 * test_pipeline.c - the two foundation stages, evidence replay, and the
 * worker pool's ordered, thread-count-independent output. Uses the public
 * API (include/winnow.h) as a program would.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "winnow.h"

static wn_pipeline *mk(const char *stages)
{
    char err[256];
    wn_pipeline *p = wn_pipeline_create(stages, err, sizeof err);
    if (!p)
        fprintf(stderr, "pipeline: %s\n", err);
    return p;
}

static char *process(wn_pipeline *p, const char *in, size_t n)
{
    wn_doc *d = wn_pipeline_process(p, "t", in, n);
    size_t len;
    const char *t = wn_doc_text(d, &len);
    char *out = malloc(len + 1);
    memcpy(out, t, len + 1);
    wn_doc_free(d);
    return out;
}

TEST(utf8_repair_stage)
{
    wn_pipeline *p = mk("utf8_repair");
    CHECK(p != NULL);
    char *o = process(p, "a\xFF\xFE" "b\0" "c\x01\x02\r\n\td\xE2\x82", 14);
    CHECK_EQ_STR(o, "a\xEF\xBF\xBD\xEF\xBF\xBD" "bc\n\td\xEF\xBF\xBD");
    free(o);
    wn_doc *d = wn_pipeline_process(p, "t", "ok\xC3", 3);
    CHECK_EQ_INT(wn_doc_span_count(d), 1);
    wn_span_info si;
    CHECK(wn_doc_span(d, 0, &si) == 0);
    CHECK(si.reason == WN_REASON_ENCODING);
    CHECK_EQ_INT(si.start, 2);
    CHECK_EQ_INT(si.end, 3);
    CHECK_EQ_STR(si.rule, "utf8.invalid_bytes");
    wn_doc_free(d);
    wn_pipeline_free(p);
}

TEST(blank_run_stage)
{
    wn_pipeline *p = mk("blank_run");
    char *o = process(p, "\n \nA\n\n\n\nB\n  \t\n\nC\n\n\n", 19);
    CHECK_EQ_STR(o, "A\n\nB\n\nC\n");
    free(o);
    o = process(p, "no newline", 10);
    CHECK_EQ_STR(o, "no newline");
    free(o);
    CHECK(wn_pipeline_set(p, "blank_run.max_blank", "2") == WN_OK);
    o = process(p, "A\n\n\n\n\nB", 7);
    CHECK_EQ_STR(o, "A\n\n\nB");
    free(o);
    CHECK(wn_pipeline_set(p, "blank_run.nope", "2") == WN_UNKNOWN_PARAM);
    CHECK(wn_pipeline_set(p, "blank_run.max_blank", "x") == WN_INVALID_ARG);
    CHECK(strstr(wn_pipeline_errmsg(p), "max_blank") != NULL);
    wn_pipeline_free(p);
    char err[128];
    CHECK(wn_pipeline_create("blank_run,nosuch", err, sizeof err) == NULL);
    CHECK(strstr(err, "nosuch") != NULL);
}

/* Recompute the output from the input using only the evidence: for each
 * stage k, apply its spans (sorted, non-overlapping) to stage k's input. */
static int replay_matches(wn_doc *d, size_t nstages)
{
    size_t cur_len;
    const char *cur = wn_doc_stage_input(d, 0, &cur_len);
    char *text = malloc(cur_len + 1);
    memcpy(text, cur, cur_len);
    size_t len = cur_len;
    for (size_t k = 0; k < nstages; k++) {
        size_t in_len;
        const char *in = wn_doc_stage_input(d, k, &in_len);
        if (!in || in_len != len || memcmp(in, text, len)) {
            free(text);
            return 0;
        }
        char *next = malloc(len * 3 + 16);
        size_t o = 0, pos = 0;
        for (size_t i = 0; i < wn_doc_span_count(d); i++) {
            wn_span_info s;
            wn_doc_span(d, i, &s);
            if (s.stage_index != k)
                continue;
            if (s.start < pos || s.end > len) {
                free(text), free(next);
                return 0;
            }
            memcpy(next + o, text + pos, s.start - pos);
            o += s.start - pos;
            memcpy(next + o, s.replacement, s.replacement_len);
            o += s.replacement_len;
            pos = s.end;
        }
        memcpy(next + o, text + pos, len - pos);
        o += len - pos;
        free(text);
        text = next;
        len = o;
    }
    size_t fl;
    const char *fin = wn_doc_text(d, &fl);
    int ok = fl == len && !memcmp(fin, text, len);
    free(text);
    return ok;
}

TEST(evidence_recomputes_output)
{
    wn_pipeline *p = mk("utf8_repair,blank_run");
    unsigned seed = 12345;
    for (int iter = 0; iter < 500; iter++) {
        char buf[300];
        size_t n = (size_t)(rand_r(&seed) % 300);
        static const char alphabet[] = "ab \n\n\n\t\r\x01\x00\xC3\xA9\xFF\xE2\x82\xAC\xF0";
        for (size_t i = 0; i < n; i++)
            buf[i] = alphabet[rand_r(&seed) % (sizeof alphabet - 1)];
        wn_doc *d = wn_pipeline_process(p, "r", buf, n);
        CHECK(replay_matches(d, 2));
        wn_doc_free(d);
    }
    wn_pipeline_free(p);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long l = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)l + 1);
    *n = fread(b, 1, (size_t)l, f);
    b[*n] = 0;
    fclose(f);
    return b;
}

static char g_diags[1 << 16];
static void on_diag(void *ud, const char *msg)
{
    (void)ud;
    strncat(g_diags, msg, sizeof g_diags - strlen(g_diags) - 2);
    strcat(g_diags, "\n");
}

TEST(output_identical_for_any_thread_count)
{
    const char *in = "/tmp/wn_test_pool_in.jsonl";
    FILE *f = fopen(in, "w");
    unsigned seed = 7;
    for (int i = 0; i < 3000; i++) {
        if (i % 500 == 250) {
            fprintf(f, "{\"text\": broken line %d\n", i);
            continue;
        }
        int len = rand_r(&seed) % (i % 97 == 0 ? 40000 : 600);
        fprintf(f, "{\"id\":\"d%d\",\"meta\":{\"n\":%d},\"text\":\"", i, i);
        for (int k = 0; k < len; k++) {
            int r = rand_r(&seed) % 40;
            fputs(r == 0 ? "\\n\\n\\n" : r == 1 ? "\\u0001" : r == 2 ? "\xFF" : r < 8 ? " " : "w", f);
        }
        fputs("\"}\n", f);
    }
    fclose(f);
    wn_pipeline *p = mk("utf8_repair,blank_run");
    char *first = NULL, *first_rej = NULL;
    size_t first_n = 0, first_rej_n = 0;
    static const int jobs[] = {1, 2, 4, 8};
    for (int j = 0; j < 4; j++) {
        wn_run_opts o;
        wn_run_opts_init(&o);
        o.jobs = jobs[j];
        o.max_doc_bytes = 30000; /* some documents are dropped as too_large */
        o.out = fopen("/tmp/wn_test_pool_out.jsonl", "w");
        o.rejected = fopen("/tmp/wn_test_pool_rej.jsonl", "w");
        o.on_diag = on_diag;
        g_diags[0] = 0;
        wn_stats *st = wn_stats_create();
        const char *inputs[] = {in};
        wn_status s = wn_run(p, &o, inputs, 1, st);
        fclose(o.out);
        fclose(o.rejected);
        CHECK(s == WN_INPUT_ERRORS); /* the broken lines */
        CHECK_EQ_INT(wn_stats_get(st, "input_errors"), 6);
        CHECK_EQ_INT(wn_stats_get(st, "records_skipped"), 6);
        CHECK_EQ_INT(wn_stats_get(st, "docs_in"), 2994);
        CHECK(wn_stats_get(st, "docs_dropped") > 0);
        CHECK_EQ_INT(wn_stats_get(st, "docs_in"), wn_stats_get(st, "docs_out") + wn_stats_get(st, "docs_dropped"));
        CHECK(strstr(g_diags, "wn_test_pool_in.jsonl:251: malformed JSON") != NULL);
        wn_stats_free(st);
        size_t n, rn;
        char *out = slurp("/tmp/wn_test_pool_out.jsonl", &n);
        char *rej = slurp("/tmp/wn_test_pool_rej.jsonl", &rn);
        CHECK(n > 100000);
        CHECK(rn > 0 && strstr(rej, "\"too_large\""));
        if (!first) {
            first = out, first_n = n;
            first_rej = rej, first_rej_n = rn;
        } else {
            CHECK(n == first_n && !memcmp(out, first, n));
            CHECK(rn == first_rej_n && !memcmp(rej, first_rej, rn));
            free(out);
            free(rej);
        }
    }
    /* order: the ids come out in input order */
    CHECK(strstr(first, "\"id\":\"d0\"") < strstr(first, "\"id\":\"d1\""));
    CHECK(strstr(first, "\"id\":\"d1\"") < strstr(first, "\"id\":\"d2999\""));
    free(first);
    free(first_rej);
    wn_pipeline_free(p);
    unlink(in);
    unlink("/tmp/wn_test_pool_out.jsonl");
    unlink("/tmp/wn_test_pool_rej.jsonl");
}

TEST(status_and_reason_tables)
{
    CHECK_EQ_STR(wn_status_str(WN_OK), "ok");
    CHECK_EQ_STR(wn_reason_str(WN_REASON_SPAM_INJECTION), "spam_injection");
    CHECK(wn_reason_str(WN_REASON_COUNT) == NULL);
    CHECK_EQ_INT(WN_BAD_GZIP, 7); /* pinned values */
}

int main(void)
{
    RUN(utf8_repair_stage);
    RUN(blank_run_stage);
    RUN(evidence_recomputes_output);
    RUN(output_identical_for_any_thread_count);
    RUN(status_and_reason_tables);
    return harness_done();
}
