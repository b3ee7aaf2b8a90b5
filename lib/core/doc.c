/*
 * doc.c - document evidence bookkeeping and edit application.
 */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append item to an arena vector (WN_VEC); 0, or -1 when out of memory. */
#define VEC_PUSH(a, vec, item)                                                              \
    ({                                                                                      \
        void *nv_ = wn_arena_grow((a), (vec).v, (vec).n, &(vec).cap, sizeof *(vec).v);      \
        if (nv_) {                                                                          \
            (vec).v = nv_;                                                                  \
            (vec).v[(vec).n++] = (item);                                                    \
        }                                                                                   \
        nv_ ? 0 : -1;                                                                       \
    })

wn_doc *wn_doc_new(wn_arena *a)
{
    wn_doc *d = wn_arena_calloc(a, 1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = a;
    d->kept = 1;
    d->text = wn_arena_strndup(a, "", 0);
    d->id = "";
    d->source = "-";
    return d->text ? d : NULL;
}

int wn_doc_set_text(wn_doc *d, const char *text, size_t len)
{
    char *t = wn_arena_strndup(d->arena, text, len);
    if (!t)
        return -1;
    d->text = t;
    d->len = len;
    return 0;
}

int wn_doc_begin_stages(wn_doc *d, const char **names, size_t nstages)
{
    /* a copy: the document may outlive its pipeline (wn_doc_free after wn_pipeline_free) */
    const char **copy = wn_arena_calloc(d->arena, nstages + 1, sizeof *copy);
    if (!copy)
        return -1;
    memcpy(copy, names, nstages * sizeof *copy);
    d->stage_names = copy;
    d->nstages = nstages;
    d->texts = wn_arena_calloc(d->arena, nstages + 1, sizeof *d->texts);
    d->text_lens = wn_arena_calloc(d->arena, nstages + 1, sizeof *d->text_lens);
    return d->texts && d->text_lens ? 0 : -1;
}

void wn_doc_enter_stage(wn_doc *d, size_t k)
{
    d->cur_stage = k;
    if (k < d->nstages) {
        d->texts[k] = d->text;
        d->text_lens[k] = d->len;
    }
}

static int cmp_edit(const void *a, const void *b)
{
    const wn_edit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

int wn_doc_apply(wn_doc *d, wn_edit *edits, size_t n)
{
    if (!n)
        return 0;
    /* c4_quality hands its cuts over in order: a check instead of qsort
     * (its merge sort was 0.6% of the fineweb profile), same result since
     * the sort is only needed when some pair is out of order */
    for (size_t i = 1; i < n; i++)
        if (cmp_edit(&edits[i - 1], &edits[i]) > 0) {
            qsort(edits, n, sizeof *edits, cmp_edit);
            break;
        }
    size_t grow = 0, shrink = 0;
    for (size_t i = 0; i < n; i++) {
        if (edits[i].end > d->len || edits[i].start > edits[i].end)
            return -2;
        if (i && edits[i].start < edits[i - 1].end)
            return -2;
        if (!edits[i].repl)
            edits[i].repl = "", edits[i].repl_len = 0;
        grow += edits[i].repl_len;
        shrink += edits[i].end - edits[i].start;
    }
    /* room for all of them at once: growing by doubling copied the list
     * each time the filters' allocations came in between */
    if (d->spans.cap - d->spans.n < n) {
        size_t nc = d->spans.cap ? d->spans.cap : 16;
        while (nc - d->spans.n < n)
            nc *= 2;
        void *nv = wn_arena_realloc(d->arena, d->spans.v, d->spans.cap * sizeof *d->spans.v,
                                    nc * sizeof *d->spans.v);
        if (!nv)
            return -1;
        d->spans.v = nv;
        d->spans.cap = nc;
    }
    for (size_t i = 0; i < n; i++) {
        if (edits[i].start == edits[i].end && !edits[i].repl_len)
            continue;
        d->spans.v[d->spans.n++] = (wn_span_rec){edits[i], (uint32_t)d->cur_stage};
    }
    if (d->annotate_only)
        return 0;
    size_t nl = d->len - shrink + grow;
    char *t = wn_arena_alloc(d->arena, nl + 1);
    if (!t)
        return -1;
    size_t o = 0, pos = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(t + o, d->text + pos, edits[i].start - pos);
        o += edits[i].start - pos;
        memcpy(t + o, edits[i].repl, edits[i].repl_len);
        o += edits[i].repl_len;
        pos = edits[i].end;
    }
    memcpy(t + o, d->text + pos, d->len - pos);
    o += d->len - pos;
    t[o] = 0;
    d->text = t;
    d->len = o;
    return 0;
}

int wn_doc_signal(wn_doc *d, const char *name, double value)
{
    for (size_t i = 0; i < d->signals.n; i++)
        if (!strcmp(d->signals.v[i].name, name)) {
            d->signals.v[i].value = value;
            return 0;
        }
    wn_signal s = {name, value};
    return VEC_PUSH(d->arena, d->signals, s);
}

const wn_signal *wn_doc_get_signal(const wn_doc *d, const char *name)
{
    for (size_t i = 0; i < d->signals.n; i++)
        if (!strcmp(d->signals.v[i].name, name))
            return &d->signals.v[i];
    return NULL;
}

int wn_doc_flag(wn_doc *d, const char *flag)
{
    for (size_t i = 0; i < d->flags.n; i++)
        if (!strcmp(d->flags.v[i], flag))
            return 0;
    return VEC_PUSH(d->arena, d->flags, flag);
}

static int kv_set(wn_arena *a, void *vecp, const char *key, const char *json, int replace)
{
    WN_VEC(wn_kv) *vec = vecp;
    if (replace)
        for (size_t i = 0; i < vec->n; i++)
            if (!strcmp(vec->v[i].key, key)) {
                vec->v[i].json = json;
                return 0;
            }
    wn_kv kv = {key, json};
    return VEC_PUSH(a, *vec, kv);
}

int wn_doc_meta(wn_doc *d, const char *key, const char *json)
{
    return kv_set(d->arena, &d->meta, key, json, 1);
}

int wn_doc_meta_str(wn_doc *d, const char *key, const char *s, size_t n)
{
    wn_buf b;
    wn_buf_init(&b, 0);
    if (wn_json_put_string(&b, s, n)) {
        wn_buf_release(&b);
        return -1;
    }
    char *j = wn_arena_strndup(d->arena, b.data, b.len);
    wn_buf_release(&b);
    return j ? wn_doc_meta(d, key, j) : -1;
}

int wn_doc_section(wn_doc *d, const char *name, const char *json)
{
    return kv_set(d->arena, &d->sections, name, json, 1);
}

void wn_doc_drop(wn_doc *d, const char *rule, const char *reason, const char *detail)
{
    if (!d->kept)
        return; /* the first rule that failed is the one recorded */
    d->kept = 0;
    d->drop_rule = rule;
    d->drop_reason = reason;
    d->drop_detail = detail;
}

char *wn_doc_printf(wn_doc *d, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *out = wn_arena_alloc(d->arena, (size_t)n + 1);
    if (!out)
        return NULL;
    if ((size_t)n < sizeof tmp) {
        memcpy(out, tmp, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(out, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return out;
}
