/*
 * lost.c - lost_content: the traces of a table, list or figure that the
 * extractor lost. The text announces it ("The table below summarizes ...",
 * "See the following chart:"), then a stray row or two survives ("Prior to
 * 1970 1") and a long run of blank lines stands where the rest was.
 *
 * The announcing sentence stays (it is the author's prose); the stray rows
 * go, and the document is flagged lost_table / lost_list / lost_figure so a
 * consumer knows the text refers to something it no longer has. Rows alone
 * are not enough: a table that *was* extracted also looks like short numeric
 * lines after an announcement, so we demand the blank run the loss leaves
 * (counted before blank_run collapsed it, see blanks_after in clean.c) or the
 * end of the document right after the fragments.
 */
#include <string.h>

#include "clean/clean.h"

#define MAX_FRAGMENTS 4
#define MIN_LOST_BLANKS 3

/* Which thing a line announces: "table", "list", "figure", or NULL. */
static const char *announced(const wn_cctx *c, const wn_cline *l)
{
    if (!l->ann_thing || l->nm.nwords > 80)
        return NULL;
    /* a colon at the end points forward as well as "below" does */
    size_t b = l->end;
    while (b > l->start && (c->s[b - 1] == ' ' || c->s[b - 1] == '\r'))
        b--;
    if (!l->ann_pointer && !(b > l->start && c->s[b - 1] == ':'))
        return NULL;
    return l->ann_thing;
}

/* A stray row: short, no sentence punctuation, numbers in it. */
static int fragment(const wn_cline *l)
{
    const wn_norm *nm = &l->nm;
    if (l->verdict >= 0 || l->sent_end || !nm->nwords || nm->nwords > 12 ||
        l->end - l->start > 120)
        return 0;
    size_t numbers = 0;
    for (size_t w = 0; w < nm->nwords; w++) {
        const char *s = nm->norm + nm->wstart[w];
        size_t k = 0;
        while (k < nm->wlen[w] && (unsigned)(s[k] - '0') <= 9)
            k++;
        numbers += k == nm->wlen[w];
    }
    if (!numbers)
        return 0;
    const char *last = nm->norm + nm->wstart[nm->nwords - 1];
    int ends_number = (unsigned)(last[0] - '0') <= 9;
    return numbers * 10 >= nm->nwords * 3 || ends_number;
}

static int record(wn_cctx *c, size_t from, size_t to, const char *thing, size_t blanks,
                  const char *rule)
{
    const char *flag = !strcmp(thing, "list")     ? "lost_list"
                       : !strcmp(thing, "figure") ? "lost_figure"
                                                  : "lost_table";
    if (wn_doc_flag(c->d, flag))
        return -1;
    for (size_t k = from; k < to; k++) {
        if (c->ln[k].blank)
            continue;
        const char *det = wn_doc_printf(c->d, "{\"flag\":\"%s\",\"blank_lines\":%zu}", flag, blanks);
        if (!det)
            return -1;
        wn_clean_verdict(c, k, WN_REASON_LOST_CONTENT, rule, det);
    }
    return 0;
}

int wn_clean_lost(wn_cctx *c)
{
    for (size_t i = 0; i < c->nl; i++) {
        wn_cline *l = &c->ln[i];
        if (l->blank || l->verdict >= 0)
            continue;
        const char *thing = announced(c, l);
        size_t first = wn_clean_next_nonblank(c, i);
        if (!thing) {
            /* orphan rows: one or two numeric rows swallowed by a long blank
             * run, with no sentence announcing them */
            if (fragment(l) && l->blanks_after >= 3 * MIN_LOST_BLANKS && l->nm.digits * 2 >= l->nm.letters) {
                if (record(c, i, i + 1, "table", l->blanks_after, "lost.orphan_rows"))
                    return -1;
            }
            continue;
        }
        /* the rows between the announcement and the hole; the hole ends
         * them, and what follows it is the text going on */
        size_t blanks = l->blanks_after, j = first, nfrag = 0;
        while (blanks < MIN_LOST_BLANKS && j < c->nl && nfrag < MAX_FRAGMENTS &&
               fragment(&c->ln[j])) {
            if (c->ln[j].blanks_after > blanks)
                blanks = c->ln[j].blanks_after;
            nfrag++;
            j = wn_clean_next_nonblank(c, j);
        }
        if (blanks < MIN_LOST_BLANKS && j < c->nl && fragment(&c->ln[j]))
            continue; /* a longer run of rows: the table was extracted */
        if (blanks < MIN_LOST_BLANKS && j < c->nl)
            continue;
        if (!nfrag) {
            if (blanks >= MIN_LOST_BLANKS && wn_doc_flag(c->d, !strcmp(thing, "list") ? "lost_list"
                                                         : !strcmp(thing, "figure") ? "lost_figure"
                                                                                    : "lost_table"))
                return -1;
            continue;
        }
        if (record(c, first, j, thing, blanks, "lost.stray_rows"))
            return -1;
        i = j - 1;
    }
    return 0;
}
