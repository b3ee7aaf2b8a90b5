/*
 * blank_run.c - the blank_run stage: paragraphs separated by exactly one
 * blank line, no blank lines at the start, a single newline at the end.
 *
 * Extraction tools leave runs of empty lines where a table, an image or a
 * layout block was; they carry no content, but they skew line-based quality
 * signals, so they are collapsed here with evidence. A line of only spaces
 * and tabs counts as blank and is collapsed with the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stage.h"

typedef struct {
    size_t max_blank; /* blank lines allowed between paragraphs */
} blank_cfg;

static blank_cfg g_default = {1};

static void *create(char *err, size_t errlen)
{
    (void)err, (void)errlen;
    blank_cfg *c = malloc(sizeof *c);
    if (c)
        *c = g_default;
    return c;
}

static int set(void *state, const char *param, const char *value, char *err, size_t errlen)
{
    blank_cfg *c = state;
    if (!strcmp(param, "max_blank")) {
        if (wn_param_size(value, &c->max_blank)) {
            snprintf(err, errlen, "blank_run.max_blank: not a count: '%s'", value);
            return -2;
        }
        return 0;
    }
    return -1;
}

static int is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static int push(wn_doc *d, wn_edit **v, size_t *n, size_t *cap, wn_edit e)
{
    wn_edit *nv = wn_arena_grow(d->arena, *v, *n, cap, sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    (*v)[(*n)++] = e;
    return 0;
}

static wn_status run(const void *state, wn_doc *d)
{
    const blank_cfg *c = state;
    const char *s = d->text;
    size_t n = d->len;
    wn_edit *v = NULL;
    size_t nv = 0, cap = 0;

    /* Walk lines; a run of blank lines starts after a content line's '\n'. */
    size_t pos = 0;
    int seen_content = 0;
    while (pos < n) {
        /* collect a run of blank lines starting at pos */
        size_t run_start = pos, lines = 0, p = pos;
        size_t keep_end = pos; /* end of the blank lines we keep */
        while (p < n) {
            const char *nl = memchr(s + p, '\n', n - p);
            size_t le = nl ? (size_t)(nl - s) : n;
            if (!is_blank(s, p, le))
                break;
            if (!nl) { /* trailing whitespace without newline at the end */
                p = n;
                lines++;
                break;
            }
            p = le + 1;
            lines++;
            if (lines <= c->max_blank)
                keep_end = p;
        }
        if (lines) {
            int at_end = p >= n;
            size_t rm_start = keep_end;
            const char *rule = "blank_run.collapse";
            if (!seen_content) {
                rm_start = run_start; /* no blank lines before the first content */
                rule = "blank_run.leading";
            } else if (at_end) {
                rm_start = run_start; /* text ends right after the last content line's '\n' */
                rule = "blank_run.trailing";
            }
            wn_edit e = {.start = rm_start, .end = p, .reason = WN_REASON_BLANK_RUN, .rule = rule};
            if (rm_start == keep_end && lines > c->max_blank && keep_end - run_start != c->max_blank) {
                /* the blank lines we keep hold spaces or tabs: they become empty too */
                char *nl = wn_arena_alloc(d->arena, c->max_blank);
                if (!nl)
                    return WN_LIMIT;
                memset(nl, '\n', c->max_blank);
                e.start = run_start;
                e.repl = nl;
                e.repl_len = c->max_blank;
            }
            if (rm_start < p && (lines > c->max_blank || !seen_content || at_end)) {
                e.detail = wn_doc_printf(d, "{\"blank_lines\":%zu,\"kept\":%zu}", lines,
                                         (!seen_content || at_end) ? (size_t)0 : c->max_blank);
                if (!e.detail || push(d, &v, &nv, &cap, e))
                    return WN_LIMIT;
            }
            pos = p;
            if (pos >= n)
                break;
        }
        /* a content line */
        seen_content = 1;
        const char *nl = memchr(s + pos, '\n', n - pos);
        pos = nl ? (size_t)(nl - s) + 1 : n;
    }
    return wn_doc_apply(d, v, nv) ? WN_LIMIT : WN_OK;
}

static const wn_param_doc params[] = {
    {"max_blank", "1", "blank lines kept between paragraphs"},
    {NULL, NULL, NULL},
};

const wn_stage_def wn_stage_blank_run = {
    .name = "blank_run",
    .summary = "collapse runs of blank lines to one; none at the start or the end",
    .create = create,
    .set = set,
    .run = run,
    .destroy = free,
    .params = params,
};
