/*
 * stats.c - run totals and their JSON form (documented in docs/evidence.md).
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

wn_stats *wn_stats_create(void) { return calloc(1, sizeof(wn_stats)); }
void wn_stats_free(wn_stats *s) { free(s); }

void wn_stats_count(wn_count *tab, size_t *n, const char *key, uint64_t add)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(tab[i].key, key)) {
            tab[i].n += add;
            return;
        }
    if (*n == WN_STATS_MAX_KEYS)
        key = "other";
    if (*n == WN_STATS_MAX_KEYS) {
        for (size_t i = 0; i < *n; i++)
            if (!strcmp(tab[i].key, "other")) {
                tab[i].n += add;
                return;
            }
        (*n)--; /* the last slot becomes "other" */
    }
    snprintf(tab[*n].key, sizeof tab[*n].key, "%s", key);
    tab[*n].n = add;
    (*n)++;
}

uint64_t wn_stats_get(const wn_stats *s, const char *name)
{
#define F(x) if (!strcmp(name, #x)) return s->x;
    F(docs_in) F(docs_out) F(docs_dropped) F(bytes_in) F(bytes_out) F(input_errors) F(records_skipped)
#undef F
    for (size_t i = 0; i < s->ndropped; i++)
        if (!strncmp(name, "dropped.", 8) && !strcmp(name + 8, s->dropped[i].key))
            return s->dropped[i].n;
    return 0;
}

static void put_counts(FILE *f, const wn_count *tab, size_t n)
{
    fputc('{', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s\"%s\":%llu", i ? "," : "", tab[i].key, (unsigned long long)tab[i].n);
    fputc('}', f);
}

int wn_stats_write_json(const wn_stats *s, FILE *f)
{
    fprintf(f,
            "{\"docs_in\":%llu,\"docs_out\":%llu,\"docs_dropped\":%llu,\"records_skipped\":%llu,"
            "\"input_errors\":%llu,\"bytes_in\":%llu,\"bytes_out\":%llu,\"dropped_by_reason\":",
            (unsigned long long)s->docs_in, (unsigned long long)s->docs_out,
            (unsigned long long)s->docs_dropped, (unsigned long long)s->records_skipped,
            (unsigned long long)s->input_errors, (unsigned long long)s->bytes_in,
            (unsigned long long)s->bytes_out);
    put_counts(f, s->dropped, s->ndropped);
    fputs(",\"spans_by_reason\":{", f);
    int first = 1;
    for (int r = 0; r < WN_REASON_COUNT; r++) {
        if (!s->span_count[r])
            continue;
        fprintf(f, "%s\"%s\":{\"count\":%llu,\"bytes\":%llu}", first ? "" : ",",
                wn_reason_str((wn_reason)r), (unsigned long long)s->span_count[r],
                (unsigned long long)s->span_bytes[r]);
        first = 0;
    }
    fputs("},\"flags\":", f);
    put_counts(f, s->flags, s->nflags);
    fputs(",\"skipped_by_kind\":", f);
    put_counts(f, s->skipped, s->nskipped);
    fputs("}\n", f);
    return ferror(f) ? -1 : 0;
}
