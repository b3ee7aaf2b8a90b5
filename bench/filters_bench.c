/*
 * filters_bench.c - throughput of the filter stage alone, without reading,
 * parsing or writing: the documents of a JSONL file are loaded into memory
 * first (by the library's own reader), then each configuration runs over all of them on one thread through
 * the public API (wn_pipeline_process), best of N runs.
 *
 *   filters_bench FILE.jsonl [RUNS] [MIN_MB] [ONLY]
 *
 * The documents are cycled until at least MIN_MB (default 200) of text has
 * been processed. Prints one line per configuration: MB/s (10^6 bytes of
 * input text), docs/s and a checksum of the decisions, so two builds can be
 * compared for equal output as well as speed. Built and run by
 * bench/filters.sh. FB_CPU=1 in the environment times CPU instead of wall
 * clock (steadier on a busy machine).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "winnow.h"

#include "texts.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(getenv("FB_CPU") ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: filters_bench FILE.jsonl [RUNS] [MIN_MB] [ONLY]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    double min_mb = argc > 3 ? atof(argv[3]) : 200;
    const char *only = argc > 4 ? argv[4] : NULL; /* run configurations containing this */
    size_t nd, bytes;
    text *docs = load_texts(argv[1], &nd, &bytes);
    if (!docs || !nd) {
        fprintf(stderr, "no documents in %s\n", argv[1]);
        return 2;
    }
    size_t passes = (size_t)(min_mb * 1e6 / (double)bytes) + 1;

    static const char *const configs[][2] = {
        {"gopher_quality", "filters=gopher_quality"},
        {"gopher_repetition", "filters=gopher_repetition"},
        {"c4_quality", "filters=c4_quality"},
        {"c4_badwords", "filters=c4_badwords"},
        {"fineweb_quality", "filters=fineweb_quality"},
        {"profile none (stage overhead)", "profile=none"},
        {"profile fineweb", "profile=fineweb"},
        {"profile fineweb --all", "all=1"},
    };
    printf("filter stage alone, 1 thread, %zu docs x %zu = %.1f MB, best of %d\n", nd, passes,
           (double)(bytes * passes) / 1e6, runs);
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        if (only && !strstr(configs[c][0], only))
            continue;
        char err[256];
        wn_pipeline *p = wn_pipeline_create("filter", err, sizeof err);
        if (!p) {
            fprintf(stderr, "pipeline: %s\n", err);
            return 3;
        }
        const char *eq = strchr(configs[c][1], '=');
        char key[64];
        snprintf(key, sizeof key, "filter.%.*s", (int)(eq - configs[c][1]), configs[c][1]);
        if (wn_pipeline_set(p, key, eq + 1) != WN_OK) {
            fprintf(stderr, "set %s: %s\n", key, wn_pipeline_errmsg(p));
            return 3;
        }
        double best = 1e30;
        unsigned long sum = 0;
        for (int r = 0; r < runs; r++) {
            sum = 0;
            double t0 = now();
            for (size_t k = 0; k < passes; k++)
                for (size_t i = 0; i < nd; i++) {
                    wn_doc *d = wn_pipeline_process(p, NULL, docs[i].s, docs[i].n);
                    if (!d)
                        return 3;
                    size_t len;
                    wn_doc_text(d, &len);
                    sum = sum * 31 + (unsigned long)wn_doc_kept(d) * 2 + len;
                    wn_doc_free(d);
                }
            double t = now() - t0;
            if (t < best)
                best = t;
        }
        printf("  %-24s %8.1f MB/s %9.0f docs/s  check %016lx\n", configs[c][0],
               (double)(bytes * passes) / 1e6 / best, (double)(nd * passes) / best, sum);
        wn_pipeline_free(p);
    }
    for (size_t i = 0; i < nd; i++)
        free(docs[i].s);
    free(docs);
    return 0;
}
