/*
 * pipeline.h - internals shared by the files of lib/pipeline: the pipeline
 * handle, the registry and per-document processing.
 */
#ifndef WN_PIPELINE_H
#define WN_PIPELINE_H

#include "core/stage.h"
#include "io/reader.h"

#define WN_MAX_STAGES 32

struct wn_pipeline {
    size_t n;
    const wn_stage_def *defs[WN_MAX_STAGES];
    void *states[WN_MAX_STAGES];
    const char *names[WN_MAX_STAGES];
    int annotate_only;
    char err[512];
};

const wn_stage_def *wn_registry_find(const char *name, size_t len);
const wn_stage_def *const *wn_registry_all(void);

/* Run every stage on d (stage bookkeeping included). Returns WN_OK or the
 * first stage failure; on failure d is dropped with rule "limits". */
wn_status wn_pipeline_run_doc(const wn_pipeline *p, wn_doc *d, char *err, size_t errlen);

/* One input record on its way to becoming a document. */
typedef struct wn_rec_in {
    const char *data;
    size_t len;
    const wn_record *rec;
    const char *source;
    const char *id;   /* the reader's id or NULL */
    const char *meta; /* the reader's metadata members or NULL */
    size_t meta_len;
    uint64_t seq;
} wn_rec_in;

/* Parse a record into a document in arena a and run the pipeline on it.
 * Problems are appended to diag as lines ("FILE:LINE: ..."); *input_error is
 * set when the record was bad. NULL when the record was skipped. The
 * document may point into in->data: keep it alive as long as the document. */
wn_doc *wn_process_record(const wn_pipeline *p, wn_arena *a, const wn_rec_in *in, size_t max_doc,
                          wn_buf *diag, int *input_error);

/* The most a worker's arena may hold while one document of up to max_doc
 * bytes goes through the pipeline. The quality filters are the hungriest
 * stage: on ordinary text gopher_repetition holds about 46 bytes per byte
 * of the document and its arena's chunks about 68 (docs/filters.md,
 * "Memory"), so 80 per byte lets a document of the largest size allowed
 * pass every stage; a stranger text (a megabyte of punctuation alone) may
 * need more and is then dropped with rule limits:stage_failed, reported. */
#define WN_DOC_MEM_PER_BYTE 80
#define WN_DOC_MEM_BASE_MIB 64
static inline size_t wn_doc_arena_cap(size_t max_doc)
{
    return max_doc * WN_DOC_MEM_PER_BYTE + ((size_t)WN_DOC_MEM_BASE_MIB << 20);
}

#endif
