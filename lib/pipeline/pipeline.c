/*
 * pipeline.c - building a pipeline from stage names, setting parameters, and
 * running the stages over one document.
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/writer.h"

wn_pipeline *wn_pipeline_create(const char *stages, char *errbuf, size_t errlen)
{
    wn_pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        if (errbuf)
            snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    const char *s = stages ? stages : "";
    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        while (len && *s == ' ')
            s++, len--;
        while (len && s[len - 1] == ' ')
            len--;
        if (len) {
            const wn_stage_def *d = wn_registry_find(s, len);
            if (!d || p->n == WN_MAX_STAGES) {
                if (errbuf)
                    snprintf(errbuf, errlen, d ? "too many stages" : "unknown stage '%.*s'", (int)len, s);
                wn_pipeline_free(p);
                return NULL;
            }
            char err[256] = "";
            void *st = d->create(err, sizeof err);
            if (!st) {
                if (errbuf)
                    snprintf(errbuf, errlen, "stage %s: %s", d->name, err[0] ? err : "could not start");
                wn_pipeline_free(p);
                return NULL;
            }
            p->defs[p->n] = d;
            p->states[p->n] = st;
            p->names[p->n] = d->name;
            p->n++;
        }
        if (!e)
            break;
        s = e + 1;
    }
    return p;
}

void wn_pipeline_free(wn_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        if (p->defs[i]->destroy)
            p->defs[i]->destroy(p->states[i]);
    free(p);
}

const char *wn_pipeline_errmsg(const wn_pipeline *p) { return p->err; }

wn_status wn_pipeline_set(wn_pipeline *p, const char *key, const char *value)
{
    p->err[0] = 0;
    if (!strcmp(key, "annotate_only")) {
        if (wn_param_bool(value, &p->annotate_only)) {
            snprintf(p->err, sizeof p->err, "annotate_only: expected 0 or 1, got '%s'", value);
            return WN_INVALID_ARG;
        }
        /* stages may want to know too (e.g. to skip work that only changes text) */
    }
    const char *dot = strchr(key, '.');
    if (!dot) {
        if (!strcmp(key, "annotate_only")) {
            for (size_t i = 0; i < p->n; i++)
                if (p->defs[i]->set) {
                    char err[256] = "";
                    p->defs[i]->set(p->states[i], key, value, err, sizeof err);
                }
            return WN_OK;
        }
        snprintf(p->err, sizeof p->err, "'%s': expected STAGE.PARAM", key);
        return WN_UNKNOWN_PARAM;
    }
    size_t sl = (size_t)(dot - key);
    int found_stage = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (strlen(p->names[i]) != sl || memcmp(p->names[i], key, sl))
            continue;
        found_stage = 1;
        int rc = -1;
        char err[256] = "";
        if (p->defs[i]->set)
            rc = p->defs[i]->set(p->states[i], dot + 1, value, err, sizeof err);
        if (rc == -1) {
            snprintf(p->err, sizeof p->err, "stage %s has no parameter '%s'", p->names[i], dot + 1);
            return WN_UNKNOWN_PARAM;
        }
        if (rc) {
            snprintf(p->err, sizeof p->err, "%s", err[0] ? err : "bad value");
            return WN_INVALID_ARG;
        }
    }
    if (!found_stage) {
        snprintf(p->err, sizeof p->err, "no stage '%.*s' in this pipeline", (int)sl, key);
        return wn_registry_find(key, sl) ? WN_UNKNOWN_PARAM : WN_UNKNOWN_STAGE;
    }
    return WN_OK;
}

wn_status wn_pipeline_run_doc(const wn_pipeline *p, wn_doc *d, char *err, size_t errlen)
{
    d->annotate_only = p->annotate_only;
    if (wn_doc_begin_stages(d, (const char **)p->names, p->n))
        return WN_LIMIT;
    for (size_t k = 0; k < p->n; k++) {
        wn_doc_enter_stage(d, k);
        if (!d->kept && !p->defs[k]->run_after_drop)
            continue;
        wn_status st = p->defs[k]->run(p->states[k], d);
        if (st != WN_OK) {
            if (st == WN_LIMIT) /* most often the arena's cap: say it, and what raises it */
                snprintf(err, errlen,
                         "stage %s: %s (a worker may hold %d bytes per byte of --max-doc-size plus "
                         "%d MiB for one document; a larger --max-doc-size raises it)",
                         p->names[k], wn_status_str(st), WN_DOC_MEM_PER_BYTE, WN_DOC_MEM_BASE_MIB);
            else
                snprintf(err, errlen, "stage %s: %s", p->names[k], wn_status_str(st));
            wn_doc_drop(d, "limits", "stage_failed", NULL);
            return st;
        }
    }
    wn_doc_enter_stage(d, p->n);
    return WN_OK;
}

/* ---- one document through the public API ---- */

wn_doc *wn_pipeline_process(const wn_pipeline *p, const char *id, const char *text, size_t len)
{
    wn_arena *a = wn_arena_create(0);
    if (!a)
        return NULL;
    wn_doc *d = wn_doc_new(a);
    if (!d || wn_doc_set_text(d, text, len)) {
        wn_arena_free(a);
        return NULL;
    }
    d->owns_arena = 1;
    if (id) {
        d->id = wn_arena_strndup(a, id, strlen(id));
        d->id_len = strlen(id);
    }
    d->bytes_in = len;
    char err[256];
    wn_pipeline_run_doc(p, d, err, sizeof err);
    return d;
}

void wn_doc_free(wn_doc *d)
{
    if (d && d->owns_arena)
        wn_arena_free(d->arena);
}

const char *wn_doc_text(const wn_doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}

int wn_doc_kept(const wn_doc *d) { return d->kept; }

size_t wn_doc_span_count(const wn_doc *d) { return d->spans.n; }

int wn_doc_span(const wn_doc *d, size_t i, wn_span_info *out)
{
    if (i >= d->spans.n)
        return -1;
    const wn_span_rec *s = &d->spans.v[i];
    out->stage = s->stage < d->nstages ? d->stage_names[s->stage] : "?";
    out->stage_index = s->stage;
    out->start = s->e.start;
    out->end = s->e.end;
    out->reason = s->e.reason;
    out->rule = s->e.rule;
    out->detail = s->e.detail ? s->e.detail : "{}";
    out->replacement = s->e.repl ? s->e.repl : "";
    out->replacement_len = s->e.repl_len;
    return 0;
}

const char *wn_doc_stage_input(const wn_doc *d, size_t k, size_t *len)
{
    if (k >= d->nstages || !d->texts[k]) {
        if (k == 0 && d->nstages == 0) {
            *len = d->len;
            return d->text;
        }
        return NULL;
    }
    *len = d->text_lens[k];
    return d->texts[k];
}

const char *wn_doc_json(wn_doc *d, size_t *len)
{
    wn_buf b;
    wn_buf_init(&b, 0);
    if (wn_write_jsonl(&b, d, 1)) {
        wn_buf_release(&b);
        return NULL;
    }
    if (b.len && b.data[b.len - 1] == '\n')
        b.data[--b.len] = 0;
    char *s = wn_arena_strndup(d->arena, b.data, b.len);
    if (len)
        *len = b.len;
    wn_buf_release(&b);
    return s;
}
