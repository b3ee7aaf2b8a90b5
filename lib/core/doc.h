/*
 * doc.h - the document as it flows through the stages, and its evidence.
 *
 * A stage never edits doc->text in place. It proposes edits (span, reason,
 * rule, detail, replacement) and calls wn_doc_apply(), which records every
 * edit as evidence, keeps the text the stage received (so offsets stay
 * meaningful and the output can be recomputed from the input), and builds the
 * new text, unless the run is annotate-only. All memory is the worker's arena.
 */
#ifndef WN_DOC_H
#define WN_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "json.h"
#include "winnow.h"

typedef struct wn_edit {
    size_t start, end; /* byte span in the current text */
    wn_reason reason;
    const char *rule;   /* static or arena string: "utf8.invalid_byte" */
    const char *detail; /* JSON object text or NULL */
    const char *repl;   /* replacement bytes (NULL/"" = removal) */
    size_t repl_len;
} wn_edit;

typedef struct wn_span_rec {
    wn_edit e;
    uint32_t stage; /* index into doc->stage_names */
} wn_span_rec;

typedef struct wn_signal {
    const char *name;
    double value;
} wn_signal;

typedef struct wn_kv {
    const char *key;  /* field name */
    const char *json; /* raw JSON value text */
} wn_kv;

/* Growable arena arrays. */
#define WN_VEC(T) \
    struct {      \
        T *v;     \
        size_t n, cap; \
    }

struct wn_doc {
    wn_arena *arena;
    uint64_t seq;       /* position in the input stream */
    const char *source; /* file name for messages */
    uint64_t line;      /* 1-based line (JSONL, --lines) or 0 */
    uint64_t offset;    /* byte offset of the record in the decompressed input */

    const char *id;     /* decoded id (NUL-terminated) */
    size_t id_len;
    char *text;         /* current text, NUL-terminated, valid UTF-8 after utf8_repair */
    size_t len;
    size_t bytes_in;    /* size of the input record */

    /* the input JSONL line and its members, copied through on output */
    const char *raw;
    size_t raw_len;
    wn_json_member *members;
    size_t nmembers;

    /* stage bookkeeping: texts[k] is what stage k received */
    const char **stage_names;
    const char **texts;
    size_t *text_lens;
    size_t nstages, cur_stage;
    int annotate_only;

    WN_VEC(wn_span_rec) spans;
    WN_VEC(wn_signal) signals;
    WN_VEC(const char *) flags;
    WN_VEC(wn_kv) meta;     /* fields added to the output document (author, date, lang) */
    WN_VEC(wn_kv) sections; /* extra evidence objects under "winnow" (filters, extract) */

    int owns_arena; /* created by wn_pipeline_process: wn_doc_free frees the arena */
    wn_input_kind kind; /* what text holds: TEXT, HTML or a WARC payload */
    int kept;
    const char *drop_rule;   /* stage or filter that dropped it */
    const char *drop_reason; /* reason string */
    const char *drop_detail; /* JSON or NULL */
};

/* Allocate an empty document in a (text "" and kept). */
wn_doc *wn_doc_new(wn_arena *a);
/* Set the text (copied into the arena). -1 when out of memory. */
int wn_doc_set_text(wn_doc *d, const char *text, size_t len);
/* Prepare for running nstages stages named names[]. */
int wn_doc_begin_stages(wn_doc *d, const char **names, size_t nstages);
/* Mark the start of stage k: records the text it receives. */
void wn_doc_enter_stage(wn_doc *d, size_t k);

/* Record edits and (unless annotate-only) apply them. Edits may come in any
 * order; they are sorted by start and must not overlap (overlapping ones are
 * an internal error: -2). Empty edits (start == end, no replacement) are
 * ignored. -1 when out of memory. */
int wn_doc_apply(wn_doc *d, wn_edit *edits, size_t n);

/* Evidence without a text change. */
int wn_doc_signal(wn_doc *d, const char *name, double value); /* replaces same name */
int wn_doc_flag(wn_doc *d, const char *flag);                  /* once per flag */
int wn_doc_meta(wn_doc *d, const char *key, const char *json); /* replaces same key */
int wn_doc_meta_str(wn_doc *d, const char *key, const char *s, size_t n);
int wn_doc_section(wn_doc *d, const char *name, const char *json);
void wn_doc_drop(wn_doc *d, const char *rule, const char *reason, const char *detail);

/* printf into the arena. NULL when out of memory. */
char *wn_doc_printf(wn_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const wn_signal *wn_doc_get_signal(const wn_doc *d, const char *name);

#endif
