/*
 * fuzz_run.c - the JSONL reader end to end: wn_run() over the input as a
 * file (gzip, zstd or raw JSONL), with utf8_repair,blank_run, small line and
 * document limits so the skip and too_large paths run too.
 *
 * The input is served from a memfd through /proc/self/fd/N, so no disk is
 * touched. Invariants checked:
 *  - wn_run returns OK or INPUT_ERRORS, INPUT_ERRORS exactly when some input
 *    error was counted, and every diagnostic names the file first;
 *  - the documents are exactly the lines an independent framing finds: the
 *    decompressed bytes cut at '\n', a trailing '\r' dropped, blank lines
 *    ignored, lines over the limit skipped, and of the rest those that parse
 *    as an object whose last "text" member is a string;
 *  - docs_in = docs_out + docs_dropped; every output and rejected line is a
 *    JSON object with a string "text" and an object "winnow";
 *  - -j1 and -j2 give the same bytes and the same counters.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/json.h"
#include "fuzz.h"
#include "io/src.h"
#include "winnow.h"

#define MAX_LINE 4096
#define MAX_DOC 2048

typedef struct result {
    wn_status st;
    char *out, *rej;
    size_t out_len, rej_len;
    uint64_t docs_in, docs_out, docs_dropped, input_errors;
    unsigned ndiag;
    const char *path;
} result;

static void on_diag(void *ud, const char *msg)
{
    result *r = ud;
    r->ndiag++;
    FUZZ_CHECK(!strncmp(msg, r->path, strlen(r->path)));
}

static wn_pipeline *pipeline(void)
{
    static wn_pipeline *p;
    if (!p) {
        char err[256];
        p = wn_pipeline_create("utf8_repair,blank_run", err, sizeof err);
        FUZZ_CHECK(p != NULL);
    }
    return p;
}

static int run_once(const char *path, int jobs, result *r)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    FILE *out = open_memstream(&r->out, &r->out_len);
    FILE *rej = open_memstream(&r->rej, &r->rej_len);
    wn_stats *st = wn_stats_create();
    if (!out || !rej || !st || !pipeline()) {
        if (out)
            fclose(out);
        if (rej)
            fclose(rej);
        wn_stats_free(st);
        return -1;
    }
    wn_run_opts o;
    wn_run_opts_init(&o);
    o.jobs = jobs;
    o.input_kind = WN_INPUT_JSONL;
    o.max_line_bytes = MAX_LINE;
    o.max_doc_bytes = MAX_DOC;
    o.out = out;
    o.rejected = rej;
    o.on_diag = on_diag;
    o.ud = r;
    const char *inputs[] = {path};
    r->st = wn_run(pipeline(), &o, inputs, 1, st);
    fclose(out);
    fclose(rej);
    r->docs_in = wn_stats_get(st, "docs_in");
    r->docs_out = wn_stats_get(st, "docs_out");
    r->docs_dropped = wn_stats_get(st, "docs_dropped");
    r->input_errors = wn_stats_get(st, "input_errors");
    wn_stats_free(st);
    return 0;
}

/* Count the lines of buf[0..n) that are JSON objects with the members a
 * written document must have; -1 if any line is not. */
static long count_output_lines(const char *buf, size_t n)
{
    wn_arena *a = wn_arena_create(0);
    if (!a)
        return -1;
    long lines = 0;
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(buf + pos, '\n', n - pos);
        if (!FUZZ_CHECK(nl != NULL)) /* every document line ends with '\n' */
            break;
        size_t len = (size_t)(nl - buf) - pos;
        wn_json_member *m;
        size_t cnt, eoff;
        const char *err;
        wn_arena_reset(a);
        if (FUZZ_CHECK(wn_json_parse_object(buf + pos, len, a, &m, &cnt, &err, &eoff) == 0)) {
            /* An input line with "text" twice gives twice the cleaned text
             * today (each member written in place); so: at least one, and
             * every one a string. */
            int text = 0, text_bad = 0, ev = 0;
            for (size_t i = 0; i < cnt; i++) {
                if (!strcmp(m[i].key, "text")) {
                    text++;
                    text_bad += m[i].type != 's';
                }
                if (!strcmp(m[i].key, "winnow"))
                    ev += m[i].type == 'o';
            }
            FUZZ_CHECK(text >= 1 && !text_bad && ev == 1);
        }
        lines++;
        pos += len + 1;
    }
    wn_arena_free(a);
    return lines;
}

/* The documents an independent framing of the decompressed input expects. */
static long expected_docs(const uint8_t *data, size_t size, int *damaged)
{
    wn_src *s = wn_src_open_mem(data, size, "fuzz");
    if (!s)
        return -1;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    ssize_t k = 0;
    while (buf) {
        if (len == cap) {
            char *nb = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        k = wn_src_read(s, buf + len, cap - len);
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    *damaged = k < 0;
    wn_src_close(s);
    if (!buf)
        return -1;
    wn_arena *a = wn_arena_create(0);
    long docs = 0;
    size_t pos = 0;
    while (a && pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - buf) - pos : len - pos;
        const char *line = buf + pos;
        pos += ll + 1;
        if (ll > MAX_LINE)
            continue;
        if (ll && line[ll - 1] == '\r')
            ll--;
        size_t i = 0;
        while (i < ll && isspace((unsigned char)line[i]))
            i++;
        if (i == ll)
            continue;
        wn_json_member *m;
        size_t cnt, eoff;
        const char *err;
        wn_arena_reset(a);
        if (wn_json_parse_object(line, ll, a, &m, &cnt, &err, &eoff))
            continue;
        char text_type = 0;
        for (size_t j = 0; j < cnt; j++)
            if (!strcmp(m[j].key, "text"))
                text_type = m[j].type;
        docs += text_type == 's';
    }
    wn_arena_free(a);
    free(buf);
    return docs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz_run", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return 0;
        }
        done += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

    result r1, r2;
    memset(&r1, 0, sizeof r1);
    memset(&r2, 0, sizeof r2);
    if (run_once(path, 1, &r1) == 0 && run_once(path, 2, &r2) == 0) {
        FUZZ_CHECK(r1.st == WN_OK || r1.st == WN_INPUT_ERRORS);
        FUZZ_CHECK((r1.st == WN_INPUT_ERRORS) == (r1.input_errors > 0));
        if (r1.input_errors)
            FUZZ_CHECK(r1.ndiag > 0);
        FUZZ_CHECK(r1.docs_in == r1.docs_out + r1.docs_dropped);
        FUZZ_CHECK(count_output_lines(r1.out, r1.out_len) == (long)r1.docs_out);
        FUZZ_CHECK(count_output_lines(r1.rej, r1.rej_len) == (long)r1.docs_dropped);
        int damaged = 0;
        long want = expected_docs(data, size, &damaged);
        if (want >= 0)
            FUZZ_CHECK(r1.docs_in == (uint64_t)want);
        if (damaged)
            FUZZ_CHECK(r1.input_errors > 0);

        FUZZ_CHECK(r1.st == r2.st);
        FUZZ_CHECK(r1.out_len == r2.out_len && !memcmp(r1.out, r2.out, r1.out_len));
        FUZZ_CHECK(r1.rej_len == r2.rej_len && !memcmp(r1.rej, r2.rej, r1.rej_len));
        FUZZ_CHECK(r1.docs_in == r2.docs_in && r1.docs_out == r2.docs_out &&
                   r1.docs_dropped == r2.docs_dropped && r1.input_errors == r2.input_errors &&
                   r1.ndiag == r2.ndiag);
    }
    free(r1.out);
    free(r1.rej);
    free(r2.out);
    free(r2.rej);
    close(fd);
    return 0;
}
