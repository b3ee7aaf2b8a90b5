/*
 * test_clean_eval.c - a small, fast version of tests/eval/: the clean stage
 * on real clean text (the WCXB main_content texts in ../shared/corpus or
 * $WN_SHARED/corpus). It checks that less than 0.5% of the characters are
 * removed (blank-run collapse aside), and that noise injected into the same
 * texts (a foreign spam line at the top, a chrome line at the bottom, a digit
 * run glued to a word) is removed exactly. Skips when the corpus is absent.
 * The full measurement, with per-class precision and recall, is
 * tests/eval/clean_fp.py and tests/eval/clean_inject.py.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "harness.h"
#include "winnow.h"

#define NDOCS 150

static wn_pipeline *P;
static char *texts[NDOCS];
static size_t ntexts;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* main_content of one ground-truth file, malloc'd, or NULL */
static char *main_content(const char *path, wn_arena *a)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 21];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    wn_json_member *m, *g;
    size_t nm, ng, off;
    const char *err;
    if (wn_json_parse_object(buf, n, a, &m, &nm, &err, &off))
        return NULL;
    for (size_t i = 0; i < nm; i++) {
        if (strcmp(m[i].key, "ground_truth") || m[i].type != 'o')
            continue;
        const char *o = buf + m[i].raw_start;
        if (wn_json_parse_object(o, m[i].raw_end - m[i].raw_start, a, &g, &ng, &err, &off))
            return NULL;
        for (size_t k = 0; k < ng; k++)
            if (!strcmp(g[k].key, "main_content") && g[k].type == 's') {
                size_t len;
                char *s = wn_json_unescape(a, o + g[k].raw_start, g[k].raw_end - g[k].raw_start, &len);
                return s && len > 200 ? strdup(s) : NULL;
            }
    }
    return NULL;
}

static int load(void)
{
    const char *shared = getenv("WN_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus/wcxb-dev/ground-truth", shared ? shared : "../shared");
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    char *names[4096];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(dp)) && nn < 4096)
        if (strstr(e->d_name, ".json"))
            names[nn++] = strdup(e->d_name);
    closedir(dp);
    qsort(names, nn, sizeof *names, cmp_str);
    wn_arena *a = wn_arena_create(0);
    for (size_t i = 0; i < nn; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (ntexts < NDOCS) {
            wn_arena_reset(a);
            char *t = main_content(path, a);
            if (t)
                texts[ntexts++] = t;
        }
        free(names[i]);
    }
    wn_arena_free(a);
    return ntexts > 0;
}

static size_t removed_chars(const wn_doc *d)
{
    size_t n = 0;
    for (size_t i = 0; i < wn_doc_span_count(d); i++) {
        wn_span_info s;
        if (wn_doc_span(d, i, &s) || s.reason == WN_REASON_BLANK_RUN || s.reason == WN_REASON_ENCODING)
            continue;
        n += s.end - s.start;
    }
    return n;
}

TEST(false_positives_below_half_a_percent)
{
    if (!ntexts)
        SKIP("the WCXB corpus is not here (../shared/corpus or $WN_SHARED/corpus)");
    size_t total = 0, removed = 0;
    for (size_t i = 0; i < ntexts; i++) {
        wn_doc *d = wn_pipeline_process(P, "fp", texts[i], strlen(texts[i]));
        CHECK(d != NULL);
        total += strlen(texts[i]);
        removed += d ? removed_chars(d) : 0;
        wn_doc_free(d);
    }
    fprintf(stderr, "  %zu docs, %zu of %zu bytes removed (%.3f%%)\n", ntexts, removed, total,
            100.0 * (double)removed / (double)total);
    CHECK(removed * 200 < total);
}

TEST(injected_noise_removed)
{
    if (!ntexts)
        SKIP("the WCXB corpus is not here (../shared/corpus or $WN_SHARED/corpus)");
    static const char spam[] = "canlı bahis siteleri güvenilir bahis siteleri deneme bonusu\n";
    static const char chrome[] = "\nShare this article\n";
    size_t spam_hit = 0, chrome_hit = 0, junk_hit = 0, tried = 0;
    for (size_t i = 0; i < ntexts; i++) {
        const char *t = texts[i];
        /* glue digits to the first word of the first line that starts with a letter */
        const char *w = t;
        while (w && !((*w | 0x20) >= 'a' && (*w | 0x20) <= 'z'))
            w = (w = strchr(w, '\n')) ? w + 1 : NULL;
        if (!w)
            continue;
        tried++;
        size_t tl = strlen(t);
        char *doc = malloc(sizeof spam + tl + 16 + sizeof chrome);
        size_t o = 0;
        memcpy(doc + o, spam, sizeof spam - 1), o += sizeof spam - 1;
        memcpy(doc + o, t, (size_t)(w - t)), o += (size_t)(w - t);
        memcpy(doc + o, "8812734509911", 13), o += 13;
        memcpy(doc + o, w, tl - (size_t)(w - t)), o += tl - (size_t)(w - t);
        memcpy(doc + o, chrome, sizeof chrome), o += sizeof chrome - 1;
        wn_doc *d = wn_pipeline_process(P, "inj", doc, o);
        const char *out = d ? wn_doc_text(d, NULL) : "";
        spam_hit += !strstr(out, "bahis siteleri");
        chrome_hit += !strstr(out, "Share this article");
        junk_hit += !strstr(out, "8812734509911");
        wn_doc_free(d);
        free(doc);
    }
    fprintf(stderr, "  %zu docs: spam removed %zu, chrome %zu, junk %zu\n", tried, spam_hit,
            chrome_hit, junk_hit);
    CHECK(spam_hit * 100 >= tried * 95);
    CHECK(chrome_hit * 100 >= tried * 95);
    CHECK(junk_hit * 100 >= tried * 95);
}

int main(void)
{
    char err[256];
    P = wn_pipeline_create("utf8_repair,blank_run,clean", err, sizeof err);
    if (!P) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    load();
    RUN(false_positives_below_half_a_percent);
    RUN(injected_noise_removed);
    for (size_t i = 0; i < ntexts; i++)
        free(texts[i]);
    wn_pipeline_free(P);
    return harness_done();
}
