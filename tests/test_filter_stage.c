/*
 * test_filter_stage.c - the "filter" stage through the public API: profiles,
 * the filters list, all=1, per-filter parameters and their errors, the
 * "filters" evidence record, the verdict, and c4_quality's line removals as
 * replayable edits, also on random text with invalid UTF-8 and odd breaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "winnow.h"

/* A document every filter of the fineweb profile keeps. */
static const char GOOD[] =
    "The history of the town goes back to the twelfth century, when a small group of farmers "
    "settled by the river and built the first houses of stone.\n"
    "Over the following centuries the town grew into a busy market, and merchants from the "
    "whole region came to sell their wool and grain.\n"
    "In the nineteenth century the railway arrived, and with it new factories that changed the "
    "life of the people who lived there.\n"
    "Today the old centre is a quiet place with narrow streets, a church with a tall tower and "
    "a museum that tells the story of the town.\n"
    "Visitors can walk along the river, have lunch in one of the cafes and learn about the "
    "past of this remarkable place.\n";

static wn_pipeline *make(const char *k1, const char *v1, const char *k2, const char *v2)
{
    char err[256];
    wn_pipeline *p = wn_pipeline_create("filter", err, sizeof err);
    if (!p) {
        fprintf(stderr, "pipeline: %s\n", err);
        return NULL;
    }
    if (k1 && wn_pipeline_set(p, k1, v1) != WN_OK)
        fprintf(stderr, "set %s: %s\n", k1, wn_pipeline_errmsg(p));
    if (k2 && wn_pipeline_set(p, k2, v2) != WN_OK)
        fprintf(stderr, "set %s: %s\n", k2, wn_pipeline_errmsg(p));
    return p;
}

static char *run_json(wn_pipeline *p, const char *text, int *kept)
{
    wn_doc *d = wn_pipeline_process(p, "t", text, strlen(text));
    if (!d)
        return NULL;
    *kept = wn_doc_kept(d);
    size_t len;
    char *j = strdup(wn_doc_json(d, &len));
    wn_doc_free(d);
    return j;
}

TEST(fineweb_profile_keeps_good_text)
{
    wn_pipeline *p = make(NULL, NULL, NULL, NULL);
    CHECK(p != NULL);
    int kept;
    char *j = run_json(p, GOOD, &kept);
    CHECK(j != NULL);
    CHECK_EQ_INT(kept, 1);
    /* all four records, in the profile's order */
    const char *a = strstr(j, "\"gopher_repetition\":{\"kept\":true");
    const char *b = strstr(j, "\"gopher_quality\":{\"kept\":true");
    const char *c = strstr(j, "\"c4_quality\":{\"kept\":true");
    const char *d = strstr(j, "\"fineweb_quality\":{\"kept\":true");
    CHECK(a && b && c && d && a < b && b < c && c < d);
    CHECK(strstr(j, "\"n_words\":") != NULL);
    free(j);
    wn_pipeline_free(p);
}

TEST(first_drop_stops_unless_all)
{
    const char *text = "Buy now! Buy now! Buy now!\nBuy now! Buy now! Buy now!\n";
    wn_pipeline *p = make(NULL, NULL, NULL, NULL);
    int kept;
    char *j = run_json(p, text, &kept);
    CHECK_EQ_INT(kept, 0);
    CHECK(strstr(j, "\"gopher_repetition\":{\"kept\":false") != NULL);
    CHECK(strstr(j, "\"gopher_quality\"") == NULL);
    free(j);
    wn_pipeline_free(p);

    p = make("filter.all", "1", NULL, NULL);
    j = run_json(p, text, &kept);
    CHECK_EQ_INT(kept, 0);
    CHECK(strstr(j, "\"gopher_quality\":{\"kept\":false,\"reason\":\"gopher_short_doc\"") != NULL);
    CHECK(strstr(j, "\"fineweb_quality\"") != NULL);
    /* the verdict is the first drop */
    CHECK(strstr(j, "\"rule\":\"gopher_repetition\"") != NULL);
    free(j);
    wn_pipeline_free(p);
}

TEST(filters_list_and_params)
{
    wn_pipeline *p = make("filter.filters", "gopher_quality", "filter.gopher_quality.min_doc_words", "1000");
    int kept;
    char *j = run_json(p, GOOD, &kept);
    CHECK_EQ_INT(kept, 0);
    CHECK(strstr(j, "\"reason\":\"gopher_short_doc\"") != NULL);
    CHECK(strstr(j, "gopher_repetition") == NULL);
    free(j);
    wn_pipeline_free(p);

    p = make("filter.profile", "c4", NULL, NULL);
    j = run_json(p, GOOD, &kept);
    CHECK_EQ_INT(kept, 1);
    CHECK(strstr(j, "\"c4_badwords\":{\"kept\":true") != NULL);
    free(j);
    wn_pipeline_free(p);

    p = make("filter.profile", "none", NULL, NULL);
    j = run_json(p, "x", &kept);
    CHECK_EQ_INT(kept, 1);
    free(j);
    wn_pipeline_free(p);

    char err[256];
    p = wn_pipeline_create("filter", err, sizeof err);
    CHECK(wn_pipeline_set(p, "filter.profile", "nope") != WN_OK);
    CHECK(wn_pipeline_set(p, "filter.filters", "gopher_quality,nope") != WN_OK);
    CHECK(wn_pipeline_set(p, "filter.gopher_quality.nope", "1") != WN_OK);
    CHECK(wn_pipeline_set(p, "filter.gopher_quality.min_doc_words", "many") != WN_OK);
    CHECK(wn_pipeline_set(p, "filter.gopher_repetition.top_n_grams", "2:0.5,9:0.1") != WN_OK);
    CHECK(wn_pipeline_set(p, "filter.gopher_repetition.top_n_grams", "2:0.5") == WN_OK);
    CHECK(wn_pipeline_set(p, "filter.gopher_quality.max_doc_words", "none") == WN_OK);
    CHECK(wn_pipeline_set(p, "filter.c4_quality.filter_no_terminal_punct", "0") == WN_OK);
    wn_pipeline_free(p);
}

TEST(c4_rewrite_is_replayable)
{
    /* the short lines and the cookie notice go; citations are cut */
    char text[4096];
    snprintf(text, sizeof text,
             "Menu\r\nHome | About\r\n%.*s[1] and more.\r\nThis site uses cookies to work well for you.\r\n%s",
             (int)(strchr(GOOD, '\n') - GOOD), GOOD, strchr(GOOD, '\n') + 1);
    wn_pipeline *p = make("filter.filters", "c4_quality", NULL, NULL);
    wn_doc *d = wn_pipeline_process(p, "t", text, strlen(text));
    CHECK(d && wn_doc_kept(d));
    size_t len;
    const char *out = wn_doc_text(d, &len);
    CHECK(strncmp(out, "The history", 11) == 0);
    CHECK(strstr(out, "cookies") == NULL);
    CHECK(strstr(out, "[1]") == NULL);
    CHECK(strstr(out, "\r") == NULL);
    CHECK(out[len - 1] == '.');
    /* replaying the recorded edits on the input gives the output */
    size_t n = wn_doc_span_count(d), inlen;
    const char *in = wn_doc_stage_input(d, 0, &inlen);
    char *re = malloc(inlen + 1);
    size_t o = 0, pos = 0;
    int rules_ok = 1;
    for (size_t k = 0; k < n; k++) {
        wn_span_info s;
        wn_doc_span(d, k, &s);
        rules_ok &= s.reason == WN_REASON_FILTER && !strncmp(s.rule, "c4_quality.", 11);
        memcpy(re + o, in + pos, s.start - pos);
        o += s.start - pos;
        memcpy(re + o, s.replacement, s.replacement_len);
        o += s.replacement_len;
        pos = s.end;
    }
    memcpy(re + o, in + pos, inlen - pos);
    o += inlen - pos;
    CHECK(n > 0);
    CHECK(rules_ok);
    CHECK(o == len && !memcmp(re, out, len));
    free(re);
    wn_doc_free(d);
    wn_pipeline_free(p);
}


/* Replay the spans of d on its input; 1 when that gives its output text. */
static int replays(wn_doc *d)
{
    size_t n = wn_doc_span_count(d), inlen, outlen;
    const char *in = wn_doc_stage_input(d, 0, &inlen);
    const char *out = wn_doc_text(d, &outlen);
    char *re = malloc(inlen * 2 + 16);
    size_t o = 0, pos = 0;
    for (size_t k = 0; k < n; k++) {
        wn_span_info s;
        wn_doc_span(d, k, &s);
        if (s.start < pos || s.end > inlen) {
            free(re);
            return 0;
        }
        memcpy(re + o, in + pos, s.start - pos);
        o += s.start - pos;
        memcpy(re + o, s.replacement, s.replacement_len);
        o += s.replacement_len;
        pos = s.end;
    }
    memcpy(re + o, in + pos, inlen - pos);
    o += inlen - pos;
    int ok = o == outlen && !memcmp(re, out, o);
    free(re);
    return ok;
}

TEST(random_input_is_safe)
{
    static const char *const pieces[] = {
        "the ", "of ", "and ", "a ", "word ", "Mr. ", "U.S. ", "e.g. ", ". ", "... ", "\xe2\x80\xa6",
        "? ", "! ", ", ", ": ", "; ", "'", "\"", "`", "(", ")", "[1]", "[edit]", "{", "}", "--",
        "-", "#", "\xe2\x80\xa2", "\n", "\n\n", "\r\n", "\xe2\x80\xa8", "\x0b", "\t", "  ",
        "\xc2\xa0", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc4\xb0", "\xc5\xbf", "cannot ",
        "javascript ", "lorem ipsum ", "uses cookies ", "ass ", "xxx", "\xff", "\xed\xa0\x80",
        "\xe0\x80", "3,000 ", "10:30 ", "don't ", "'tis ", "gonna ", "A. ", "J. Bach "};
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned long rng = 99;
    wn_pipeline *p1 = make("filter.all", "1", NULL, NULL);
    wn_pipeline *p2 = make("filter.profile", "c4", "filter.all", "1");
    wn_pipeline *p3 = make("filter.filters", "c4_quality", "filter.c4_quality.min_num_sentences", "0");
    int bad = 0;
    for (int iter = 0; iter < 3000; iter++) {
        char text[2048];
        size_t len = 0, parts = 1 + (size_t)(iter % 60);
        for (size_t k = 0; k < parts; k++) {
            rng = rng * 6364136223846793005ul + 1442695040888963407ul;
            const char *s = pieces[(rng >> 33) % np];
            size_t l = strlen(s);
            if (len + l >= sizeof text)
                break;
            memcpy(text + len, s, l);
            len += l;
        }
        wn_pipeline *ps[3] = {p1, p2, p3};
        for (int k = 0; k < 3; k++) {
            wn_doc *d = wn_pipeline_process(ps[k], "r", text, len);
            CHECK(d != NULL);
            if (d && !replays(d) && bad++ < 3) {
                fprintf(stderr, "edits do not replay on: \"%.*s\"\n", (int)len, text);
                CHECK(0);
            }
            wn_doc_free(d);
        }
    }
    wn_pipeline_free(p1);
    wn_pipeline_free(p2);
    wn_pipeline_free(p3);
}

int main(void)
{
    RUN(fineweb_profile_keeps_good_text);
    RUN(first_drop_stops_unless_all);
    RUN(filters_list_and_params);
    RUN(c4_rewrite_is_replayable);
    RUN(random_input_is_safe);
    return harness_done();
}
