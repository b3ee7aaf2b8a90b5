/*
 * stage.h - what a pipeline stage is. Every stage folder (clean/, filter/,
 * extract/, lang/, dedup/) exports one or more wn_stage_def values; the
 * registry in lib/pipeline/registry.c lists them by name.
 *
 * Life cycle: create() once per pipeline; set() for each "STAGE.PARAM=VALUE"
 * the user gives; then run() concurrently from every worker thread, so run()
 * must treat the state as read-only and allocate only from doc->arena.
 */
#ifndef WN_STAGE_H
#define WN_STAGE_H

#include <stddef.h>

#include "doc.h"

typedef struct wn_param_doc {
    const char *name;
    const char *def; /* default, as text */
    const char *help;
} wn_param_doc;

typedef struct wn_stage_def {
    const char *name;
    const char *summary;
    /* Returns the stage state (may be a non-NULL dummy); NULL with err on failure. */
    void *(*create)(char *err, size_t errlen);
    /* 0 ok, -1 unknown param, -2 bad value (err says why). May be NULL. */
    int (*set)(void *state, const char *param, const char *value, char *err, size_t errlen);
    /* Annotate or change the document. A drop is a verdict (wn_doc_drop), not
     * an error; return non-OK only when the stage could not do its work
     * (WN_LIMIT: the arena cap; WN_NOMEM). */
    wn_status (*run)(const void *state, wn_doc *doc);
    void (*destroy)(void *state); /* may be NULL */
    const wn_param_doc *params;   /* NULL-name-terminated, may be NULL */
    int run_after_drop;           /* run even when an earlier stage dropped the doc */
} wn_stage_def;

/* Helpers for set(): parse a boolean / double / size with a clear error. */
int wn_param_bool(const char *value, int *out);
int wn_param_double(const char *value, double *out);
int wn_param_size(const char *value, size_t *out);

#endif
