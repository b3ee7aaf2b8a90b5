/*
 * src.c - decompressing byte source.
 *
 * The format is chosen by the first bytes, not the file name, because crawl
 * files are routinely misnamed. A gzip file may hold many members (WARC files
 * compress each record as its own member); after a member ends we look at the
 * next bytes again, so gzip members followed by a zstd frame would also work.
 */
#include "src.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define IN_CHUNK (256u * 1024u)

struct wn_src {
    int fd;
    int own_fd;
    const unsigned char *mem; /* memory source */
    size_t mem_len, mem_pos;
    char *name;
    unsigned char *in;
    size_t in_len, in_pos; /* buffered compressed bytes */
    int in_eof;
    uint64_t in_base; /* file offset of in[0] */
    uint64_t out_total;
    wn_src_format fmt;
    int fmt_known;
    int member_done; /* between gzip members / zstd frames */
    z_stream zs;
    int zs_init;
    ZSTD_DStream *zd;
    unsigned char *zbuf; /* zstd output not yet delivered: zbuf[zbuf_pos..zbuf_len) */
    size_t zbuf_cap, zbuf_len, zbuf_pos;
    int failed, done;
    char err[256];
    void *map; /* wn_src_map's view of the whole file */
    size_t map_len;
};

static int fill(wn_src *s)
{
    if (s->in_eof)
        return 0;
    if (s->in_pos > 0 && s->in_pos < s->in_len)
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
    s->in_base += s->in_pos;
    s->in_len -= s->in_pos;
    s->in_pos = 0;
    size_t room = IN_CHUNK - s->in_len;
    if (!room)
        return 1;
    ssize_t r;
    if (s->mem) {
        size_t k = s->mem_len - s->mem_pos;
        if (k > room)
            k = room;
        memcpy(s->in + s->in_len, s->mem + s->mem_pos, k);
        s->mem_pos += k;
        r = (ssize_t)k;
    } else {
        do
            r = read(s->fd, s->in + s->in_len, room);
        while (r < 0 && errno == EINTR);
    }
    if (r < 0) {
        snprintf(s->err, sizeof s->err, "%s: read error at byte %llu: %s", s->name,
                 (unsigned long long)(s->in_base + s->in_len), strerror(errno));
        s->failed = 1;
        return -1;
    }
    if (r == 0) {
        s->in_eof = 1;
        return 0;
    }
    s->in_len += (size_t)r;
    return 1;
}

static wn_src *src_new(const char *name)
{
    wn_src *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->in = malloc(IN_CHUNK);
    s->name = strdup(name);
    if (!s->in || !s->name) {
        free(s->in);
        free(s->name);
        free(s);
        return NULL;
    }
    s->fd = -1;
    s->member_done = 1;
    return s;
}

wn_src *wn_src_open(const char *path, char *err, size_t errlen)
{
    int fd = 0, own = 0;
    const char *name = "<stdin>";
    if (path && strcmp(path, "-")) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return NULL;
        }
        own = 1;
        name = path;
    }
    wn_src *s = src_new(name);
    if (!s) {
        if (own)
            close(fd);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->fd = fd;
    s->own_fd = own;
    return s;
}

wn_src *wn_src_open_mem(const void *data, size_t len, const char *name)
{
    wn_src *s = src_new(name ? name : "<memory>");
    if (!s)
        return NULL;
    s->mem = data;
    s->mem_len = len;
    return s;
}

void wn_src_close(wn_src *s)
{
    if (!s)
        return;
    if (s->map)
        munmap(s->map, s->map_len);
    if (s->own_fd)
        close(s->fd);
    if (s->zs_init)
        inflateEnd(&s->zs);
    ZSTD_freeDStream(s->zd);
    free(s->zbuf);
    free(s->in);
    free(s->name);
    free(s);
}

/* Decide the format of the next member from its first bytes. 0 = at end. */
static int sniff(wn_src *s)
{
    while (s->in_len - s->in_pos < 4 && !s->in_eof)
        if (fill(s) < 0)
            return -1;
    size_t avail = s->in_len - s->in_pos;
    if (!avail)
        return 0;
    const unsigned char *p = s->in + s->in_pos;
    wn_src_format f = WN_SRC_RAW;
    if (avail >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        f = WN_SRC_GZIP;
    else if (avail >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
        f = WN_SRC_ZSTD;
    if (s->fmt_known && s->fmt != WN_SRC_RAW && f == WN_SRC_RAW) {
        snprintf(s->err, sizeof s->err,
                 "%s: offset %llu: %zu bytes of trailing garbage after the last %s member",
                 s->name, (unsigned long long)(s->in_base + s->in_pos), avail,
                 s->fmt == WN_SRC_GZIP ? "gzip" : "zstd");
        s->failed = 1;
        return -1;
    }
    if (!s->fmt_known || f != WN_SRC_RAW) {
        s->fmt = f;
        s->fmt_known = 1;
    }
    s->member_done = 0;
    if (f == WN_SRC_GZIP) {
        int rc = s->zs_init ? inflateReset(&s->zs) : inflateInit2(&s->zs, 16 + MAX_WBITS);
        if (rc != Z_OK) {
            snprintf(s->err, sizeof s->err, "%s: zlib init failed", s->name);
            s->failed = 1;
            return -1;
        }
        s->zs_init = 1;
    } else if (f == WN_SRC_ZSTD) {
        if (!s->zbuf) {
            s->zbuf_cap = ZSTD_DStreamOutSize();
            s->zbuf = malloc(s->zbuf_cap);
        }
        if (!s->zbuf || (!s->zd && !(s->zd = ZSTD_createDStream()))) {
            snprintf(s->err, sizeof s->err, "%s: out of memory", s->name);
            s->failed = 1;
            return -1;
        }
        ZSTD_initDStream(s->zd);
    }
    return 1;
}

/* Decode from the buffered input into buf. Sets *got (bytes written) and
 * *used (compressed bytes consumed); -1 on damage (s->err says where). */
static int decode_gzip(wn_src *s, void *buf, size_t n, size_t *got, size_t *used)
{
    size_t avail = s->in_len - s->in_pos;
    s->zs.next_in = s->in + s->in_pos;
    s->zs.avail_in = (uInt)avail;
    s->zs.next_out = buf;
    s->zs.avail_out = (uInt)(n > (1u << 30) ? (1u << 30) : n);
    uInt out_before = s->zs.avail_out;
    int rc = inflate(&s->zs, Z_NO_FLUSH);
    *used = avail - s->zs.avail_in;
    *got = out_before - s->zs.avail_out;
    s->in_pos += *used;
    if (rc == Z_STREAM_END)
        s->member_done = 1;
    else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        snprintf(s->err, sizeof s->err, "%s: offset %llu: corrupt gzip stream: %s", s->name,
                 (unsigned long long)(s->in_base + s->in_pos),
                 s->zs.msg ? s->zs.msg : "inflate failed");
        return -1;
    }
    return 0;
}

/* zstd decodes into the source's own buffer, never the caller's: with a
 * caller's buffer, how much of a damaged frame came out before the error would
 * depend on the caller's read sizes (zstd decodes a whole frame in one pass
 * when the output has room for it, and reports damage without delivering any
 * of it). With a fixed buffer the result depends on the input alone. */
static int decode_zstd(wn_src *s, size_t *got, size_t *used)
{
    ZSTD_inBuffer zin = {s->in + s->in_pos, s->in_len - s->in_pos, 0};
    ZSTD_outBuffer zout = {s->zbuf, s->zbuf_cap, 0};
    size_t rc = ZSTD_decompressStream(s->zd, &zout, &zin);
    *used = zin.pos;
    *got = zout.pos;
    s->in_pos += zin.pos;
    if (ZSTD_isError(rc)) {
        snprintf(s->err, sizeof s->err, "%s: offset %llu: corrupt zstd stream: %s", s->name,
                 (unsigned long long)(s->in_base + s->in_pos), ZSTD_getErrorName(rc));
        return -1;
    }
    if (rc == 0)
        s->member_done = 1;
    return 0;
}

/* Uncompressed input, nothing buffered: read() straight into the caller's
 * buffer rather than into ours and then copying. The offsets move as if
 * fill() had read the bytes and the caller had taken them all, so errors and
 * wn_src_in_offset() say the same as before. */
static ssize_t read_direct(wn_src *s, void *buf, size_t n)
{
    s->in_base += s->in_len;
    s->in_len = s->in_pos = 0;
    ssize_t r;
    do
        r = read(s->fd, buf, n);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        snprintf(s->err, sizeof s->err, "%s: read error at byte %llu: %s", s->name,
                 (unsigned long long)s->in_base, strerror(errno));
        s->failed = 1;
        return -1;
    }
    if (r == 0) {
        s->in_eof = 1;
        s->done = 1;
        return 0;
    }
    s->in_base += (uint64_t)r;
    s->out_total += (uint64_t)r;
    return r;
}

ssize_t wn_src_read(wn_src *s, void *buf, size_t n)
{
    if (!n)
        return 0;
    /* decoded zstd bytes waiting for the caller come first, even after damage */
    if (s->zbuf_pos < s->zbuf_len) {
        size_t k = s->zbuf_len - s->zbuf_pos < n ? s->zbuf_len - s->zbuf_pos : n;
        memcpy(buf, s->zbuf + s->zbuf_pos, k);
        s->zbuf_pos += k;
        s->out_total += k;
        return (ssize_t)k;
    }
    if (s->failed || s->done)
        return s->failed ? -1 : 0;
    for (;;) {
        if (s->member_done) {
            int r = sniff(s);
            if (r < 0)
                return -1;
            if (r == 0) {
                s->done = 1;
                return 0;
            }
        }
        if (s->fmt == WN_SRC_RAW && s->in_pos == s->in_len && !s->mem && !s->in_eof)
            return read_direct(s, buf, n);
        if (s->in_pos == s->in_len && fill(s) < 0)
            return -1;
        size_t avail = s->in_len - s->in_pos;
        if (s->fmt == WN_SRC_RAW) {
            if (!avail) {
                s->done = 1;
                return 0;
            }
            size_t k = avail < n ? avail : n;
            memcpy(buf, s->in + s->in_pos, k);
            s->in_pos += k;
            s->out_total += k;
            return (ssize_t)k;
        }
        /* A decoder may hold output back (a long match, a zstd block) after it
         * consumed all its input, so it is called even when no input is left;
         * the stream is truncated only when it then makes no progress. */
        size_t got, used;
        int bad;
        if (s->fmt == WN_SRC_GZIP) {
            bad = decode_gzip(s, buf, n, &got, &used);
            s->out_total += got;
        } else {
            bad = decode_zstd(s, &got, &used);
            s->zbuf_len = got;
            s->zbuf_pos = 0;
            if (got)
                got = (size_t)wn_src_read(s, buf, n); /* from zbuf; counts out_total */
        }
        if (bad) {
            s->failed = 1;
            return got ? (ssize_t)got : -1;
        }
        if (got)
            return (ssize_t)got;
        if (s->member_done || used)
            continue;
        /* No progress: read more input. At the end of the input, or when the
         * decoder will not take a full buffer, the stream is cut short. */
        int r = s->in_eof ? 0 : fill(s);
        if (r < 0)
            return -1;
        if (r == 0 || (s->in_pos == 0 && s->in_len == IN_CHUNK)) {
            snprintf(s->err, sizeof s->err,
                     "%s: offset %llu: %s stream is truncated (%llu bytes decoded before the end)",
                     s->name, (unsigned long long)(s->in_base + s->in_len),
                     s->fmt == WN_SRC_GZIP ? "gzip" : "zstd", (unsigned long long)s->out_total);
            s->failed = 1;
            return -1;
        }
    }
}

const unsigned char *wn_src_map(wn_src *s, size_t *len)
{
    if (s->map) {
        *len = s->map_len;
        return s->map;
    }
    /* a named file (stdin may start anywhere in its file), not yet failed,
     * whose bytes are the stream's */
    if (!s->own_fd || s->mem || s->failed)
        return NULL;
    if (!s->fmt_known && sniff(s) <= 0)
        return NULL;
    struct stat st;
    if (s->fmt != WN_SRC_RAW || fstat(s->fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uint64_t)st.st_size > SIZE_MAX)
        return NULL;
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, s->fd, 0);
    if (m == MAP_FAILED)
        return NULL;
    madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL); /* read ahead, drop behind */
    s->map = m;
    s->map_len = (size_t)st.st_size;
    *len = s->map_len;
    return m;
}

const char *wn_src_error(const wn_src *s) { return s->err; }
const char *wn_src_name(const wn_src *s) { return s->name; }
wn_src_format wn_src_get_format(const wn_src *s) { return s->fmt; }
uint64_t wn_src_in_offset(const wn_src *s) { return s->in_base + s->in_pos; }
uint64_t wn_src_out_offset(const wn_src *s) { return s->out_total; }
