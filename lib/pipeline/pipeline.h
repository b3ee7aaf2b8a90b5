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

#endif
