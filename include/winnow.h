/*
 * winnow.h - the one public header of libwinnow.
 *
 * winnow turns raw web pages and web-crawled text into clean, deduplicated
 * text and records, for every removed span and every dropped document, why.
 * A program uses the library in three steps:
 *
 *   1. wn_pipeline_create() with a list of stage names ("utf8_repair,blank_run"),
 *      then wn_pipeline_set() for stage parameters ("filter.profile=fineweb");
 *   2. wn_run() over input files with a wn_run_opts (threads, format, limits,
 *      output streams, a callback for diagnostics);
 *   3. read the wn_stats it filled in, print them with wn_stats_write_json().
 *
 * For a single document (tests, `winnow explain`) use wn_pipeline_process().
 *
 * Threads: a wn_pipeline is read-only once configured; wn_run() starts its own
 * workers. Distinct wn_pipeline handles may be used from distinct threads.
 * The library never prints, exits or reads the environment.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WN_VERSION_STRING "0.1.0"

/* ---- Status codes: one table, pinned values (never renumber). ---- */
#define WN_STATUS_MAP(X)                                                  \
    X(OK, 0, "ok")                                                        \
    X(NOMEM, 1, "out of memory")                                          \
    X(IO, 2, "I/O error")                                                 \
    X(INVALID_ARG, 3, "invalid argument")                                 \
    X(UNKNOWN_STAGE, 4, "unknown stage")                                  \
    X(UNKNOWN_PARAM, 5, "unknown parameter")                              \
    X(BAD_JSON, 6, "malformed JSON")                                      \
    X(BAD_GZIP, 7, "corrupt or truncated gzip stream")                    \
    X(BAD_ZSTD, 8, "corrupt or truncated zstd stream")                    \
    X(TOO_LARGE, 9, "document larger than the limit")                     \
    X(LINE_TOO_LONG, 10, "line longer than the limit")                    \
    X(BAD_WARC, 11, "malformed WARC record")                              \
    X(BAD_HTML, 12, "HTML could not be parsed")                           \
    X(LIMIT, 13, "a resource limit was reached")                          \
    X(END, 14, "end of input")                                            \
    X(INPUT_ERRORS, 15, "some input was bad and skipped")

typedef enum wn_status {
#define WN_X_ENUM(name, val, msg) WN_##name = val,
    WN_STATUS_MAP(WN_X_ENUM)
#undef WN_X_ENUM
} wn_status;

/* A static, never-NULL message for a status. */
const char *wn_status_str(wn_status st);

/* ---- Reason codes for removed or changed spans and dropped documents.
 * The vocabulary is fixed and documented in docs/evidence.md. ---- */
#define WN_REASON_MAP(X)                                                   \
    X(ENCODING, 0, "encoding")                                             \
    X(BLANK_RUN, 1, "blank_run")                                           \
    X(SPAM_INJECTION, 2, "spam_injection")                                 \
    X(JUNK_SPAN, 3, "junk_span")                                           \
    X(BOILERPLATE, 4, "boilerplate")                                       \
    X(BYLINE, 5, "byline")                                                 \
    X(LOST_CONTENT, 6, "lost_content")                                     \
    X(MOJIBAKE, 7, "mojibake")                                             \
    X(TOO_LARGE_DOC, 8, "too_large")                                       \
    X(FILTER, 9, "filter")                                                 \
    X(DUPLICATE, 10, "duplicate")                                          \
    X(EXTRACT, 11, "extract")

typedef enum wn_reason {
#define WN_X_ENUM(name, val, str) WN_REASON_##name = val,
    WN_REASON_MAP(WN_X_ENUM)
#undef WN_X_ENUM
        WN_REASON_COUNT
} wn_reason;

/* The code string of a reason ("spam_injection"); NULL when out of range. */
const char *wn_reason_str(wn_reason r);

/* ---- Pipeline ---- */
typedef struct wn_pipeline wn_pipeline;

/* Names of every registered stage, NULL-terminated, with a one-line summary
 * each (same index). Static storage. */
const char *const *wn_stage_names(void);
const char *wn_stage_summary(const char *name);
/* The i-th parameter of a stage: name, default (as text) and help. Returns 0,
 * or -1 past the last one or for an unknown stage. Static storage. */
int wn_stage_param(const char *stage, size_t i, const char **name, const char **def, const char **help);

/* Create a pipeline from comma-separated stage names, run in that order.
 * On failure returns NULL and, when errbuf is given, writes why. */
wn_pipeline *wn_pipeline_create(const char *stages, char *errbuf, size_t errlen);
void wn_pipeline_free(wn_pipeline *p); /* accepts NULL */

/* Set a parameter: key is "STAGE.PARAM" (e.g. "blank_run.max_blank=1").
 * Also accepts the keys of the shared options, without a stage prefix:
 * "annotate_only" (0/1): record evidence, never change the text. */
wn_status wn_pipeline_set(wn_pipeline *p, const char *key, const char *value);

/* Why the last call on p failed. Owned by p; valid until the next call. */
const char *wn_pipeline_errmsg(const wn_pipeline *p);

/* ---- Running over inputs ---- */
typedef enum wn_format { WN_FORMAT_JSONL = 0, WN_FORMAT_TEXT = 1 } wn_format;

/* How an input file is cut into documents. AUTO: JSONL when the first
 * non-blank byte of the decompressed stream is '{', WARC when it starts with
 * "WARC/", HTML when it looks like markup, otherwise one text document. */
typedef enum wn_input_kind {
    WN_INPUT_AUTO = 0,
    WN_INPUT_JSONL = 1,
    WN_INPUT_TEXT = 2,  /* the whole file is one document */
    WN_INPUT_LINES = 3, /* one document per line */
    WN_INPUT_HTML = 4,
    WN_INPUT_WARC = 5
} wn_input_kind;

typedef struct wn_stats wn_stats;

typedef struct wn_run_opts {
    int jobs;                 /* worker threads; <= 0 means the number of cores */
    wn_format format;         /* output format */
    wn_input_kind input_kind; /* how inputs are cut into documents */
    size_t max_doc_bytes;     /* 0: 16 MiB. Larger documents are dropped (too_large) */
    size_t max_line_bytes;    /* 0: 64 MiB. Longer JSONL/--lines lines are skipped */
    int evidence;             /* JSONL: write the "winnow" evidence object (default 1 via wn_run_opts_init) */
    FILE *out;                /* kept documents */
    FILE *rejected;           /* dropped documents, JSONL with evidence; may be NULL */
    /* Called from the calling thread (never concurrently) for every input
     * problem: "FILE:LINE: what is wrong" or "FILE: offset N: ...". */
    void (*on_diag)(void *ud, const char *msg);
    /* Called from the calling thread after each input chunk, at most a few
     * times per second is the caller's job to throttle. */
    void (*on_progress)(void *ud, uint64_t docs, uint64_t bytes_in);
    void *ud;
} wn_run_opts;

void wn_run_opts_init(wn_run_opts *o);

/* Run p over the inputs (NULL or "-" is stdin) and write the outputs.
 * Returns WN_OK, WN_INPUT_ERRORS when some input was bad and skipped (the rest
 * was processed), or a fatal status (I/O error on output, out of memory).
 * stats, when not NULL, receives the totals (create it with wn_stats_create). */
wn_status wn_run(const wn_pipeline *p, const wn_run_opts *o, const char *const *inputs,
                 size_t ninputs, wn_stats *stats);

wn_stats *wn_stats_create(void);
void wn_stats_free(wn_stats *s);
/* Counters by name: "docs_in", "docs_out", "docs_dropped", "bytes_in",
 * "bytes_out", "input_errors". Unknown names give 0. */
uint64_t wn_stats_get(const wn_stats *s, const char *name);
/* Writes the stats as one JSON object (see docs/evidence.md). */
int wn_stats_write_json(const wn_stats *s, FILE *f);

/* ---- One document at a time ---- */
typedef struct wn_doc wn_doc;

/* Run p on one text document. The result is owned by the caller; free it with
 * wn_doc_free. id may be NULL. Returns NULL only when out of memory. */
wn_doc *wn_pipeline_process(const wn_pipeline *p, const char *id, const char *text,
                            size_t len);
void wn_doc_free(wn_doc *d);

/* The document's current text (after the stages ran). Owned by d. */
const char *wn_doc_text(const wn_doc *d, size_t *len);
/* 1 when the document is kept, 0 when dropped. */
int wn_doc_kept(const wn_doc *d);

/* A removed or changed span as a stage recorded it. Offsets are bytes in the
 * text *that stage received*; replay the spans stage by stage, in order, to
 * recompute the output from the input (see docs/evidence.md). */
typedef struct wn_span_info {
    const char *stage;       /* stage name */
    size_t stage_index;      /* position of that stage in the pipeline */
    size_t start, end;       /* [start, end) in the stage's input text */
    wn_reason reason;
    const char *rule;        /* rule id, e.g. "utf8.invalid_byte" */
    const char *detail;      /* a JSON object, e.g. {"lang":"tr","score":0.93} */
    const char *replacement; /* text that replaced the span ("" when removed) */
    size_t replacement_len;
} wn_span_info;

size_t wn_doc_span_count(const wn_doc *d);
int wn_doc_span(const wn_doc *d, size_t i, wn_span_info *out);

/* The stage input text that span offsets of stage index k refer to: the
 * document's original text for k = 0. Returns NULL when k is out of range. */
const char *wn_doc_stage_input(const wn_doc *d, size_t k, size_t *len);

/* The document as one JSONL line (with evidence), NUL-terminated, no newline.
 * Owned by d. */
const char *wn_doc_json(wn_doc *d, size_t *len);

/* ---- Reading documents one at a time (single-threaded) ----
 * The same readers and record handling as wn_run(), for programs that want
 * each processed document (`winnow explain`). */
typedef struct wn_input wn_input;

/* path NULL or "-" is stdin; kind as in wn_run_opts; max_doc 0: 16 MiB.
 * on_diag (may be NULL) receives every input problem, as in wn_run_opts. */
wn_input *wn_input_open(const char *path, wn_input_kind kind, size_t max_doc,
                        void (*on_diag)(void *ud, const char *msg), void *ud, char *err,
                        size_t errlen);
/* The next document, run through p; NULL at the end of the input. Records
 * that cannot become documents are reported and skipped. Free the result
 * with wn_doc_free. */
wn_doc *wn_input_next(wn_input *in, const wn_pipeline *p);
/* Problems reported so far. */
uint64_t wn_input_errors(const wn_input *in);
void wn_input_close(wn_input *in); /* accepts NULL */

/* The document's id. Owned by d. */
const char *wn_doc_id(const wn_doc *d);

#ifdef __cplusplus
}
#endif
#endif /* WINNOW_H */
