/*
 * replay.c - a plain main() for every fuzz target, so the seed corpus and
 * every crash ever found run in `make test` under gcc (and under ASan+UBSan
 * with SAN=1), without clang or libFuzzer.
 *
 *   build/fuzz/fuzz_jsonl_replay fuzz/corpus/jsonl/ [FILE...]
 *
 * Each argument is a file or a directory (its regular files, not recursing,
 * skipping names that start with '.'). All inputs are sorted by path so runs
 * are deterministic. Each file is read into a buffer of exactly its size, so a
 * sanitizer sees any read past the end. The last line is "N passed, N failed";
 * the exit status is 1 when any input failed a check, 2 on a usage or I/O error.
 */
#ifndef WN_FUZZ_REPLAY
#define WN_FUZZ_REPLAY /* fuzz.h then declares wn_fuzz_fail, defined here */
#endif
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static const char *current;    /* the input being replayed */
static int current_failures;   /* checks it failed */

void wn_fuzz_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "%s: %s:%d: check failed: %s\n", current, file, line, expr);
    current_failures++;
}

typedef struct {
    char **v;
    size_t n, cap;
} pathlist;

static void add_path(pathlist *l, const char *dir, const char *name)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            fprintf(stderr, "replay: out of memory\n");
            exit(2);
        }
    }
    size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
    char *p = malloc(len);
    if (!p) {
        fprintf(stderr, "replay: out of memory\n");
        exit(2);
    }
    if (dir)
        snprintf(p, len, "%s/%s", dir, name);
    else
        snprintf(p, len, "%s", name);
    l->v[l->n++] = p;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads path into a malloc'd buffer of exactly its size (1 byte for an empty
 * file, so the pointer is never NULL). -1 on error. */
static int read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        if (n == cap) {
            uint8_t *nb = realloc(buf, 2 * cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    /* shrink to the exact size so out-of-bounds reads are caught */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    *data = exact;
    *size = n;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    pathlist l = {0};
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st)) {
            fprintf(stderr, "replay: %s: cannot stat\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            add_path(&l, NULL, argv[i]);
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            fprintf(stderr, "replay: %s: cannot open directory\n", argv[i]);
            return 2;
        }
        size_t dl = strlen(argv[i]);
        while (dl > 1 && argv[i][dl - 1] == '/')
            argv[i][--dl] = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char full[4096];
            snprintf(full, sizeof full, "%s/%s", argv[i], e->d_name);
            if (!stat(full, &st) && S_ISREG(st.st_mode))
                add_path(&l, argv[i], e->d_name);
        }
        closedir(d);
    }
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, cmp_path);

    unsigned passed = 0, failed = 0;
    for (size_t i = 0; i < l.n; i++) {
        uint8_t *data;
        size_t size;
        if (read_file(l.v[i], &data, &size)) {
            fprintf(stderr, "replay: %s: cannot read\n", l.v[i]);
            free(l.v[i]);
            failed++;
            continue;
        }
        current = l.v[i];
        current_failures = 0;
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        if (current_failures)
            failed++;
        else
            passed++;
        free(l.v[i]);
    }
    free(l.v);
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
