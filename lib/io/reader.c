/*
 * reader.c - record framing over a wn_src.
 *
 * Input kind AUTO looks at the first non-blank decompressed byte: '{' means
 * JSONL, "WARC/" a WARC file, '<' with an HTML-ish tag an HTML page,
 * anything else one text document. A stream that fails to decompress midway
 * ends its records there: the ones before the damage were already delivered.
 */
#include "reader.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "src.h"
#include "warc.h"

#define CHUNK (256u * 1024u)

struct wn_reader {
    wn_src *src;
    wn_input_kind kind;
    size_t max_doc, max_line;
    wn_diag_fn diag;
    void *ud;
    unsigned char *buf;
    size_t len, pos; /* buffered decompressed bytes */
    uint64_t buf_base; /* stream offset of buf[0] */
    int eof;
    uint64_t line;
    uint64_t errors;
    int whole_done;
    char id[256];
    wn_warc *warc; /* WARC and ARC input: the record reader in warc.c */
    /* JSONL from an uncompressed file: the file mapped (wn_src_map), lines
     * handed out where they lie instead of read and copied twice */
    const unsigned char *map;
    size_t map_len, map_pos;
    size_t map_dropped; /* pages below it were given back (wn_reader_done_before) */
};

static void diag(wn_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void diag(wn_reader *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->errors++;
    if (r->diag)
        r->diag(r->ud, msg);
}

/* Refill the buffer keeping unconsumed bytes. 1 more data, 0 end. */
static int refill(wn_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->buf_base += r->pos;
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->len == CHUNK)
        return 1;
    ssize_t k = wn_src_read(r->src, r->buf + r->len, CHUNK - r->len);
    if (k < 0) {
        diag(r, "%s", wn_src_error(r->src));
        r->eof = 1;
        return r->len > 0;
    }
    if (k == 0) {
        r->eof = 1;
        return r->len > 0;
    }
    r->len += (size_t)k;
    return 1;
}

static void file_stem(const char *path, char *out, size_t outlen)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(out, outlen, "%s", b);
    /* strip known extensions, repeatedly: page.html.gz -> page */
    static const char *exts[] = {".gz", ".zst", ".zstd", ".html", ".htm", ".txt", ".jsonl", ".json", ".warc", NULL};
    for (int again = 1; again;) {
        again = 0;
        size_t l = strlen(out);
        for (int i = 0; exts[i]; i++) {
            size_t el = strlen(exts[i]);
            if (l > el && !strcasecmp(out + l - el, exts[i])) {
                out[l - el] = 0;
                again = 1;
                break;
            }
        }
    }
}

/* warc.c reports through here so its problems count as input errors */
static void warc_diag(void *ud, const char *msg)
{
    wn_reader *r = ud;
    r->errors++;
    if (r->diag)
        r->diag(r->ud, msg);
}

static wn_input_kind sniff_kind(wn_reader *r)
{
    while (r->len - r->pos < 512 && refill(r) && !r->eof)
        ;
    size_t i = r->pos;
    /* skip a UTF-8 BOM and whitespace */
    if (r->len - i >= 3 && !memcmp(r->buf + i, "\xEF\xBB\xBF", 3))
        i += 3;
    while (i < r->len && isspace(r->buf[i]))
        i++;
    if (i >= r->len)
        return WN_INPUT_TEXT;
    const char *p = (const char *)r->buf + i;
    size_t avail = r->len - i;
    if (*p == '{')
        return WN_INPUT_JSONL;
    if ((avail >= 5 && !memcmp(p, "WARC/", 5)) || (avail >= 11 && !memcmp(p, "filedesc://", 11)))
        return WN_INPUT_WARC; /* ARC files go to the same record reader */
    if (*p == '<') {
        static const char *tags[] = {"<!doctype", "<html", "<head", "<body", "<meta", "<!--", "<div", "<title",
                                        "<script", "<style", "<link", "<?xml", NULL};
        for (int k = 0; tags[k]; k++) {
            size_t tl = strlen(tags[k]);
            if (avail >= tl && !strncasecmp(p, tags[k], tl))
                return WN_INPUT_HTML;
        }
    }
    return WN_INPUT_TEXT;
}

wn_reader *wn_reader_open(const char *path, wn_input_kind kind, size_t max_doc, size_t max_line,
                          wn_diag_fn dg, void *ud, char *err, size_t errlen)
{
    wn_src *src = wn_src_open(path, err, errlen);
    if (!src)
        return NULL;
    wn_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->buf = malloc(CHUNK))) {
        free(r);
        wn_src_close(src);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->src = src;
    r->max_doc = max_doc ? max_doc : (16u << 20);
    r->max_line = max_line ? max_line : (64u << 20);
    r->diag = dg;
    r->ud = ud;
    file_stem(wn_src_name(src), r->id, sizeof r->id);
    r->kind = kind == WN_INPUT_AUTO ? sniff_kind(r) : kind;
    if (r->len - r->pos >= 4 && !memcmp(r->buf + r->pos, "\x04\x22\x4d\x18", 4)) {
        /* resiliparse writes .warc.lz4; reading it as text would emit garbage */
        diag(r, "%s: offset 0: LZ4-compressed input is not supported; decompress it first (lz4 -d)",
             wn_reader_name(r));
        r->whole_done = 1;
        r->kind = WN_INPUT_TEXT;
    }
    if (r->kind == WN_INPUT_WARC) {
        r->warc = wn_warc_open(src, wn_src_name(src), r->buf + r->pos, r->len - r->pos, r->buf_base + r->pos,
                               r->max_doc, warc_diag, r);
        if (!r->warc) {
            wn_reader_close(r);
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
        r->pos = r->len;
    }
    if (r->kind == WN_INPUT_JSONL && !r->whole_done) {
        size_t n;
        const unsigned char *m = wn_src_map(src, &n);
        if (m && r->buf_base + r->pos <= n) {
            r->map = m;
            r->map_len = n;
            r->map_pos = (size_t)(r->buf_base + r->pos); /* past what the sniff took */
        }
    }
    return r;
}

void wn_reader_close(wn_reader *r)
{
    if (!r)
        return;
    wn_warc_close(r->warc);
    wn_src_close(r->src);
    free(r->buf);
    free(r);
}

uint64_t wn_reader_errors(const wn_reader *r) { return r->errors; }
const char *wn_reader_name(const wn_reader *r) { return wn_src_name(r->src); }
uint64_t wn_reader_bytes(const wn_reader *r)
{
    return r->warc ? wn_warc_offset(r->warc) : r->map ? r->map_pos : r->buf_base + r->pos;
}
int wn_reader_in_place(const wn_reader *r) { return r->map != NULL; }

/* Dropped in steps of MAP_DROP: one madvise per step, not per record */
#define MAP_DROP ((size_t)16 << 20)

void wn_reader_done_before(wn_reader *r, uint64_t offset)
{
    if (!r->map || offset < r->map_dropped + MAP_DROP)
        return;
    size_t end = (size_t)offset & ~(MAP_DROP - 1); /* page-aligned, as the mapping's start */
    /* the file's pages stay in the page cache; only this mapping lets go */
    madvise((void *)(r->map + r->map_dropped), end - r->map_dropped, MADV_DONTNEED);
    r->map_dropped = end;
}
const char *wn_reader_skipped_json(wn_reader *r) { return r->warc ? wn_warc_skipped_json(r->warc) : "{}"; }

/* One line (without its '\n') into out. 1 line, 0 end. Over-long lines are
 * reported and skipped without being buffered. */
static int next_line(wn_reader *r, wn_buf *out, wn_record *rec)
{
    for (;;) {
        wn_buf_clear(out);
        if (r->pos >= r->len && !refill(r))
            return 0;
        r->line++;
        uint64_t start = r->buf_base + r->pos;
        int too_long = 0;
        uint64_t size = 0;
        for (;;) {
            unsigned char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
            size_t k = nl ? (size_t)(nl - (r->buf + r->pos)) : r->len - r->pos;
            if (!too_long && size + k > r->max_line)
                too_long = 1;
            if (!too_long && wn_buf_append(out, r->buf + r->pos, k)) {
                too_long = 1;
            }
            size += k;
            r->pos += k;
            if (nl) {
                r->pos++;
                break;
            }
            if (!refill(r))
                break;
        }
        if (out->len && out->data[out->len - 1] == '\r')
            out->data[--out->len] = 0;
        rec->line = r->line;
        rec->offset = start;
        rec->size = size;
        if (too_long) {
            diag(r, "%s:%llu: line of %llu bytes is longer than the limit (%zu), skipped",
                 wn_reader_name(r), (unsigned long long)r->line, (unsigned long long)size, r->max_line);
            continue;
        }
        return 1;
    }
}

/* next_line() over the mapped file: the line where it lies. Same records,
 * offsets and diagnostics. */
static int next_line_mapped(wn_reader *r, const char **data, size_t *len, wn_record *rec)
{
    for (;;) {
        if (r->map_pos >= r->map_len)
            return 0;
        r->line++;
        const unsigned char *p = r->map + r->map_pos;
        const unsigned char *nl = memchr(p, '\n', r->map_len - r->map_pos);
        size_t size = nl ? (size_t)(nl - p) : r->map_len - r->map_pos;
        rec->line = r->line;
        rec->offset = r->map_pos;
        rec->size = size;
        r->map_pos += size + (nl != NULL);
        if (size > r->max_line) {
            diag(r, "%s:%llu: line of %llu bytes is longer than the limit (%zu), skipped",
                 wn_reader_name(r), (unsigned long long)r->line, (unsigned long long)size, r->max_line);
            continue;
        }
        *data = (const char *)p;
        *len = size && p[size - 1] == '\r' ? size - 1 : size;
        return 1;
    }
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}


int wn_reader_next_ref(wn_reader *r, wn_buf *out, wn_record *rec, const char **data, size_t *len)
{
    if (!r->map) {
        int got = wn_reader_next(r, out, rec);
        *data = out->data ? out->data : "";
        *len = out->len;
        return got;
    }
    memset(rec, 0, sizeof *rec);
    do
        if (!next_line_mapped(r, data, len, rec))
            return 0;
    while (is_blank(*data, *len)); /* blank lines carry no record */
    rec->kind = WN_INPUT_JSONL;
    return 1;
}

int wn_reader_next(wn_reader *r, wn_buf *out, wn_record *rec)
{
    if (r->map) {
        /* a copy for callers that keep records past the reader */
        const char *data;
        size_t len;
        for (;;) {
            wn_buf_clear(out);
            if (!wn_reader_next_ref(r, out, rec, &data, &len))
                return 0;
            if (!wn_buf_append(out, data, len))
                return 1;
            diag(r, "%s:%llu: line of %llu bytes is longer than the limit (%zu), skipped",
                 wn_reader_name(r), (unsigned long long)rec->line, (unsigned long long)rec->size,
                 r->max_line);
        }
    }
    memset(rec, 0, sizeof *rec);
    switch (r->kind) {
    case WN_INPUT_JSONL:
    case WN_INPUT_LINES:
        for (;;) {
            if (!next_line(r, out, rec))
                return 0;
            if (is_blank(out->data, out->len))
                continue; /* blank lines carry no record */
            rec->kind = r->kind == WN_INPUT_JSONL ? WN_INPUT_JSONL : WN_INPUT_TEXT;
            if (r->kind == WN_INPUT_LINES) {
                snprintf(r->id, sizeof r->id, "%s:%llu", wn_reader_name(r), (unsigned long long)rec->line);
                rec->id = r->id;
            }
            return 1;
        }
    case WN_INPUT_WARC:
        if (r->warc && !r->whole_done)
            return wn_warc_next(r->warc, out, rec);
        return 0;
    case WN_INPUT_TEXT:
    case WN_INPUT_HTML:
    case WN_INPUT_AUTO:
    default:
        if (r->whole_done)
            return 0;
        r->whole_done = 1;
        wn_buf_clear(out);
        {
            uint64_t size = 0;
            int too_large = 0;
            for (;;) {
                if (r->pos >= r->len && !refill(r))
                    break;
                size_t k = r->len - r->pos;
                if (!too_large && size + k > r->max_doc) {
                    too_large = 1;
                    wn_buf_release(out);
                }
                if (!too_large && wn_buf_append(out, r->buf + r->pos, k))
                    too_large = 1;
                size += k;
                r->pos += k;
            }
            rec->kind = r->kind == WN_INPUT_HTML ? WN_INPUT_HTML : r->kind == WN_INPUT_WARC ? WN_INPUT_WARC : WN_INPUT_TEXT;
            rec->size = size;
            rec->too_large = too_large;
            rec->id = r->id;
            if (too_large)
                wn_buf_clear(out);
            return 1;
        }
    }
}
