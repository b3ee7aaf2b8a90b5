/*
 * bench/texts.h - the document texts of a JSONL file in memory, for the
 * benchmarks that time the filters without reading or writing
 * (filters_bench.c, filters_split.c). Include after winnow.h.
 */
#ifndef WN_BENCH_TEXTS_H
#define WN_BENCH_TEXTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
    char *s;
    size_t n;
} text;

/* Every document's text of a JSONL file, read by the library's own reader
 * (no stage changes it: the pipeline only carries the documents). Sets *nd and
 * *bytes; NULL on failure, with a message. */
static text *load_texts(const char *path, size_t *nd, size_t *bytes)
{
    char err[256];
    *nd = *bytes = 0;
    /* the filter stage with no filter: it leaves the text as it is (utf8_repair
     * would replace control characters, which the filters must see) */
    wn_pipeline *p = wn_pipeline_create("filter", err, sizeof err);
    if (p && wn_pipeline_set(p, "filter.profile", "none") != WN_OK) {
        snprintf(err, sizeof err, "%s", wn_pipeline_errmsg(p));
        wn_pipeline_free(p);
        p = NULL;
    }
    wn_input *in = p ? wn_input_open(path, WN_INPUT_JSONL, 0, NULL, NULL, err, sizeof err) : NULL;
    if (!in) {
        fprintf(stderr, "%s: %s\n", path, err);
        wn_pipeline_free(p);
        return NULL;
    }
    text *docs = NULL;
    size_t cap = 0;
    wn_doc *d;
    while ((d = wn_input_next(in, p))) {
        size_t len;
        const char *t = wn_doc_text(d, &len);
        if (*nd == cap) {
            cap = cap ? cap * 2 : 1024;
            docs = realloc(docs, cap * sizeof *docs);
        }
        docs[*nd].s = malloc(len + 1);
        memcpy(docs[*nd].s, t, len + 1);
        docs[*nd].n = len;
        *bytes += len;
        (*nd)++;
        wn_doc_free(d);
    }
    wn_input_close(in);
    wn_pipeline_free(p);
    return docs;
}

#endif
