/*
 * warc.c - WARC and ARC record framing, HTTP response parsing and body
 * decoding (see warc.h for the contract).
 *
 * The stream is held in one sliding window that grows up to max_doc plus a
 * megabyte, so a whole record block sits in memory in one piece and a wrong
 * Content-Length can be repaired by looking inside the block for the next
 * record header. Blocks larger than the window are read past in pieces.
 * Offsets in messages are decompressed stream offsets of the record start,
 * which is where `dd skip=` or a hex dump of the unpacked file finds it.
 */
#include "warc.h"

#include <brotli/decode.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/json.h"

#define HDR_MAX (64u * 1024u) /* a WARC or HTTP header block longer than this is damage */
#define READ_CHUNK (256u * 1024u)
#define MAX_SKIP_KINDS 48

typedef struct skip_count {
    char kind[48];
    uint64_t n;
} skip_count;

struct wn_warc {
    wn_src *src;
    const char *name;
    unsigned char *buf;
    size_t cap, cap_max, len, pos;
    uint64_t base; /* stream offset of buf[0] */
    int eof;
    size_t max_doc;
    wn_diag_fn diag;
    void *ud;
    int is_arc, arc_version;
    int keeping;   /* when set, bytes from keep on stay in the window */
    uint64_t keep; /* stream offset of the block being examined */
    wn_buf hdr;        /* copy of the current WARC header block */
    wn_buf tmp1, tmp2; /* decoding scratch */
    wn_buf meta;
    wn_buf skipped;
    char id[512];
    skip_count skips[MAX_SKIP_KINDS];
    size_t nskips;
};

static void wdiag(wn_warc *w, uint64_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void wdiag(wn_warc *w, uint64_t off, const char *fmt, ...)
{
    char msg[400], full[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s: offset %llu: %s", w->name, (unsigned long long)off, msg);
    if (w->diag)
        w->diag(w->ud, full);
}

static void count_skip(wn_warc *w, const char *kind, size_t n)
{
    char k[48];
    if (n >= sizeof k)
        n = sizeof k - 1;
    for (size_t i = 0; i < n; i++)
        k[i] = (char)tolower((unsigned char)kind[i]);
    k[n] = 0;
    for (size_t i = 0; i < w->nskips; i++)
        if (!strcmp(w->skips[i].kind, k)) {
            w->skips[i].n++;
            return;
        }
    /* an unbounded variety of MIME types must not grow the table */
    if (w->nskips == MAX_SKIP_KINDS - 1)
        snprintf(k, sizeof k, "other");
    for (size_t i = 0; i < w->nskips; i++)
        if (!strcmp(w->skips[i].kind, k)) {
            w->skips[i].n++;
            return;
        }
    snprintf(w->skips[w->nskips].kind, sizeof w->skips[0].kind, "%s", k);
    w->skips[w->nskips++].n = 1;
}

const char *wn_warc_skipped_json(wn_warc *w)
{
    wn_buf_clear(&w->skipped);
    wn_buf_putc(&w->skipped, '{');
    for (size_t i = 0; i < w->nskips; i++) {
        if (i)
            wn_buf_putc(&w->skipped, ',');
        wn_json_put_string(&w->skipped, w->skips[i].kind, strlen(w->skips[i].kind));
        wn_buf_printf(&w->skipped, ":%llu", (unsigned long long)w->skips[i].n);
    }
    wn_buf_putc(&w->skipped, '}');
    return w->skipped.data ? w->skipped.data : "{}";
}

/* ---- the sliding window ---- */

/* Make at least n bytes available at pos (fewer at the end of the stream).
 * Returns the number available. n may not exceed cap_max. */
static size_t ensure(wn_warc *w, size_t n)
{
    while (w->len - w->pos < n && !w->eof) {
        size_t drop = w->pos;
        if (w->keeping && w->keep - w->base < drop)
            drop = (size_t)(w->keep - w->base);
        if (drop) {
            memmove(w->buf, w->buf + drop, w->len - drop);
            w->base += drop;
            w->len -= drop;
            w->pos -= drop;
        }
        if (w->cap - w->len < READ_CHUNK && w->cap < w->cap_max) {
            size_t nc = w->cap * 2;
            while (nc < w->len + READ_CHUNK)
                nc *= 2;
            if (nc > w->cap_max)
                nc = w->cap_max;
            unsigned char *nb = realloc(w->buf, nc);
            if (!nb) {
                w->eof = 1; /* treated like a truncated stream */
                break;
            }
            w->buf = nb;
            w->cap = nc;
        }
        if (w->cap == w->len)
            break;
        ssize_t k = wn_src_read(w->src, w->buf + w->len, w->cap - w->len);
        if (k < 0) {
            if (w->diag)
                w->diag(w->ud, wn_src_error(w->src)); /* already names the file and offset */
            w->eof = 1;
        } else if (k == 0)
            w->eof = 1;
        else
            w->len += (size_t)k;
    }
    return w->len - w->pos;
}

static uint64_t here(const wn_warc *w) { return w->base + w->pos; }

/* Advance past n bytes that need not be kept. */
static uint64_t skip_bytes(wn_warc *w, uint64_t n)
{
    uint64_t done = 0;
    while (done < n) {
        size_t want = n - done > READ_CHUNK ? READ_CHUNK : (size_t)(n - done);
        size_t got = ensure(w, want);
        if (!got)
            break;
        if (got > want)
            got = want;
        w->pos += got;
        done += got;
    }
    return done;
}

wn_warc *wn_warc_open(wn_src *src, const char *name, const unsigned char *pre, size_t npre, uint64_t base,
                      size_t max_doc, wn_diag_fn diag, void *ud)
{
    wn_warc *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->cap = npre + READ_CHUNK;
    w->cap_max = max_doc + (1u << 20);
    if (w->cap_max < w->cap)
        w->cap_max = w->cap;
    w->buf = malloc(w->cap);
    if (!w->buf) {
        free(w);
        return NULL;
    }
    memcpy(w->buf, pre, npre);
    w->len = npre;
    w->base = base;
    w->src = src;
    w->name = name;
    w->max_doc = max_doc;
    w->diag = diag;
    w->ud = ud;
    wn_buf_init(&w->hdr, HDR_MAX + 16);
    wn_buf_init(&w->tmp1, max_doc);
    wn_buf_init(&w->tmp2, max_doc);
    wn_buf_init(&w->meta, 1 << 16);
    wn_buf_init(&w->skipped, 1 << 16);
    ensure(w, 16);
    w->is_arc = w->len - w->pos >= 11 && !memcmp(w->buf + w->pos, "filedesc://", 11);
    w->arc_version = 1;
    return w;
}

void wn_warc_close(wn_warc *w)
{
    if (!w)
        return;
    free(w->buf);
    wn_buf_release(&w->hdr);
    wn_buf_release(&w->tmp1);
    wn_buf_release(&w->tmp2);
    wn_buf_release(&w->meta);
    wn_buf_release(&w->skipped);
    free(w);
}

uint64_t wn_warc_offset(const wn_warc *w) { return here(w); }

/* ---- small text helpers ---- */

static const unsigned char *find_bytes(const unsigned char *h, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || hn < nn)
        return NULL;
    const unsigned char *end = h + hn - nn + 1;
    for (const unsigned char *p = h; p < end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p)
            return NULL;
        if (!memcmp(p, needle, nn))
            return p;
    }
    return NULL;
}

/* Header value of name in a "Name: value\r\n" block, trimmed; NULL if absent. */
static const char *header_get(const char *blk, size_t n, const char *name, size_t *vlen)
{
    size_t nl = strlen(name);
    const char *p = blk, *end = blk + n;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        if ((size_t)(le - p) > nl && !strncasecmp(p, name, nl) && p[nl] == ':') {
            const char *v = p + nl + 1, *ve = le;
            while (v < ve && (*v == ' ' || *v == '\t'))
                v++;
            while (ve > v && isspace((unsigned char)ve[-1]))
                ve--;
            *vlen = (size_t)(ve - v);
            return v;
        }
        p = le + 1;
    }
    return NULL;
}

static int contains_ci(const char *s, size_t n, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= n; i++)
        if (!strncasecmp(s + i, word, wl))
            return 1;
    return 0;
}

static int parse_u64(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (!n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Lower-cased MIME type without parameters, into out. */
static void mime_of(const char *ct, size_t n, char *out, size_t outlen)
{
    size_t k = 0;
    while (n && isspace((unsigned char)*ct))
        ct++, n--;
    for (size_t i = 0; i < n && ct[i] != ';' && !isspace((unsigned char)ct[i]) && k + 1 < outlen; i++)
        out[k++] = (char)tolower((unsigned char)ct[i]);
    out[k] = 0;
}

static int looks_html(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && isspace(p[i]))
        i++;
    if (i >= n || p[i] != '<')
        return 0;
    size_t lim = n - i < 1024 ? n - i : 1024;
    static const char *tags[] = {"<!doctype html", "<html", "<head", "<body", "<title", "<meta", "<div", "<p>", "<!--", NULL};
    for (int k = 0; tags[k]; k++) {
        size_t tl = strlen(tags[k]);
        for (size_t j = 0; j + tl <= lim; j++)
            if (!strncasecmp((const char *)p + i + j, tags[k], tl))
                return 1;
    }
    return 0;
}

static int is_binary(const unsigned char *p, size_t n)
{
    size_t lim = n < 512 ? n : 512;
    return memchr(p, 0, lim) != NULL;
}

/* ---- body decoders ---- */

int wn_http_dechunk(const unsigned char *p, size_t n, wn_buf *out)
{
    size_t i = 0;
    for (;;) {
        uint64_t size = 0;
        int digits = 0;
        while (i < n && isxdigit(p[i])) {
            int d = isdigit(p[i]) ? p[i] - '0' : (tolower(p[i]) - 'a' + 10);
            if (size > (UINT64_MAX >> 4))
                return -1;
            size = size * 16 + (uint64_t)d;
            digits++;
            i++;
        }
        if (!digits)
            return -1;
        /* chunk extensions and stray spaces up to the line end */
        while (i < n && p[i] != '\n')
            i++;
        if (i >= n)
            return size == 0 ? 0 : -1;
        i++;
        if (size == 0)
            return 0; /* trailers after the last chunk are ignored */
        if (size > n - i)
            return -1;
        if (wn_buf_append(out, p + i, (size_t)size))
            return -1;
        i += (size_t)size;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
        else if (i < n)
            return -1; /* the data did not end where the size said */
        if (i >= n)
            return 0; /* a missing last chunk is common and harmless */
    }
}

static int inflate_with(const unsigned char *p, size_t n, wn_buf *out, int wbits)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return -1;
    size_t start = out->len;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (wn_buf_reserve(out, 64 * 1024)) {
            inflateEnd(&z);
            return out->len > start ? 0 : -1; /* capped: keep what fits */
        }
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        rc = inflate(&z, Z_NO_FLUSH);
        out->len = (size_t)((char *)z.next_out - out->data);
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break; /* truncated input: keep what decoded */
        if (rc == Z_BUF_ERROR)
            rc = Z_OK;
    }
    inflateEnd(&z);
    if (out->data)
        out->data[out->len] = 0;
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out->len > start))
        return 0;
    out->len = start;
    return -1;
}

int wn_http_inflate(const unsigned char *p, size_t n, wn_buf *out)
{
    /* 15+32: gzip or zlib by header; servers that say "deflate" often send
     * raw deflate without the zlib header, hence the second try */
    if (inflate_with(p, n, out, 15 + 32) == 0)
        return 0;
    return inflate_with(p, n, out, -15);
}

int wn_http_unbrotli(const unsigned char *p, size_t n, wn_buf *out)
{
    BrotliDecoderState *s = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (!s)
        return -1;
    size_t start = out->len;
    const uint8_t *in = p;
    size_t avail_in = n;
    BrotliDecoderResult rc;
    do {
        if (wn_buf_reserve(out, 64 * 1024))
            break;
        uint8_t *o = (uint8_t *)out->data + out->len;
        size_t avail_out = out->cap - out->len - 1;
        rc = BrotliDecoderDecompressStream(s, &avail_in, &in, &avail_out, &o, NULL);
        out->len = (size_t)((char *)o - out->data);
    } while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
    int ok = BrotliDecoderIsFinished(s) || out->len > start;
    BrotliDecoderDestroyInstance(s);
    if (out->data)
        out->data[out->len] = 0;
    if (!ok)
        out->len = start;
    return ok ? 0 : -1;
}

/* ---- metadata ---- */

static void meta_str(wn_warc *w, const char *key, const char *v, size_t n)
{
    if (!v || !n)
        return;
    if (w->meta.len)
        wn_buf_putc(&w->meta, ',');
    wn_buf_printf(&w->meta, "\"%s\":", key);
    wn_json_put_string(&w->meta, v, n);
}

/* "20140216050221" -> "2014-02-16T05:02:21Z" */
static void meta_arc_date(wn_warc *w, const char *d, size_t n)
{
    char iso[32];
    if (n < 14) {
        meta_str(w, "warc_date", d, n);
        return;
    }
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10, d + 12);
    meta_str(w, "warc_date", iso, strlen(iso));
}

/* ---- payload classification and delivery ---- */

enum { PAY_SKIP = 0, PAY_HTML, PAY_TEXT };

static int classify(wn_warc *w, const char *mime, const unsigned char *body, size_t n)
{
    if (!strcmp(mime, "text/html") || !strcmp(mime, "application/xhtml+xml"))
        return PAY_HTML;
    if (!strcmp(mime, "text/plain"))
        return looks_html(body, n) ? PAY_HTML : PAY_TEXT;
    if (!mime[0] || !strcmp(mime, "application/octet-stream") || !strcmp(mime, "unknown") ||
        !strcmp(mime, "no-type") || !strcmp(mime, "www/unknown")) {
        if (looks_html(body, n))
            return PAY_HTML;
    }
    count_skip(w, mime[0] ? mime : "no-type", strlen(mime[0] ? mime : "no-type"));
    (void)w;
    return PAY_SKIP;
}

/* Parse the HTTP response in blk and leave the decoded body in *body.
 * Returns the payload class (PAY_SKIP when skipped and counted). */
static int http_payload(wn_warc *w, uint64_t off, const unsigned char *blk, size_t n, const unsigned char **body,
                        size_t *blen)
{
    const unsigned char *hend = find_bytes(blk, n < HDR_MAX ? n : HDR_MAX, "\r\n\r\n", 4);
    size_t hlen, skip;
    if (hend) {
        hlen = (size_t)(hend - blk);
        skip = 4;
    } else if ((hend = find_bytes(blk, n < HDR_MAX ? n : HDR_MAX, "\n\n", 2))) {
        hlen = (size_t)(hend - blk);
        skip = 2;
    } else {
        wdiag(w, off, "HTTP headers do not end within the record, record skipped");
        count_skip(w, "bad_http", 8);
        return PAY_SKIP;
    }
    const char *h = (const char *)blk;
    int status = 0;
    if (hlen > 12 && !strncmp(h, "HTTP/", 5)) {
        const char *sp = memchr(h, ' ', hlen);
        if (sp && sp + 4 <= h + hlen && isdigit((unsigned char)sp[1]))
            status = atoi(sp + 1);
    }
    if (!status) {
        wdiag(w, off, "response block does not start with an HTTP status line, record skipped");
        count_skip(w, "bad_http", 8);
        return PAY_SKIP;
    }
    if (w->meta.len)
        wn_buf_putc(&w->meta, ',');
    wn_buf_printf(&w->meta, "\"http_status\":%d", status);
    if (status < 200 || status >= 300) {
        char k[16];
        snprintf(k, sizeof k, "http_%dxx", status / 100 % 10);
        count_skip(w, k, strlen(k));
        return PAY_SKIP;
    }
    size_t ctl = 0, tel = 0, cel = 0;
    const char *ct = header_get(h, hlen, "Content-Type", &ctl);
    const char *te = header_get(h, hlen, "Transfer-Encoding", &tel);
    const char *ce = header_get(h, hlen, "Content-Encoding", &cel);
    meta_str(w, "http_content_type", ct, ctl);
    const unsigned char *b = blk + hlen + skip;
    size_t bn = n - hlen - skip;

    if (te && contains_ci(te, tel, "chunked")) {
        wn_buf_clear(&w->tmp1);
        if (wn_http_dechunk(b, bn, &w->tmp1) == 0 && w->tmp1.len) {
            b = (const unsigned char *)w->tmp1.data;
            bn = w->tmp1.len;
        } else {
            /* crawlers sometimes decode the chunks and keep the header;
             * a body that does not parse as chunks is taken as it is */
            wdiag(w, off, "chunked body has invalid chunk sizes, kept as stored");
            meta_str(w, "http_chunked", "invalid", 7);
        }
    }
    if (ce && cel) {
        char enc[32];
        mime_of(ce, cel, enc, sizeof enc);
        int rc = 1; /* 1: identity */
        wn_buf_clear(&w->tmp2);
        if (!strcmp(enc, "gzip") || !strcmp(enc, "x-gzip") || !strcmp(enc, "deflate"))
            rc = wn_http_inflate(b, bn, &w->tmp2);
        else if (!strcmp(enc, "br"))
            rc = wn_http_unbrotli(b, bn, &w->tmp2);
        if (rc == 0) {
            b = (const unsigned char *)w->tmp2.data;
            bn = w->tmp2.len;
            meta_str(w, "http_content_encoding", enc, strlen(enc));
        } else if (rc < 0) {
            if (is_binary(b, bn)) {
                wdiag(w, off, "body does not decode as Content-Encoding %s, record skipped", enc);
                count_skip(w, "bad_content_encoding", 20);
                return PAY_SKIP;
            }
            /* the header lies: the body is already plain (ClueWeb stores
             * decoded bodies under their original headers), so this is a
             * note in the metadata, not an input error */
            meta_str(w, "http_content_encoding_ignored", enc, strlen(enc));
        }
    }
    char mime[64];
    mime_of(ct ? ct : "", ct ? ctl : 0, mime, sizeof mime);
    *body = b;
    *blen = bn;
    return classify(w, mime, b, bn);
}

static int deliver(wn_warc *w, int cls, const unsigned char *body, size_t n, uint64_t off, uint64_t size,
                   wn_buf *out, wn_record *rec)
{
    wn_buf_clear(out);
    rec->kind = cls == PAY_HTML ? WN_INPUT_HTML : WN_INPUT_TEXT;
    rec->offset = off;
    rec->size = size;
    rec->id = w->id;
    rec->meta_json = w->meta.len ? w->meta.data : NULL;
    if (n > w->max_doc || wn_buf_append(out, body, n)) {
        wn_buf_clear(out);
        rec->too_large = 1;
        rec->size = n;
    }
    return 1;
}

/* The next non-blank line must be a record header; true when it is. */
static int at_record(wn_warc *w)
{
    size_t a = ensure(w, 12);
    const unsigned char *p = w->buf + w->pos;
    if (a >= 5 && !memcmp(p, "WARC/", 5))
        return 1;
    if (w->is_arc && a >= 4 && !isspace(p[0])) {
        /* an ARC header line: URL then fields, the last one a number */
        size_t la = ensure(w, 4096);
        p = w->buf + w->pos;
        const unsigned char *nl = memchr(p, '\n', la);
        if (!nl)
            return 0;
        const unsigned char *e = nl;
        while (e > p && isspace(e[-1]))
            e--;
        const unsigned char *s = e;
        while (s > p && isdigit(s[-1]))
            s--;
        int spaces = 0;
        for (const unsigned char *q = p; q < e; q++)
            spaces += *q == ' ';
        return s < e && s > p && s[-1] == ' ' && spaces >= 4 && memchr(p, ':', (size_t)(e - p)) != NULL;
    }
    return 0;
}

/* Skip blank lines; false at the end of the stream. */
static int skip_blank(wn_warc *w)
{
    for (;;) {
        size_t a = ensure(w, 1);
        if (!a)
            return 0;
        const unsigned char *p = w->buf + w->pos;
        size_t i = 0;
        while (i < a && (p[i] == '\r' || p[i] == '\n' || p[i] == ' ' || p[i] == '\t'))
            i++;
        w->pos += i;
        if (i < a)
            return 1;
    }
}

/* Move to the next line that starts a record. */
static void resync(wn_warc *w)
{
    if (w->pos < w->len)
        w->pos++; /* never stay on the damaged spot */
    for (;;) {
        size_t a = ensure(w, 2);
        if (!a)
            return;
        const unsigned char *p = w->buf + w->pos;
        const unsigned char *nl = memchr(p, '\n', a);
        if (!nl) {
            w->pos += a;
            continue;
        }
        w->pos += (size_t)(nl - p) + 1;
        if (at_record(w))
            return;
    }
}

/* Read the header block (up to the blank line) into w->hdr; moves past it.
 * -1 when it does not end within HDR_MAX or the stream. */
static int read_header(wn_warc *w)
{
    size_t a = ensure(w, HDR_MAX);
    const unsigned char *p = w->buf + w->pos;
    const unsigned char *e = find_bytes(p, a, "\r\n\r\n", 4);
    size_t skip = 4;
    const unsigned char *e2 = find_bytes(p, a, "\n\n", 2);
    if (!e || (e2 && e2 < e)) {
        e = e2;
        skip = 2;
    }
    if (!e)
        return -1;
    wn_buf_clear(&w->hdr);
    if (wn_buf_append(&w->hdr, p, (size_t)(e - p)))
        return -1;
    w->pos += (size_t)(e - p) + skip;
    return 0;
}

static void set_id(wn_warc *w, const char *v, size_t n)
{
    while (n && (*v == '<' || *v == ' '))
        v++, n--;
    while (n && (v[n - 1] == '>' || v[n - 1] == ' '))
        n--;
    if (n >= sizeof w->id)
        n = sizeof w->id - 1;
    memcpy(w->id, v, n);
    w->id[n] = 0;
}

/* Load a block of n bytes at pos into the window. Returns the bytes present
 * (less than n when the stream ends early), or (size_t)-1 when the block is
 * larger than the window. */
static size_t load_block(wn_warc *w, uint64_t n)
{
    if (n + 8 > w->cap_max)
        return (size_t)-1;
    size_t a = ensure(w, (size_t)n + 8);
    return a < n ? a : (size_t)n;
}

/* After a block of declared length: the record must be followed by blank
 * lines and the next header. When it is not, the length was wrong: look for
 * the next header inside the block (length too long) or after it (too short).
 * Returns the usable block length. */
static size_t check_tail(wn_warc *w, uint64_t off, size_t blen, size_t have)
{
    uint64_t bstart = here(w); /* pinned by the caller: base <= bstart */
    w->pos += have;
    if (have < blen)
        return have; /* truncated: reported by the caller */
    if (!skip_blank(w) || at_record(w))
        return blen;
    /* Content-Length too long? the next header would be inside the block */
    const char *needle = w->is_arc ? "\nhttp" : "\nWARC/";
    size_t nlen = strlen(needle), at = 0;
    for (;;) {
        const unsigned char *p = w->buf + (bstart - w->base);
        const unsigned char *q = find_bytes(p + at, have - at, needle, nlen);
        if (!q)
            break;
        at = (size_t)(q - p) + 1;
        w->pos = (size_t)(bstart - w->base) + at;
        if (at_record(w)) {
            wdiag(w, off, "Content-Length %zu is too long: the next record starts at offset %llu", blen,
                  (unsigned long long)here(w));
            p = w->buf + (bstart - w->base);
            size_t used = at;
            while (used && (p[used - 1] == '\n' || p[used - 1] == '\r'))
                used--;
            return used;
        }
    }
    w->pos = (size_t)(bstart - w->base) + have;
    wdiag(w, off, "Content-Length %zu does not end the record (no record header follows); resyncing", blen);
    resync(w);
    return blen;
}

int wn_warc_next(wn_warc *w, wn_buf *out, wn_record *rec)
{
    for (;;) {
        wn_buf_clear(&w->meta);
        if (!skip_blank(w))
            return 0;
        uint64_t off = here(w);
        if (!at_record(w)) {
            wdiag(w, off, "no %s record header here; skipping to the next record", w->is_arc ? "ARC" : "WARC");
            resync(w);
            continue;
        }
        uint64_t clen = 0;
        char type[32] = "response";
        const char *ct = NULL;
        size_t ctl = 0;
        if (w->is_arc) {
            /* URL [IP date mime (v2: result checksum location offset file)] length */
            size_t a = ensure(w, 4096);
            const unsigned char *p = w->buf + w->pos;
            const unsigned char *nl = memchr(p, '\n', a);
            wn_buf_clear(&w->hdr);
            wn_buf_append(&w->hdr, p, (size_t)(nl - p));
            w->pos += (size_t)(nl - p) + 1;
            char *line = w->hdr.data;
            size_t ll = w->hdr.len;
            while (ll && isspace((unsigned char)line[ll - 1]))
                line[--ll] = 0;
            /* fields from the right, since a URL may hold spaces */
            int nf = w->arc_version == 2 ? 9 : 4;
            char *f[10];
            char *e = line + ll;
            int k = 0;
            while (k < nf) {
                char *sp = e;
                while (sp > line && sp[-1] != ' ')
                    sp--;
                f[k++] = sp;
                if (sp == line)
                    break;
                sp[-1] = 0;
                e = sp - 1;
            }
            if (k < nf || parse_u64(f[0], strlen(f[0]), &clen)) {
                wdiag(w, off, "malformed ARC header line; skipping to the next record");
                resync(w);
                continue;
            }
            const char *url = line, *date = f[nf - 2], *mime = f[nf - 3];
            if (!strncmp(url, "filedesc://", 11)) {
                size_t got = load_block(w, clen);
                if (got != (size_t)-1 && got >= 1 && w->buf[w->pos] == '2')
                    w->arc_version = 2;
                strcpy(type, "arcinfo");
            } else if (!strncmp(url, "dns:", 4))
                strcpy(type, "dns");
            snprintf(w->id, sizeof w->id, "%s:%llu", w->name, (unsigned long long)off);
            meta_str(w, "url", url, strlen(url));
            meta_arc_date(w, date, strlen(date));
            ct = mime;
            ctl = strlen(mime);
            /* ARC blocks of http URLs hold the HTTP response */
            if (strncmp(url, "http", 4) && strcmp(type, "arcinfo") && strcmp(type, "dns"))
                strcpy(type, "resource");
        } else {
            if (read_header(w)) {
                wdiag(w, off, "WARC header does not end within %u bytes; skipping to the next record", HDR_MAX);
                resync(w);
                continue;
            }
            const char *h = w->hdr.data;
            size_t hn = w->hdr.len, vl;
            const char *v = header_get(h, hn, "Content-Length", &vl);
            if (!v || parse_u64(v, vl, &clen)) {
                wdiag(w, off, "WARC record without a valid Content-Length; skipping to the next record");
                resync(w);
                continue;
            }
            if ((v = header_get(h, hn, "WARC-Type", &vl))) {
                size_t k = vl < sizeof type - 1 ? vl : sizeof type - 1;
                for (size_t i = 0; i < k; i++)
                    type[i] = (char)tolower((unsigned char)v[i]);
                type[k] = 0;
            }
            w->id[0] = 0;
            if ((v = header_get(h, hn, "WARC-Record-ID", &vl)))
                set_id(w, v, vl);
            if (!w->id[0])
                snprintf(w->id, sizeof w->id, "%s:%llu", w->name, (unsigned long long)off);
            if ((v = header_get(h, hn, "WARC-Target-URI", &vl))) {
                while (vl && (*v == '<'))
                    v++, vl--;
                while (vl && v[vl - 1] == '>')
                    vl--;
                meta_str(w, "url", v, vl);
            }
            if ((v = header_get(h, hn, "WARC-Date", &vl)))
                meta_str(w, "warc_date", v, vl);
            ct = header_get(h, hn, "Content-Type", &ctl);
        }
        int wanted = !strcmp(type, "response") || !strcmp(type, "resource") || !strcmp(type, "conversion");
        if (!wanted) {
            count_skip(w, type, strlen(type));
            uint64_t got = skip_bytes(w, clen);
            if (got < clen) {
                wdiag(w, off, "%s record truncated: %llu of %llu bytes", type, (unsigned long long)got,
                      (unsigned long long)clen);
                return 0;
            }
            continue;
        }
        meta_str(w, "warc_type", type, strlen(type));
        size_t have = load_block(w, clen);
        if (have == (size_t)-1) {
            /* larger than any document we keep: read past it, report its size */
            uint64_t got = skip_bytes(w, clen);
            count_skip(w, "too_large", 9);
            wn_buf_clear(out);
            rec->kind = WN_INPUT_HTML;
            rec->offset = off;
            rec->size = clen;
            rec->too_large = 1;
            rec->id = w->id;
            rec->meta_json = w->meta.len ? w->meta.data : NULL;
            if (got < clen)
                wdiag(w, off, "record truncated: %llu of %llu bytes", (unsigned long long)got,
                      (unsigned long long)clen);
            return 1;
        }
        if (have < clen)
            wdiag(w, off, "record truncated: Content-Length %llu but only %zu bytes remain; delivered as is",
                  (unsigned long long)clen, have);
        /* check_tail reads on past the block; pin the block in the window */
        w->keeping = 1;
        w->keep = here(w);
        size_t blen = check_tail(w, off, (size_t)clen, have);
        const unsigned char *blk = w->buf + (w->keep - w->base);
        w->keeping = 0;
        if (have < clen)
            meta_str(w, "warc_truncated", "length", 6);
        const unsigned char *body = blk;
        size_t bn = blen;
        int cls;
        char mime[64];
        mime_of(ct ? ct : "", ct ? ctl : 0, mime, sizeof mime);
        int is_http = strstr(mime, "application/http") != NULL ||
                      (w->is_arc && !strcmp(type, "response"));
        if (!strcmp(type, "response") && is_http)
            cls = http_payload(w, off, blk, blen, &body, &bn);
        else if (!strcmp(type, "conversion"))
            cls = PAY_TEXT;
        else
            cls = classify(w, mime, blk, blen);
        if (cls == PAY_SKIP)
            continue;
        return deliver(w, cls, body, bn, off, clen, out, rec);
    }
}
