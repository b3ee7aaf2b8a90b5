/*
 * test_io.c - unit tests for lib/io: decompression by magic bytes (gzip
 * single and multi-member, zstd, truncated and corrupt streams), record
 * framing (JSONL lines, over-long lines, whole files, too-large files).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "harness.h"
#include "io/reader.h"
#include "io/src.h"

static size_t gz(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t len = z.total_out;
    deflateEnd(&z);
    return len;
}

/* read everything; returns bytes, sets *err when the source failed */
static size_t drain(wn_src *s, char *out, size_t cap, int *failed)
{
    size_t n = 0;
    *failed = 0;
    for (;;) {
        ssize_t k = wn_src_read(s, out + n, cap - n > 7 ? 7 : cap - n); /* odd small reads */
        if (k < 0) {
            *failed = 1;
            break;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    return n;
}

TEST(src_raw_and_gzip_multi)
{
    char out[4096];
    int failed;
    wn_src *s = wn_src_open_mem("plain text", 10, "m");
    CHECK_EQ_INT(drain(s, out, sizeof out, &failed), 10);
    CHECK(!failed && wn_src_get_format(s) == WN_SRC_RAW);
    wn_src_close(s);

    unsigned char z[1024];
    size_t a = gz("first member\n", 13, z, sizeof z);
    size_t b = gz("second\n", 7, z + a, sizeof z - a);
    s = wn_src_open_mem(z, a + b, "m.gz");
    size_t n = drain(s, out, sizeof out, &failed);
    CHECK(!failed);
    CHECK_EQ_INT(n, 20);
    CHECK(!memcmp(out, "first member\nsecond\n", 20));
    CHECK(wn_src_get_format(s) == WN_SRC_GZIP);
    wn_src_close(s);

    /* truncated: the first member still comes out, then an error with an offset */
    s = wn_src_open_mem(z, a + b - 5, "t.gz");
    n = drain(s, out, sizeof out, &failed);
    CHECK(failed);
    CHECK(n >= 13 && !memcmp(out, "first member\n", 13));
    CHECK(strstr(wn_src_error(s), "truncated") != NULL);
    CHECK(strstr(wn_src_error(s), "offset") != NULL);
    wn_src_close(s);

    /* corrupt deflate data inside the second member */
    unsigned char c[1024];
    memcpy(c, z, a + b);
    c[a + 12] ^= 0xFF;
    c[a + 13] ^= 0xFF;
    s = wn_src_open_mem(c, a + b, "c.gz");
    n = drain(s, out, sizeof out, &failed);
    CHECK(failed);
    CHECK(n >= 13 && !memcmp(out, "first member\n", 13));
    wn_src_close(s);

    /* trailing garbage after a member */
    memcpy(c, z, a);
    memcpy(c + a, "garbage", 7);
    s = wn_src_open_mem(c, a + 7, "g.gz");
    n = drain(s, out, sizeof out, &failed);
    CHECK(failed);
    CHECK_EQ_INT(n, 13);
    CHECK(strstr(wn_src_error(s), "trailing garbage") != NULL);
    wn_src_close(s);
}

TEST(src_zstd)
{
    const char *text = "zstd frame one\nzstd frame one\nzstd frame one\n";
    unsigned char z[1024];
    size_t a = ZSTD_compress(z, sizeof z, text, strlen(text), 3);
    size_t b = ZSTD_compress(z + a, sizeof z - a, "two\n", 4, 3);
    char out[1024];
    int failed;
    wn_src *s = wn_src_open_mem(z, a + b, "x.zst");
    size_t n = drain(s, out, sizeof out, &failed);
    CHECK(!failed);
    CHECK_EQ_INT(n, strlen(text) + 4);
    CHECK(wn_src_get_format(s) == WN_SRC_ZSTD);
    wn_src_close(s);
    s = wn_src_open_mem(z, a + b - 3, "x.zst");
    n = drain(s, out, sizeof out, &failed);
    CHECK(failed);
    CHECK(n >= strlen(text));
    wn_src_close(s);
}

static char g_diag[4096];
static int g_ndiag;
static void diag(void *ud, const char *msg)
{
    (void)ud;
    g_ndiag++;
    strncat(g_diag, msg, sizeof g_diag - strlen(g_diag) - 2);
    strcat(g_diag, "\n");
}

static char *write_tmp(const char *data, size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/wn_test_io_XXXXXX");
    int fd = mkstemp(path);
    if (write(fd, data, n) != (ssize_t)n)
        return NULL;
    close(fd);
    return path;
}

TEST(reader_jsonl_lines)
{
    /* line 3 is longer than the 64-byte limit: skipped with a message */
    char data[512];
    snprintf(data, sizeof data, "{\"text\":\"a\"}\r\n\n{\"text\":\"%070d\"}\n  \n{\"text\":\"b\"}", 0);
    char *p = write_tmp(data, strlen(data));
    char err[256];
    g_diag[0] = 0;
    g_ndiag = 0;
    wn_reader *r = wn_reader_open(p, WN_INPUT_AUTO, 0, 64, diag, NULL, err, sizeof err);
    CHECK(r != NULL);
    wn_buf b;
    wn_buf_init(&b, 0);
    wn_record rec;
    CHECK(wn_reader_next(r, &b, &rec) == 1);
    CHECK(rec.kind == WN_INPUT_JSONL);
    CHECK_EQ_STR(b.data, "{\"text\":\"a\"}"); /* CR stripped */
    CHECK_EQ_INT(rec.line, 1);
    CHECK(wn_reader_next(r, &b, &rec) == 1);
    CHECK_EQ_STR(b.data, "{\"text\":\"b\"}");
    CHECK_EQ_INT(rec.line, 5);
    CHECK(wn_reader_next(r, &b, &rec) == 0);
    CHECK_EQ_INT(g_ndiag, 1);
    CHECK(strstr(g_diag, ":3: line of 81 bytes is longer than the limit") != NULL);
    if (!strstr(g_diag, ":3: line of 81"))
        fprintf(stderr, "diag was: %s", g_diag);
    CHECK_EQ_INT(wn_reader_errors(r), 1);
    wn_reader_close(r);
    wn_buf_release(&b);
    unlink(p);
}

TEST(reader_whole_file_limits)
{
    char *p = write_tmp("some text\nmore\n", 15);
    char err[256];
    wn_reader *r = wn_reader_open(p, WN_INPUT_AUTO, 8, 0, diag, NULL, err, sizeof err);
    wn_buf b;
    wn_buf_init(&b, 0);
    wn_record rec;
    CHECK(wn_reader_next(r, &b, &rec) == 1);
    CHECK(rec.kind == WN_INPUT_TEXT);
    CHECK(rec.too_large);
    CHECK_EQ_INT(rec.size, 15);
    CHECK_EQ_INT(b.len, 0);
    CHECK(wn_reader_next(r, &b, &rec) == 0);
    wn_reader_close(r);
    r = wn_reader_open(p, WN_INPUT_LINES, 0, 0, diag, NULL, err, sizeof err);
    CHECK(wn_reader_next(r, &b, &rec) == 1);
    CHECK_EQ_STR(b.data, "some text");
    CHECK(rec.id && strstr(rec.id, ":1"));
    CHECK(wn_reader_next(r, &b, &rec) == 1);
    CHECK_EQ_STR(b.data, "more");
    CHECK(wn_reader_next(r, &b, &rec) == 0);
    wn_reader_close(r);
    wn_buf_release(&b);
    unlink(p);
    CHECK(wn_reader_open("/nonexistent/file", WN_INPUT_AUTO, 0, 0, diag, NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "/nonexistent/file") != NULL);
}

int main(void)
{
    RUN(src_raw_and_gzip_multi);
    RUN(src_zstd);
    RUN(reader_jsonl_lines);
    RUN(reader_whole_file_limits);
    return harness_done();
}
