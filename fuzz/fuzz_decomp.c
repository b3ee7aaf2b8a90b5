/*
 * fuzz_decomp.c - the decompressing byte source (lib/io/src.c).
 *
 * The input is a whole file: gzip, zstd, raw, or any mix of damage. It is
 * read twice, once with small reads of odd, changing sizes and once with one
 * big read at a time. Invariants checked:
 *  - both ways deliver the same bytes and end the same way (clean end, or
 *    damage with the same message);
 *  - a read never returns more than asked; the decompressed offset equals the
 *    bytes delivered; the compressed offset never goes back nor past the input;
 *  - once a read returned 0 or -1, later reads return the same, and -1 comes
 *    with a message while a clean end leaves none;
 *  - a raw (uncompressed) input comes out byte for byte.
 * Output beyond OUT_CAP is not read, so a decompression bomb only costs time
 * up to the cap; then only the common prefix is compared.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/src.h"

#define OUT_CAP (16u << 20)
#define BIG_READ (1u << 20)

typedef struct drained {
    unsigned char *data;
    size_t len, cap;
    int capped; /* stopped at OUT_CAP before the end */
    int failed; /* ended with -1 */
    char err[256];
    wn_src_format fmt;
} drained;

/* Small odd sizes first, then a few larger ones, so that reads end inside
 * gzip members, zstd blocks and the gaps between members. */
static const size_t small_sizes[] = {1, 7, 3, 61, 2, 509, 13, 4093, 1, 257};

/* Appends r bytes to out, growing it; 0 when out of memory. */
static int keep(drained *out, const unsigned char *p, size_t r)
{
    if (out->len + r > out->cap) {
        size_t cap = out->cap ? out->cap : 4096;
        while (cap < out->len + r)
            cap *= 2;
        unsigned char *d = realloc(out->data, cap);
        if (!d)
            return 0;
        out->data = d;
        out->cap = cap;
    }
    memcpy(out->data + out->len, p, r);
    out->len += r;
    return 1;
}

static void drain(const uint8_t *in, size_t in_len, int small, drained *out)
{
    memset(out, 0, sizeof *out);
    wn_src *s = wn_src_open_mem(in, in_len, "fuzz");
    if (!s)
        return;
    uint64_t last_in = 0;
    size_t k = 0;
    for (;;) {
        size_t want = small ? small_sizes[k++ % (sizeof small_sizes / sizeof *small_sizes)]
                            : BIG_READ;
        if (want > OUT_CAP - out->len)
            want = OUT_CAP - out->len;
        if (!want) {
            out->capped = 1;
            break;
        }
        /* a buffer of exactly the size asked, so a sanitizer sees an overrun */
        unsigned char *tmp = malloc(want);
        if (!tmp)
            break;
        ssize_t r = wn_src_read(s, tmp, want);
        uint64_t in_off = wn_src_in_offset(s);
        FUZZ_CHECK(in_off >= last_in);
        FUZZ_CHECK(in_off <= in_len);
        last_in = in_off;
        if (r > 0) {
            int ok = FUZZ_CHECK((size_t)r <= want) && keep(out, tmp, (size_t)r);
            free(tmp);
            if (!ok)
                break;
            FUZZ_CHECK(wn_src_out_offset(s) == out->len);
            continue;
        }
        free(tmp);
        FUZZ_CHECK(r == 0 || r == -1);
        FUZZ_CHECK(wn_src_out_offset(s) == out->len);
        out->failed = r < 0;
        const char *e = wn_src_error(s);
        if (out->failed)
            FUZZ_CHECK(e && e[0]);
        else
            FUZZ_CHECK(e && !e[0]);
        if (e)
            strncpy(out->err, e, sizeof out->err - 1);
        /* the end is sticky */
        unsigned char scratch[16];
        FUZZ_CHECK(wn_src_read(s, scratch, sizeof scratch) == r);
        FUZZ_CHECK(wn_src_out_offset(s) == out->len);
        break;
    }
    out->fmt = wn_src_get_format(s);
    wn_src_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    drained a, b;
    drain(data, size, 1, &a);
    drain(data, size, 0, &b);
    {
        size_t common = a.len < b.len ? a.len : b.len;
        FUZZ_CHECK(!common || !memcmp(a.data, b.data, common));
        if (!a.capped && !b.capped) {
            FUZZ_CHECK(a.len == b.len);
            FUZZ_CHECK(a.failed == b.failed);
            FUZZ_CHECK(!strcmp(a.err, b.err));
            FUZZ_CHECK(a.fmt == b.fmt);
            if (a.fmt == WN_SRC_RAW && !a.failed)
                FUZZ_CHECK(a.len == size && (!size || !memcmp(a.data, data, size)));
        }
    }
    free(a.data);
    free(b.data);
    return 0;
}
