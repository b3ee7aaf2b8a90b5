/*
 * explain.c - `winnow explain FILE`: one document, with every span the
 * pipeline removed or replaced marked in place and its reason beside it, then
 * a summary (language, metadata, flags, and each span with its rule and
 * detail). Someone who disagrees with a removal must see at once why it
 * happened, so the marks sit in the original text, not in the output.
 *
 * On a terminal removed text is shown struck through in red with its reason
 * in brackets, replacements in green; when piped the marks are plain text:
 * [-reason: removed text-] and [-reason: old-]{+new+}.
 *
 * Spans are recorded against the text each stage received; to place them in
 * the original we replay the stages, carrying for every byte of the current
 * text the offset it had in the original (-1 for inserted bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "winnow.h"

#define DEFAULT_STAGES "extract,utf8_repair,blank_run,clean,filter"

typedef struct mark {
    size_t a, b; /* bytes of the original text */
    wn_span_info s;
    size_t idx;  /* span number in the summary */
} mark;

static void usage(FILE *f)
{
    fprintf(f, "Usage: winnow explain [OPTIONS] FILE\n\n"
               "Show every document of FILE ('-': stdin; text, JSONL, HTML or WARC, gzip/zstd\n"
               "too) with each removed or replaced span marked where it was, with its reason,\n"
               "then a summary of the evidence: language, flags, the decision and the rule\n"
               "that dropped it, and every span with its rule and measured values.\n\n"
               "Options:\n"
               "      --stages LIST            stages to run (default: " DEFAULT_STAGES ")\n"
               "      --set STAGE.PARAM=VALUE  set a stage parameter (repeatable)\n"
               "      --color / --no-color     force or forbid colour (default: when stdout is a terminal)\n"
               "  -h, --help                   show this help and exit\n\n"
               "Exit status: 0 ok, 1 some input could not be read, 2 usage error, 3 fatal error.\n");
}

/* The raw JSON value of top-level member key in the document's JSON line.
 * Inside JSON strings every quote is escaped, so "key": cannot match there. */
static int json_member(const char *j, const char *key, const char **v, size_t *vn)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(j, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    const char *e = p;
    if (*e == '"') {
        for (e++; *e && *e != '"'; e++)
            if (*e == '\\' && e[1])
                e++;
        e += *e == '"';
    } else if (*e == '[' || *e == '{') {
        int depth = 0, in_str = 0;
        for (; *e; e++) {
            if (in_str) {
                if (*e == '\\' && e[1])
                    e++;
                else if (*e == '"')
                    in_str = 0;
            } else if (*e == '"')
                in_str = 1;
            else if (*e == '[' || *e == '{')
                depth++;
            else if ((*e == ']' || *e == '}') && --depth == 0) {
                e++;
                break;
            }
        }
    } else {
        while (*e && *e != ',' && *e != '}')
            e++;
    }
    *v = p;
    *vn = (size_t)(e - p);
    return 1;
}

static int cmp_mark(const void *x, const void *y)
{
    const mark *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->idx < b->idx ? -1 : 1;
}

/* Place every span in the original text. Returns the marks (caller frees). */
static mark *place(const wn_doc *d, size_t n_orig, size_t *nmarks)
{
    size_t ns = wn_doc_span_count(d);
    mark *m = calloc(ns ? ns : 1, sizeof *m);
    long *origin = malloc((n_orig + 1) * sizeof *origin);
    if (!m || !origin) {
        free(m);
        free(origin);
        return NULL;
    }
    size_t cur_len = n_orig, nm = 0;
    for (size_t i = 0; i < n_orig; i++)
        origin[i] = (long)i;
    size_t i = 0;
    while (i < ns) {
        wn_span_info s;
        wn_doc_span(d, i, &s);
        size_t stage = s.stage_index, j = i;
        /* the spans of one stage are consecutive and sorted by start */
        size_t grow = 0;
        for (; j < ns; j++) {
            wn_span_info t;
            wn_doc_span(d, j, &t);
            if (t.stage_index != stage)
                break;
            grow += t.replacement_len;
        }
        long *next = malloc((cur_len + grow + 1) * sizeof *next);
        if (!next)
            break;
        size_t o = 0, pos = 0;
        for (size_t k = i; k < j; k++) {
            wn_span_info t;
            wn_doc_span(d, k, &t);
            if (t.start < pos || t.end > cur_len)
                continue; /* not expected: evidence is sorted and in bounds */
            while (pos < t.start)
                next[o++] = origin[pos++];
            long a = -1, b = -1;
            for (size_t q = t.start; q < t.end; q++)
                if (origin[q] >= 0) {
                    if (a < 0)
                        a = origin[q];
                    b = origin[q] + 1;
                }
            if (a >= 0) {
                m[nm].a = (size_t)a;
                m[nm].b = (size_t)b;
            } else { /* only inserted bytes: show it where it was inserted */
                long at = t.start < cur_len && origin[t.start] >= 0 ? origin[t.start] : 0;
                m[nm].a = m[nm].b = (size_t)at;
            }
            m[nm].s = t;
            m[nm].idx = k + 1;
            nm++;
            for (size_t q = 0; q < t.replacement_len; q++)
                next[o++] = -1;
            pos = t.end;
        }
        while (pos < cur_len)
            next[o++] = origin[pos++];
        free(origin);
        origin = next;
        cur_len = o;
        i = j;
    }
    free(origin);
    qsort(m, nm, sizeof *m, cmp_mark);
    *nmarks = nm;
    return m;
}

static int only_newlines(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\n' && s[i] != '\r' && s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static void put_mark(FILE *f, const char *text, const mark *m, int color)
{
    const char *reason = wn_reason_str(m->s.reason);
    const char *t = text + m->a;
    size_t n = m->b - m->a;
    int trailing_nl = n && t[n - 1] == '\n';
    size_t shown = n - (size_t)trailing_nl;
    if (color)
        fprintf(f, "\033[2m[%s]\033[0m\033[9;31m", reason);
    else
        fprintf(f, "[-%s: ", reason);
    if (only_newlines(t, n) && n) {
        size_t lines = 0;
        for (size_t i = 0; i < n; i++)
            lines += t[i] == '\n';
        fprintf(f, "%zu blank line%s", lines, lines == 1 ? "" : "s");
    } else {
        fwrite(t, 1, shown, f);
    }
    if (color) {
        fputs("\033[0m", f);
        if (m->s.replacement_len) {
            fputs("\033[32m", f);
            fwrite(m->s.replacement, 1, m->s.replacement_len, f);
            fputs("\033[0m", f);
        }
    } else {
        fputs("-]", f);
        if (m->s.replacement_len) {
            fputs("{+", f);
            fwrite(m->s.replacement, 1, m->s.replacement_len, f);
            fputs("+}", f);
        }
    }
    if (trailing_nl)
        fputc('\n', f);
}

static void on_diag(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "winnow explain: %s\n", msg);
}

/* One document: its text with the marks, then the summary. */
static void explain_doc(wn_doc *d, const char *file, int color)
{
    /* Marks are placed on the text of the first stage that recorded a span
     * (extraction turns HTML into text without spans; the rest is spans). */
    size_t base = (size_t)-1, len = 0;
    for (size_t i = 0; i < wn_doc_span_count(d); i++) {
        wn_span_info si;
        wn_doc_span(d, i, &si);
        if (si.stage_index < base)
            base = si.stage_index;
    }
    const char *text = base != (size_t)-1 ? wn_doc_stage_input(d, base, &len) : NULL;
    if (!text)
        text = wn_doc_text(d, &len);
    size_t nm = 0;
    mark *m = place(d, len, &nm);

    /* the document with its marks */
    size_t pos = 0;
    for (size_t i = 0; m && i < nm; i++) {
        if (m[i].a < pos)
            continue; /* inside an earlier mark: listed in the summary */
        fwrite(text + pos, 1, m[i].a - pos, stdout);
        put_mark(stdout, text, &m[i], color);
        pos = m[i].b;
    }
    fwrite(text + pos, 1, len - pos, stdout);
    if (len && text[len - 1] != '\n')
        fputc('\n', stdout);

    /* the summary */
    size_t jl;
    const char *j = wn_doc_json(d, &jl);
    const char *bold = color ? "\033[1m" : "", *off = color ? "\033[0m" : "";
    printf("\n%s---- winnow explain: %s: %s%s\n", bold, file, wn_doc_id(d), off);
    static const char *const keys[] = {"lang", "lang_score", "author", "date"};
    for (size_t k = 0; j && k < sizeof keys / sizeof *keys; k++) {
        const char *v;
        size_t vn;
        if (json_member(j, keys[k], &v, &vn))
            printf("%-11s %.*s\n", keys[k], (int)vn, v);
    }
    const char *v;
    size_t vn;
    if (j && json_member(j, "flags", &v, &vn))
        printf("%-11s %.*s\n", "flags", (int)vn, v);
    printf("%-11s %s", "decision", wn_doc_kept(d) ? "keep" : "drop");
    const char *w;
    size_t wl;
    if (j && !wn_doc_kept(d) && json_member(j, "winnow", &w, &wl)) {
        /* the rule and reason that dropped it are the first members of "winnow" */
        const char *r = strstr(w, "\"rule\":");
        const char *e = r ? strstr(r, ",\"signals\"") : NULL;
        if (r && e && e < w + wl)
            printf(" (%.*s)", (int)(e - r), r);
    }
    printf("\n");
    size_t out_len;
    wn_doc_text(d, &out_len);
    printf("%-11s %zu bytes in, %zu bytes out, %zu span%s\n", "size", len, out_len, nm,
           nm == 1 ? "" : "s");
    size_t per[WN_REASON_COUNT] = {0}, bytes[WN_REASON_COUNT] = {0};
    for (size_t i = 0; m && i < nm; i++)
        if (m[i].s.reason < WN_REASON_COUNT) {
            per[m[i].s.reason]++;
            bytes[m[i].s.reason] += m[i].b - m[i].a;
        }
    for (int r = 0; r < WN_REASON_COUNT; r++)
        if (per[r])
            printf("  %-16s %3zu span%s %7zu bytes\n", wn_reason_str((wn_reason)r), per[r],
                   per[r] == 1 ? " " : "s", bytes[r]);
    for (size_t i = 0; m && i < nm; i++)
        printf("%s%3zu %-15s%s %-24s %s [%zu,%zu) %s\n", bold, m[i].idx,
               wn_reason_str(m[i].s.reason), off, m[i].s.rule ? m[i].s.rule : "", m[i].s.stage,
               m[i].a, m[i].b, m[i].s.detail ? m[i].s.detail : "");
    free(m);
}

int wn_cmd_explain(int argc, char **argv)
{
    const char *stages = DEFAULT_STAGES, *file = NULL;
    const char *sets[64];
    size_t nsets = 0;
    int color = isatty(STDOUT_FILENO);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--stages") && i + 1 < argc) {
            stages = argv[++i];
        } else if (!strncmp(a, "--stages=", 9)) {
            stages = a + 9;
        } else if (!strcmp(a, "--set") && i + 1 < argc && nsets < 64) {
            sets[nsets++] = argv[++i];
        } else if (!strncmp(a, "--set=", 6) && nsets < 64) {
            sets[nsets++] = a + 6;
        } else if (!strcmp(a, "--color")) {
            color = 1;
        } else if (!strcmp(a, "--no-color")) {
            color = 0;
        } else if ((a[0] != '-' || !strcmp(a, "-")) && !file) {
            file = a;
        } else {
            fprintf(stderr, "winnow explain: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "winnow explain: which file? (use '-' for stdin)\n");
        usage(stderr);
        return 2;
    }
    char err[512];
    wn_pipeline *p = wn_pipeline_create(stages, err, sizeof err);
    if (!p) {
        fprintf(stderr, "winnow explain: %s\n", err);
        return 2;
    }
    for (size_t i = 0; i < nsets; i++) {
        char kv[512];
        snprintf(kv, sizeof kv, "%s", sets[i]);
        char *eq = strchr(kv, '=');
        if (!eq) {
            fprintf(stderr, "winnow explain: --set wants STAGE.PARAM=VALUE, got '%s'\n", sets[i]);
            wn_pipeline_free(p);
            return 2;
        }
        *eq = 0;
        if (wn_pipeline_set(p, kv, eq + 1) != WN_OK) {
            fprintf(stderr, "winnow explain: %s\n", wn_pipeline_errmsg(p));
            wn_pipeline_free(p);
            return 2;
        }
    }
    wn_input *in = wn_input_open(file, WN_INPUT_AUTO, 0, on_diag, NULL, err, sizeof err);
    if (!in) {
        fprintf(stderr, "winnow explain: %s\n", err);
        wn_pipeline_free(p);
        return 1;
    }
    wn_doc *d;
    size_t ndocs = 0;
    while ((d = wn_input_next(in, p))) {
        if (ndocs++)
            printf("\n");
        explain_doc(d, file, color);
        wn_doc_free(d);
    }
    int rc = wn_input_errors(in) ? 1 : 0;
    if (!ndocs && !rc)
        fprintf(stderr, "winnow explain: %s: no documents\n", file);
    wn_input_close(in);
    wn_pipeline_free(p);
    return rc;
}

