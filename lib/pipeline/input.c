/*
 * input.c - wn_input: documents one at a time through the same reader and
 * record handling as wn_run(), without threads. Each document gets its own
 * arena, so the caller may keep several and free them in any order.
 */
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

struct wn_input {
    wn_reader *r;
    wn_buf rec_buf, diag;
    size_t max_doc;
    uint64_t seq, errors;
    void (*on_diag)(void *ud, const char *msg);
    void *ud;
};

wn_input *wn_input_open(const char *path, wn_input_kind kind, size_t max_doc,
                        void (*on_diag)(void *ud, const char *msg), void *ud, char *err, size_t errlen)
{
    wn_input *in = calloc(1, sizeof *in);
    if (!in) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    in->max_doc = max_doc ? max_doc : ((size_t)16 << 20);
    in->on_diag = on_diag;
    in->ud = ud;
    in->r = wn_reader_open(path, kind, in->max_doc, 0, on_diag, ud, err, errlen);
    if (!in->r) {
        free(in);
        return NULL;
    }
    wn_buf_init(&in->rec_buf, 0);
    wn_buf_init(&in->diag, 1 << 16);
    return in;
}

void wn_input_close(wn_input *in)
{
    if (!in)
        return;
    wn_reader_close(in->r);
    wn_buf_release(&in->rec_buf);
    wn_buf_release(&in->diag);
    free(in);
}

uint64_t wn_input_errors(const wn_input *in) { return in->errors + wn_reader_errors(in->r); }

static void flush_diag(wn_input *in)
{
    if (!in->diag.len)
        return;
    char *s = in->diag.data;
    while (*s) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = 0;
        if (in->on_diag)
            in->on_diag(in->ud, s);
        if (!nl)
            break;
        s = nl + 1;
    }
    wn_buf_clear(&in->diag);
}

wn_doc *wn_input_next(wn_input *in, const wn_pipeline *p)
{
    wn_record rec;
    while (wn_reader_next(in->r, &in->rec_buf, &rec)) {
        wn_arena *a = wn_arena_create(wn_doc_arena_cap(in->max_doc));
        if (!a)
            return NULL;
        /* the document may point at its record: give it its own copy */
        char *data = wn_arena_strndup(a, in->rec_buf.data ? in->rec_buf.data : "", in->rec_buf.len);
        char *id = rec.id ? wn_arena_strndup(a, rec.id, strlen(rec.id)) : NULL;
        char *meta = rec.meta_json ? wn_arena_strndup(a, rec.meta_json, strlen(rec.meta_json)) : NULL;
        const char *source = wn_arena_strndup(a, wn_reader_name(in->r), strlen(wn_reader_name(in->r)));
        if (!data || !source) {
            wn_arena_free(a);
            return NULL;
        }
        wn_rec_in ri = {data, in->rec_buf.len, &rec, source, id, meta, meta ? strlen(meta) : 0, in->seq++};
        int bad = 0;
        wn_doc *d = wn_process_record(p, a, &ri, in->max_doc, &in->diag, &bad);
        in->errors += bad;
        flush_diag(in);
        if (d) {
            d->owns_arena = 1;
            return d;
        }
        wn_arena_free(a);
    }
    return NULL;
}

const char *wn_doc_id(const wn_doc *d) { return d->id; }
