/*
 * filters_split.c - where the fineweb profile's time goes, filter by filter.
 *
 *   [SPLIT_CPU=1] [SPLIT_ALL=1] filters_split FILE.jsonl [PASSES]
 *
 * Runs the fineweb chain as the filter stage does (UTF-8 to code points,
 * gopher_repetition, gopher_quality, c4_quality with
 * filter_no_terminal_punct=0, fineweb_quality; a drop ends the chain; c4's
 * rewrite replaces the text) over every document PASSES times (default 5),
 * timing each step apart, word tokenization included (it is shared by the
 * first two filters, so it is timed on its own before them). Prints ms per
 * MB of text for each step and the total; the figures in docs/filters.md
 * "Speed" were read off a harness like this one. Reaches into lib/filter on
 * purpose (the public API times the stage only as a whole: see
 * filters_bench.c). Built and run by bench/filters.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "winnow.h"

#include "core/arena.h"
#include "filter/filters.h"
#include "filter/ftext.h"
#include "texts.h"

static double now(void)
{
    struct timespec ts;
    /* SPLIT_CPU=1: the thread's CPU clock, steadier than the wall clock
     * when other work shares the machine */
    static int cpu = -1;
    if (cpu < 0)
        cpu = getenv("SPLIT_CPU") != NULL;
    clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { S_DECODE, S_TOKENIZE, S_GR, S_GQ, S_C4, S_FW, S_N };
static const char *const NAMES[S_N] = {"UTF-8 to code points", "word_tokenize",
                                       "gopher_repetition", "gopher_quality",
                                       "c4_quality (fineweb)", "fineweb_quality"};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: filters_split FILE.jsonl [PASSES]\n");
        return 2;
    }
    int passes = argc > 2 ? atoi(argv[2]) : 5;
    size_t nd, bytes;
    text *docs = load_texts(argv[1], &nd, &bytes);
    if (!docs || !nd)
        return 2;
    wn_punkt_model *pm = wn_punkt_model_build();
    wn_arena *a = wn_arena_create((size_t)1 << 30);
    if (!pm || !a)
        return 3;
    wn_gr_cfg gr;
    wn_gq_cfg gq;
    wn_c4_cfg c4;
    wn_fw_cfg fw;
    wn_gr_defaults(&gr);
    /* As the stage runs it without all=1: gopher_repetition ends at its
     * first failing check, and makes the words only when its lines pass,
     * so word_tokenize is timed inside it. SPLIT_ALL=1: gopher_repetition
     * measures every value, and word_tokenize is timed on its own (the
     * chain still stops at a drop here, where --all-filters runs on). */
    int all = getenv("SPLIT_ALL") != NULL;
    gr.first_drop_ends = !all;
    wn_gq_defaults(&gq);
    wn_c4_defaults(&c4, 1);
    wn_fw_defaults(&fw);
    double acc[S_N] = {0};
    size_t reached[S_N] = {0};
    double t_all = now();
    for (int pass = 0; pass < passes; pass++)
        for (size_t i = 0; i < nd; i++) {
            wn_arena_reset(a);
            double t = now(), u;
            wn_ftext ft = {.a = a, .pm = pm};
            uint32_t *cp = wn_utf8_to_u32(a, docs[i].s, docs[i].n, &ft.n);
            ft.s = cp;
#define STEP(k, call)                                                                           \
    do {                                                                                        \
        if ((call) != 0)                                                                        \
            return 3;                                                                           \
        u = now();                                                                              \
        acc[k] += u - t;                                                                        \
        reached[k]++;                                                                           \
        t = u;                                                                                  \
    } while (0)
            STEP(S_DECODE, cp ? 0 : -1);
            if (all)
                STEP(S_TOKENIZE, wn_ftext_words(&ft));
            wn_fres r;
            memset(&r, 0, sizeof r);
            STEP(S_GR, wn_filter_gopher_repetition(&gr, &ft, &r));
            if (!r.kept)
                continue;
            memset(&r, 0, sizeof r);
            STEP(S_GQ, wn_filter_gopher_quality(&gq, &ft, &r));
            if (!r.kept)
                continue;
            memset(&r, 0, sizeof r);
            STEP(S_C4, wn_filter_c4_quality(&c4, &ft, &r, 1));
            if (!r.kept)
                continue;
            if (r.rewrote) {
                ft.s = r.text_out;
                ft.n = r.text_out_n;
                ft.have_words = 0;
            }
            memset(&r, 0, sizeof r);
            STEP(S_FW, wn_filter_fineweb_quality(&fw, &ft, &r));
#undef STEP
        }
    t_all = now() - t_all;
    double mb = (double)bytes * passes / 1e6;
    printf("fineweb profile, step by step, 1 thread, %zu docs x %d = %.1f MB of text (%s)\n",
           nd, passes, mb, getenv("SPLIT_CPU") ? "thread CPU clock" : "wall clock");
    printf("%s\n", all ? "every gopher_repetition value (SPLIT_ALL=1); word_tokenize on its own"
                        : "first failing check ends gopher_repetition (the stage's default); "
                          "word_tokenize inside it");
    for (int k = 0; k < S_N; k++)
        printf("  %-22s %6.2f ms/MB  (%zu documents reach it)\n", NAMES[k], acc[k] * 1e3 / mb,
               reached[k] / (size_t)passes);
    printf("  %-22s %6.2f ms/MB  = %.1f MB/s\n", "total", t_all * 1e3 / mb, mb / t_all);
    wn_arena_free(a);
    wn_punkt_model_free(pm);
    for (size_t i = 0; i < nd; i++)
        free(docs[i].s);
    free(docs);
    return 0;
}
