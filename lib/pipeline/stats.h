/*
 * stats.h - run totals. Each document's contribution is computed by the
 * worker and added by the producer thread in input order, so the totals (and
 * the order of drop reasons in the JSON) are the same for any thread count.
 */
#ifndef WN_STATS_H
#define WN_STATS_H

#include <stdint.h>

#include "winnow.h"

#define WN_STATS_MAX_KEYS 256

typedef struct wn_count {
    char key[96];
    uint64_t n;
} wn_count;

struct wn_stats {
    uint64_t docs_in, docs_out, docs_dropped, bytes_in, bytes_out;
    uint64_t input_errors, records_skipped;
    uint64_t span_count[WN_REASON_COUNT], span_bytes[WN_REASON_COUNT];
    wn_count dropped[WN_STATS_MAX_KEYS];
    size_t ndropped;
    wn_count flags[WN_STATS_MAX_KEYS];
    size_t nflags;
    wn_count skipped[WN_STATS_MAX_KEYS]; /* records skipped by design (WARC request, image/png, ...) */
    size_t nskipped;
};

void wn_stats_count(wn_count *tab, size_t *n, const char *key, uint64_t add);

#endif
