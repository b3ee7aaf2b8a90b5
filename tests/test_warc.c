/*
 * test_warc.c - the WARC/ARC record reader: framing, HTTP parsing, body
 * decoding, skipped-record counts, and damage (wrong lengths, truncation,
 * garbage between records) reported with offsets and survived. The last test
 * reads every file of the shared WARC corpus when it is present.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "io/reader.h"
#include "io/warc.h"

typedef struct diags {
    int n;
    char last[600];
    int with_offset;
} diags;

static void on_diag(void *ud, const char *msg)
{
    diags *d = ud;
    d->n++;
    d->with_offset += strstr(msg, "offset ") != NULL;
    snprintf(d->last, sizeof d->last, "%s", msg);
}

static const char *write_tmp(const char *name, const void *data, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/wn_test_warc_%d_%s", (int)getpid(), name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(data, 1, n, f);
    fclose(f);
    return path;
}

/* A WARC record with the given type, extra headers and block. */
static void add_record(wn_buf *b, const char *type, const char *extra, const char *block, size_t blen,
                       long declared)
{
    static int k;
    wn_buf_printf(b,
                  "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:0000-%04d>\r\n"
                  "WARC-Date: 2024-01-02T03:04:05Z\r\n%sContent-Length: %ld\r\n\r\n",
                  type, ++k, extra, declared >= 0 ? declared : (long)blen);
    wn_buf_append(b, block, blen);
    wn_buf_puts(b, "\r\n\r\n");
}

static size_t gzip_bytes(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t r = z.total_out;
    deflateEnd(&z);
    return r;
}

TEST(dechunk)
{
    wn_buf o;
    wn_buf_init(&o, 0);
    const char *ok = "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n";
    CHECK_EQ_INT(wn_http_dechunk((const unsigned char *)ok, strlen(ok), &o), 0);
    CHECK(o.len == 11 && !memcmp(o.data, "hello world", 11));
    wn_buf_clear(&o);
    const char *bad = "50\r\nhello\r\n0\r\n\r\n"; /* size larger than the data */
    CHECK_EQ_INT(wn_http_dechunk((const unsigned char *)bad, strlen(bad), &o), -1);
    wn_buf_clear(&o);
    const char *notchunked = "<html>hello</html>";
    CHECK_EQ_INT(wn_http_dechunk((const unsigned char *)notchunked, strlen(notchunked), &o), -1);
    wn_buf_release(&o);
}

TEST(inflate)
{
    const char *text = "<html><body><p>compressed body</p></body></html>";
    unsigned char gz[256];
    size_t gn = gzip_bytes(text, strlen(text), gz, sizeof gz);
    wn_buf o;
    wn_buf_init(&o, 0);
    CHECK_EQ_INT(wn_http_inflate(gz, gn, &o), 0);
    CHECK(o.len == strlen(text) && !memcmp(o.data, text, o.len));
    wn_buf_clear(&o);
    CHECK_EQ_INT(wn_http_inflate((const unsigned char *)text, strlen(text), &o), -1);
    CHECK_EQ_INT(wn_http_unbrotli((const unsigned char *)"\xff\xff\xff\xff", 4, &o), -1);
    wn_buf_release(&o);
}

TEST(records_and_skips)
{
    wn_buf w;
    wn_buf_init(&w, 0);
    add_record(&w, "warcinfo", "Content-Type: application/warc-fields\r\n", "software: test\r\n", 16, -1);
    add_record(&w, "request", "WARC-Target-URI: http://a.example/\r\n", "GET / HTTP/1.1\r\n\r\n", 18, -1);
    /* chunked + gzip HTML response */
    const char *html = "<html><head><title>T</title></head><body><p>Hello chunked gzip</p></body></html>";
    unsigned char gz[512];
    size_t gn = gzip_bytes(html, strlen(html), gz, sizeof gz);
    wn_buf http;
    wn_buf_init(&http, 0);
    wn_buf_puts(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
    wn_buf_printf(&http, "%zx\r\n", gn);
    wn_buf_append(&http, gz, gn);
    wn_buf_puts(&http, "\r\n0\r\n\r\n");
    add_record(&w, "response",
               "WARC-Target-URI: http://a.example/page\r\nContent-Type: application/http; msgtype=response\r\n",
               http.data, http.len, -1);
    /* an image and a redirect: skipped and counted */
    const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n";
    add_record(&w, "response", "Content-Type: application/http; msgtype=response\r\n", img, strlen(img), -1);
    const char *redir = "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
    add_record(&w, "response", "Content-Type: application/http; msgtype=response\r\n", redir, strlen(redir), -1);
    /* a WET conversion record: text */
    add_record(&w, "conversion", "Content-Type: text/plain\r\n", "plain words", 11, -1);
    const char *path = write_tmp("a.warc", w.data, w.len);
    diags dg = {0};
    char err[256];
    wn_reader *r = wn_reader_open(path, WN_INPUT_AUTO, 0, 0, on_diag, &dg, err, sizeof err);
    CHECK(r != NULL);
    wn_buf out;
    wn_buf_init(&out, 0);
    wn_record rec;
    CHECK_EQ_INT(wn_reader_next(r, &out, &rec), 1);
    CHECK_EQ_INT(rec.kind, WN_INPUT_HTML);
    CHECK(out.len == strlen(html) && !memcmp(out.data, html, out.len));
    CHECK(rec.id && strstr(rec.id, "urn:uuid:") == rec.id);
    CHECK(rec.meta_json && strstr(rec.meta_json, "\"url\":\"http://a.example/page\""));
    CHECK(rec.meta_json && strstr(rec.meta_json, "\"warc_date\":\"2024-01-02T03:04:05Z\""));
    CHECK(rec.meta_json && strstr(rec.meta_json, "\"http_content_type\":\"text/html; charset=utf-8\""));
    CHECK_EQ_INT(wn_reader_next(r, &out, &rec), 1);
    CHECK_EQ_INT(rec.kind, WN_INPUT_TEXT);
    CHECK(out.len == 11 && !memcmp(out.data, "plain words", 11));
    CHECK_EQ_INT(wn_reader_next(r, &out, &rec), 0);
    const char *sk = wn_reader_skipped_json(r);
    CHECK(strstr(sk, "\"warcinfo\":1") && strstr(sk, "\"request\":1") && strstr(sk, "\"image/png\":1") &&
          strstr(sk, "\"http_3xx\":1"));
    CHECK_EQ_INT(dg.n, 0);
    wn_reader_close(r);
    remove(path);
    wn_buf_release(&out);
    wn_buf_release(&http);
    wn_buf_release(&w);
}

TEST(damage_is_reported_and_survived)
{
    wn_buf w;
    wn_buf_init(&w, 0);
    const char *h1 = "<html><body><p>first</p></body></html>";
    /* Content-Length too long: swallows the next record's header */
    add_record(&w, "resource", "Content-Type: text/html\r\n", h1, strlen(h1), (long)strlen(h1) + 200);
    const char *h2 = "<html><body><p>second</p></body></html>";
    add_record(&w, "resource", "Content-Type: text/html\r\n", h2, strlen(h2), -1);
    wn_buf_puts(&w, "garbage between records\r\n\r\n");
    const char *h3 = "<html><body><p>third</p></body></html>";
    add_record(&w, "resource", "Content-Type: text/html\r\n", h3, strlen(h3), -1);
    /* truncated last record */
    wn_buf_puts(&w, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 999\r\n\r\n<html>cut");
    const char *path = write_tmp("bad.warc", w.data, w.len);
    diags dg = {0};
    char err[256];
    wn_reader *r = wn_reader_open(path, WN_INPUT_AUTO, 0, 0, on_diag, &dg, err, sizeof err);
    CHECK(r != NULL);
    wn_buf out;
    wn_buf_init(&out, 0);
    wn_record rec;
    int n = 0, saw[4] = {0};
    while (wn_reader_next(r, &out, &rec)) {
        n++;
        if (out.data && strstr(out.data, "first"))
            saw[0] = 1;
        if (out.data && strstr(out.data, "second"))
            saw[1] = 1;
        if (out.data && strstr(out.data, "third"))
            saw[2] = 1;
        if (out.data && strstr(out.data, "cut"))
            saw[3] = 1;
    }
    CHECK_EQ_INT(n, 4);
    CHECK(saw[0] && saw[1] && saw[2] && saw[3]);
    CHECK(dg.n >= 3);
    CHECK_EQ_INT(dg.with_offset, dg.n);
    CHECK(wn_reader_errors(r) >= 3);
    wn_reader_close(r);
    remove(path);
    wn_buf_release(&out);
    wn_buf_release(&w);
}

TEST(arc_file)
{
    const char *info = "1 0 Test\nURL IP-address Archive-date\n";
    const char *http = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>arc</html>";
    char arc[1024];
    /* a space in the URL: fields are read from the right */
    snprintf(arc, sizeof arc,
             "filedesc://t.arc 0.0.0.0 20140216050221 text/plain %zu\n%s\n"
             "http://example.com/a b 93.184.216.119 20140216050221 text/html %zu\n%s\n",
             strlen(info), info, strlen(http), http);
    const char *path = write_tmp("t.arc", arc, strlen(arc));
    diags dg = {0};
    char err[256];
    wn_reader *r = wn_reader_open(path, WN_INPUT_AUTO, 0, 0, on_diag, &dg, err, sizeof err);
    CHECK(r != NULL);
    wn_buf out;
    wn_buf_init(&out, 0);
    wn_record rec;
    CHECK_EQ_INT(wn_reader_next(r, &out, &rec), 1);
    CHECK(out.data && strstr(out.data, "<html>arc</html>"));
    CHECK(rec.meta_json && strstr(rec.meta_json, "\"url\":\"http://example.com/a b\""));
    CHECK(rec.meta_json && strstr(rec.meta_json, "\"warc_date\":\"2014-02-16T05:02:21Z\""));
    CHECK_EQ_INT(wn_reader_next(r, &out, &rec), 0);
    wn_reader_close(r);
    remove(path);
    wn_buf_release(&out);
}

/* Every file of the shared corpus: no crash, every message has an offset. */
TEST(shared_corpus)
{
    const char *root = "/work/shared/corpus/warc";
    DIR *top = opendir(root);
    if (!top)
        SKIP("no shared WARC corpus here");
    struct dirent *de;
    int files = 0;
    while ((de = readdir(top))) {
        if (de->d_name[0] == '.')
            continue;
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", root, de->d_name);
        DIR *sub = opendir(dir);
        if (!sub)
            continue;
        struct dirent *fe;
        while ((fe = readdir(sub))) {
            if (fe->d_name[0] == '.' || strstr(fe->d_name, ".md"))
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, fe->d_name);
            diags dg = {0};
            char err[256];
            wn_reader *r = wn_reader_open(path, WN_INPUT_AUTO, 0, 0, on_diag, &dg, err, sizeof err);
            if (!r)
                continue;
            wn_buf out;
            wn_buf_init(&out, 0);
            wn_record rec;
            int n = 0;
            while (wn_reader_next(r, &out, &rec) && n < 100000)
                n++;
            CHECK_EQ_INT(dg.with_offset, dg.n);
            wn_reader_close(r);
            wn_buf_release(&out);
            files++;
        }
        closedir(sub);
    }
    closedir(top);
    CHECK(files > 10);
}

int main(void)
{
    RUN(dechunk);
    RUN(inflate);
    RUN(records_and_skips);
    RUN(damage_is_reported_and_survived);
    RUN(arc_file);
    RUN(shared_corpus);
    return harness_done();
}
