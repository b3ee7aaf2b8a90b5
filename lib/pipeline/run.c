/*
 * run.c - wn_run(): read records on the calling thread, process them on the
 * worker pool, write results in input order on the calling thread.
 *
 * Each ring item carries a record in and its serialized output, rejected
 * line, diagnostics and statistics out; the worker's arena is reset before
 * every document, so nothing a stage allocates outlives its document. The
 * producer writes an item as soon as it is the oldest and done, and reuses it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/pool.h"
#include "io/reader.h"
#include "io/writer.h"
#include "pipeline.h"
#include "stats.h"

#define OUT_CAP ((size_t)1 << 31) /* one document's serialized output */
/* Records in flight per worker. The producer sleeps while the ring is full
 * and is woken once the queue runs dry, then writes what is done and refills
 * the ring in one go: a deeper ring means fewer of those wake-ups, each a
 * futex call on both sides and a cross-CPU wake (with -j1, 8 gave ~2,800
 * context switches on 11,343 documents, 32 ~650: 0.03 CPU-s less). An item
 * keeps its buffers for the next record, unless they grew past ITEM_KEEP
 * (recycle), so the deeper ring holds little more memory. */
#define WN_RUN_DEPTH 32
#define ITEM_KEEP ((size_t)1 << 20)

typedef struct item {
    wn_buf in;
    const char *data; /* the record: in.data, or in place in the reader's mapped file */
    size_t len;
    wn_record rec;
    char source[256];
    char id[256];
    int has_id;
    wn_buf meta; /* the reader's extra metadata: JSON members or an object */
    uint64_t seq;
    size_t file; /* index of the input it came from */
    /* results */
    wn_buf out, rej, diag;
    int is_doc, kept, input_error;
    char drop_key[96];
    uint64_t bytes_out;
    uint64_t span_count[WN_REASON_COUNT], span_bytes[WN_REASON_COUNT];
    char flags[256]; /* '\n'-separated */
} item;

typedef struct run_ctx {
    const wn_pipeline *p;
    const wn_run_opts *o;
    wn_arena **arenas;
    size_t max_doc;
} run_ctx;

static void diag_to(wn_buf *diag, int *input_error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void diag_to(wn_buf *diag, int *input_error, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wn_buf_puts(diag, msg);
    wn_buf_putc(diag, '\n');
    *input_error = 1;
}

/* "FILE:LINE" or "FILE: offset N" for messages, into out (returned); written
 * only when there is a message, not for every record */
static const char *where(const wn_rec_in *in, char *out, size_t n)
{
    if (in->rec->line)
        snprintf(out, n, "%s:%llu", in->source, (unsigned long long)in->rec->line);
    else
        snprintf(out, n, "%s: offset %llu", in->source, (unsigned long long)in->rec->offset);
    return out;
}

/* Build the document from a JSONL line. 0 ok, -1 skip (diagnosed), -2 memory. */
static int doc_from_jsonl(const wn_rec_in *in, wn_doc *d, wn_buf *diag, int *ierr)
{
    const char *err;
    size_t off;
    char loc[300];
    if (wn_json_parse_object_decode(in->data, in->len, d->arena, "text", &d->members, &d->nmembers, &err,
                                    &off)) {
        diag_to(diag, ierr, "%s: malformed JSON at column %zu: %s, line skipped", where(in, loc, sizeof loc),
                off + 1, err);
        return -1;
    }
    d->raw = in->data;
    d->raw_len = in->len;
    const wn_json_member *text = NULL, *id = NULL;
    for (size_t i = 0; i < d->nmembers; i++) {
        if (!strcmp(d->members[i].key, "text"))
            text = &d->members[i];
        else if (!strcmp(d->members[i].key, "id"))
            id = &d->members[i];
    }
    if (!text || text->type != 's') {
        diag_to(diag, ierr, "%s: %s, line skipped", where(in, loc, sizeof loc),
                text ? "field \"text\" is not a string" : "no \"text\" field");
        return -1;
    }
    if (id && id->type == 's')
        d->id = wn_json_unescape(d->arena, d->raw + id->raw_start, id->raw_end - id->raw_start, &d->id_len);
    else if (id)
        d->id = wn_arena_strndup(d->arena, d->raw + id->raw_start, d->id_len = id->raw_end - id->raw_start);
    else {
        d->id = wn_doc_printf(d, "%s:%llu", in->source, (unsigned long long)in->rec->line);
        d->id_len = d->id ? strlen(d->id) : 0;
    }
    if (!d->id)
        return -2;
    if (text->str) { /* decoded by the parser */
        d->text = (char *)text->str;
        d->len = text->str_len;
        return 0;
    }
    d->text = wn_json_unescape(d->arena, d->raw + text->raw_start, text->raw_end - text->raw_start, &d->len);
    return d->text ? 0 : -2;
}

/* Metadata the reader found (WARC-Target-URI, WARC-Date, HTTP headers)
 * becomes fields of the output document. */
static int add_reader_meta(const wn_rec_in *in, wn_doc *d)
{
    const char *txt = in->meta;
    size_t n = in->meta_len;
    if (txt[0] != '{') {
        char *obj = wn_doc_printf(d, "{%s}", txt);
        if (!obj)
            return -1;
        txt = obj;
        n = strlen(obj);
    }
    const char *err;
    size_t off, cnt;
    wn_json_member *m;
    if (wn_json_parse_object(txt, n, d->arena, &m, &cnt, &err, &off))
        return -1;
    for (size_t i = 0; i < cnt; i++) {
        char *v = wn_arena_strndup(d->arena, txt + m[i].raw_start, m[i].raw_end - m[i].raw_start);
        if (!v || wn_doc_meta(d, m[i].key, v))
            return -1;
    }
    return 0;
}

wn_doc *wn_process_record(const wn_pipeline *p, wn_arena *a, const wn_rec_in *in, size_t max_doc,
                          wn_buf *diag, int *input_error)
{
    char loc[300];
    wn_doc *d = wn_doc_new(a);
    if (!d) {
        diag_to(diag, input_error, "%s: out of memory, record skipped", where(in, loc, sizeof loc));
        return NULL;
    }
    d->seq = in->seq;
    d->source = in->source;
    d->line = in->rec->line;
    d->offset = in->rec->offset;
    d->bytes_in = in->rec->size;
    d->kind = in->rec->kind;
    if (in->id) {
        d->id = in->id;
        d->id_len = strlen(in->id);
    }
    if (in->meta_len && add_reader_meta(in, d))
        diag_to(diag, input_error, "%s: reader metadata is not valid JSON, ignored",
                where(in, loc, sizeof loc));
    int too_large = in->rec->too_large;
    if (!too_large) {
        if (in->rec->kind == WN_INPUT_JSONL) {
            int rc = doc_from_jsonl(in, d, diag, input_error);
            if (rc == -2)
                diag_to(diag, input_error, "%s: document does not fit the worker's memory cap, skipped",
                        where(in, loc, sizeof loc));
            if (rc)
                return NULL;
            if (d->len > max_doc)
                too_large = 1;
            d->kind = WN_INPUT_TEXT;
        } else {
            d->text = (char *)in->data; /* the caller keeps it alive as long as d */
            d->len = in->len;
        }
    }
    if (too_large) {
        uint64_t size = in->rec->too_large ? in->rec->size : d->len;
        d->text = "";
        d->len = 0;
        d->nmembers = 0;
        wn_doc_drop(d, "limits", "too_large",
                    wn_doc_printf(d, "{\"bytes\":%llu,\"limit\":%zu}", (unsigned long long)size, max_doc));
        int dummy = 0; /* a verdict, counted as a drop, not an input error */
        diag_to(diag, &dummy, "%s: document of %llu bytes is larger than the limit (%zu), dropped as too_large",
                where(in, loc, sizeof loc), (unsigned long long)size, max_doc);
    } else {
        char err[300];
        if (wn_pipeline_run_doc(p, d, err, sizeof err) != WN_OK)
            diag_to(diag, input_error, "%s: %s, document dropped", where(in, loc, sizeof loc), err);
    }
    return d;
}

static void work(void *vctx, unsigned worker, void *vitem)
{
    run_ctx *ctx = vctx;
    item *it = vitem;
    wn_arena *a = ctx->arenas[worker];
    wn_arena_reset(a);
    wn_buf_clear(&it->out);
    wn_buf_clear(&it->rej);
    wn_buf_clear(&it->diag);
    it->is_doc = it->kept = it->input_error = 0;
    it->drop_key[0] = it->flags[0] = 0;
    it->bytes_out = 0;
    memset(it->span_count, 0, sizeof it->span_count);
    memset(it->span_bytes, 0, sizeof it->span_bytes);

    wn_rec_in in = {it->data, it->len, &it->rec, it->source, it->has_id ? it->id : NULL,
                    it->meta.data, it->meta.len, it->seq};
    wn_doc *d = wn_process_record(ctx->p, a, &in, ctx->max_doc, &it->diag, &it->input_error);
    if (!d)
        return;
    it->is_doc = 1;
    it->kept = d->kept;
    for (size_t i = 0; i < d->spans.n; i++) {
        wn_reason r = d->spans.v[i].e.reason;
        if ((unsigned)r < WN_REASON_COUNT) {
            it->span_count[r]++;
            it->span_bytes[r] += d->spans.v[i].e.end - d->spans.v[i].e.start;
        }
    }
    size_t fl = 0;
    for (size_t i = 0; i < d->flags.n; i++) {
        size_t l = strlen(d->flags.v[i]);
        if (fl + l + 2 < sizeof it->flags) {
            memcpy(it->flags + fl, d->flags.v[i], l);
            fl += l;
            it->flags[fl++] = '\n';
            it->flags[fl] = 0;
        }
    }
    int werr = 0;
    if (d->kept) {
        werr = ctx->o->format == WN_FORMAT_TEXT ? wn_write_text(&it->out, d)
                                                 : wn_write_jsonl(&it->out, d, ctx->o->evidence);
        it->bytes_out = d->len;
    } else {
        /* "rule:reason", cut to the key's size as snprintf would, without
         * its format machinery (most documents of a filter run are dropped) */
        const char *parts[3] = {d->drop_rule ? d->drop_rule : "?", d->drop_reason ? ":" : "",
                                d->drop_reason ? d->drop_reason : ""};
        size_t kl = 0;
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(parts[k]);
            if (l > sizeof it->drop_key - 1 - kl)
                l = sizeof it->drop_key - 1 - kl;
            memcpy(it->drop_key + kl, parts[k], l);
            kl += l;
        }
        it->drop_key[kl] = 0;
        if (ctx->o->rejected)
            werr = wn_write_jsonl(&it->rej, d, 1);
    }
    if (werr) {
        char loc[300];
        diag_to(&it->diag, &it->input_error, "%s: output of this document exceeds the output cap, dropped",
                where(&in, loc, sizeof loc));
    }
}

static void flush_item(run_ctx *ctx, item *it, wn_stats *st, int *out_err)
{
    const wn_run_opts *o = ctx->o;
    if (it->diag.len && o->on_diag) {
        char *s = it->diag.data;
        while (*s) {
            char *nl = strchr(s, '\n');
            if (nl)
                *nl = 0;
            o->on_diag(o->ud, s);
            if (!nl)
                break;
            s = nl + 1;
        }
    }
    if (it->input_error)
        st->input_errors++;
    if (!it->is_doc) {
        st->records_skipped++;
        return;
    }
    st->docs_in++;
    st->bytes_in += it->rec.size;
    if (it->kept) {
        st->docs_out++;
        st->bytes_out += it->bytes_out;
        if (it->out.len && fwrite(it->out.data, 1, it->out.len, o->out) != it->out.len)
            *out_err = 1;
    } else {
        st->docs_dropped++;
        wn_stats_count(st->dropped, &st->ndropped, it->drop_key, 1);
        if (o->rejected && it->rej.len && fwrite(it->rej.data, 1, it->rej.len, o->rejected) != it->rej.len)
            *out_err = 1;
    }
    for (int r = 0; r < WN_REASON_COUNT; r++) {
        st->span_count[r] += it->span_count[r];
        st->span_bytes[r] += it->span_bytes[r];
    }
    for (char *f = it->flags; *f;) {
        char *nl = strchr(f, '\n');
        *nl = 0;
        wn_stats_count(st->flags, &st->nflags, f, 1);
        f = nl + 1;
    }
}

/* An item written out, before it takes the next record. Its buffers are
 * kept for that record, but not a large one's: WN_RUN_DEPTH items each
 * holding the largest output seen would add up. And the reader of input f
 * (r) learns that the records before it are written. */
static void recycle(item *it, wn_reader *r, size_t f)
{
    if (it->in.cap > ITEM_KEEP)
        wn_buf_release(&it->in);
    if (it->out.cap > ITEM_KEEP)
        wn_buf_release(&it->out);
    if (it->rej.cap > ITEM_KEEP)
        wn_buf_release(&it->rej);
    if (it->file == f)
        wn_reader_done_before(r, it->rec.offset);
}

/* The reader's {"kind":count,...} of records skipped by design (WARC
 * requests, images, redirects) into the run totals. */
static void add_skipped(wn_stats *st, const char *json)
{
    wn_arena *a = wn_arena_create(1 << 20);
    wn_json_member *m;
    size_t n, off;
    const char *err;
    if (a && !wn_json_parse_object(json, strlen(json), a, &m, &n, &err, &off))
        for (size_t i = 0; i < n; i++)
            if (m[i].type == 'n')
                wn_stats_count(st->skipped, &st->nskipped, m[i].key,
                               strtoull(json + m[i].raw_start, NULL, 10));
    wn_arena_free(a);
}

void wn_run_opts_init(wn_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->evidence = 1;
    o->out = stdout;
}

/* snprintf(dst, size, "%s", src) without the format machinery: it runs
 * twice per record on the reading thread */
static void copy_str(char *dst, size_t size, const char *src)
{
    size_t l = strlen(src);
    if (l >= size)
        l = size - 1;
    memcpy(dst, src, l);
    dst[l] = 0;
}

static void reader_diag(void *ud, const char *msg)
{
    const wn_run_opts *o = ud;
    if (o->on_diag)
        o->on_diag(o->ud, msg);
}

wn_status wn_run(const wn_pipeline *p, const wn_run_opts *o, const char *const *inputs, size_t ninputs,
                 wn_stats *stats_out)
{
    static const char *const stdin_only[] = {"-"};
    if (!ninputs) {
        inputs = stdin_only;
        ninputs = 1;
    }
    int jobs = o->jobs;
    if (jobs <= 0) {
        long nc = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = nc > 0 ? (int)nc : 1;
    }
    if (jobs > 256)
        jobs = 256;
    wn_stats local;
    wn_stats *st = stats_out ? stats_out : &local;
    memset(st, 0, sizeof *st);

    run_ctx ctx = {p, o, NULL, o->max_doc_bytes ? o->max_doc_bytes : ((size_t)16 << 20)};
    size_t depth = (size_t)jobs * WN_RUN_DEPTH;
    item *items = calloc(depth, sizeof *items);
    item **free_items = calloc(depth, sizeof *free_items);
    ctx.arenas = calloc((size_t)jobs, sizeof *ctx.arenas);
    wn_status status = WN_OK;
    wn_pool *pool = NULL;
    if (!items || !free_items || !ctx.arenas) {
        status = WN_NOMEM;
        goto done;
    }
    for (int i = 0; i < jobs; i++) {
        /* a document may need several copies of its text in the arena */
        ctx.arenas[i] = wn_arena_create(wn_doc_arena_cap(ctx.max_doc));
        if (!ctx.arenas[i]) {
            status = WN_NOMEM;
            goto done;
        }
    }
    size_t nfree = depth;
    for (size_t i = 0; i < depth; i++) {
        wn_buf_init(&items[i].in, 0);
        wn_buf_init(&items[i].out, OUT_CAP);
        wn_buf_init(&items[i].rej, OUT_CAP);
        wn_buf_init(&items[i].diag, 1 << 16);
        wn_buf_init(&items[i].meta, 1 << 20);
        free_items[i] = &items[depth - 1 - i];
    }
    pool = wn_pool_create((unsigned)jobs, depth, work, &ctx);
    if (!pool) {
        status = WN_NOMEM;
        goto done;
    }
    int out_err = 0;
    uint64_t seq = 0;
    for (size_t f = 0; f < ninputs; f++) {
        char err[512];
        wn_reader *r = wn_reader_open(inputs[f], o->input_kind, ctx.max_doc, o->max_line_bytes, reader_diag,
                                      (void *)o, err, sizeof err);
        if (!r) {
            if (o->on_diag)
                o->on_diag(o->ud, err);
            st->input_errors++;
            continue;
        }
        for (;;) {
            item *it;
            if (nfree)
                it = free_items[--nfree];
            else {
                it = wn_pool_retrieve(pool, 1);
                flush_item(&ctx, it, st, &out_err);
                recycle(it, r, f);
            }
            if (!wn_reader_next_ref(r, &it->in, &it->rec, &it->data, &it->len)) {
                free_items[nfree++] = it;
                break;
            }
            copy_str(it->source, sizeof it->source, wn_reader_name(r));
            it->has_id = it->rec.id != NULL;
            if (it->has_id)
                copy_str(it->id, sizeof it->id, it->rec.id);
            wn_buf_clear(&it->meta);
            if (it->rec.meta_json && wn_buf_puts(&it->meta, it->rec.meta_json))
                wn_buf_clear(&it->meta);
            it->rec.meta_json = NULL; /* owned by the reader; the copy is in it->meta */
            it->rec.id = NULL;
            it->seq = seq++;
            it->file = f;
            wn_pool_submit(pool, it);
            item *done_it;
            while ((done_it = wn_pool_retrieve(pool, 0))) {
                flush_item(&ctx, done_it, st, &out_err);
                recycle(done_it, r, f);
                free_items[nfree++] = done_it;
            }
            if (o->on_progress)
                o->on_progress(o->ud, seq, st->bytes_in);
        }
        st->input_errors += wn_reader_errors(r);
        add_skipped(st, wn_reader_skipped_json(r));
        if (wn_reader_in_place(r)) {
            /* records in flight point into r's mapping */
            item *done_it;
            while ((done_it = wn_pool_retrieve(pool, 1))) {
                flush_item(&ctx, done_it, st, &out_err);
                recycle(done_it, r, f);
                free_items[nfree++] = done_it;
            }
        }
        wn_reader_close(r);
    }
    item *done_it;
    while ((done_it = wn_pool_retrieve(pool, 1))) {
        flush_item(&ctx, done_it, st, &out_err);
        free_items[nfree++] = done_it;
    }
    if (fflush(o->out) || (o->rejected && fflush(o->rejected)))
        out_err = 1;
    if (out_err)
        status = WN_IO;
    else if (st->input_errors)
        status = WN_INPUT_ERRORS;
done:
    wn_pool_free(pool);
    if (items)
        for (size_t i = 0; i < depth; i++) {
            wn_buf_release(&items[i].in);
            wn_buf_release(&items[i].out);
            wn_buf_release(&items[i].rej);
            wn_buf_release(&items[i].diag);
            wn_buf_release(&items[i].meta);
        }
    if (ctx.arenas)
        for (int i = 0; i < jobs; i++)
            wn_arena_free(ctx.arenas[i]);
    free(ctx.arenas);
    free(items);
    free(free_items);
    return status;
}
