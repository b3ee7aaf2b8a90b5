/*
 * spam.c - spam_injection: commercial spam lines that a hacked site put into
 * the page (gambling, pharma, adult, loans, counterfeit goods).
 *
 * No single signal is trusted. A line becomes a candidate only when it hits
 * the spam lexicon (data/clean/spam.tsv); the verdict then adds up how
 * commercial it is (weight and coverage of spam terms), whether its language
 * differs from the document's, how few function words it has (keyword lists
 * have none, prose is full of them), whether it lacks sentence punctuation,
 * whether several commercial terms come together (keyword-list shape), and
 * whether it sits at the edges of the page, where injections go. Long
 * punctuated prose pays a penalty, so an article *about* casinos survives.
 * A second pass lowers the bar next to a confirmed spam line, because
 * injections come in blocks.
 *
 * CLD2 runs only on candidate lines, which keeps language identification off
 * the hot path (see the speed note in docs/clean.md).
 */
#include <stdio.h>
#include <string.h>

#include "clean/clean.h"
#include "lang/lang.h"

#define SPAM_THRESHOLD 4.0
#define SPAM_NEIGHBOUR_THRESHOLD 3.0

typedef struct spam_eval {
    double score, func_ratio;
    wn_lang_guess g;
    const char *lang; /* reported language of the line */
    int mismatch;
} spam_eval;

static void evaluate(const wn_cctx *c, const wn_cline *l, spam_eval *ev)
{
    memset(ev, 0, sizeof *ev);
    const wn_norm *nm = &l->nm;
    double words = (double)nm->nwords + (double)nm->nospace / 2.0;
    if (words < 1)
        words = 1;
    double cov = nm->nlen ? (double)l->spam_cov / (double)nm->nlen : 0;
    if (cov > 1)
        cov = 1;
    ev->func_ratio = l->func / words;

    /* Language of the line: CLD2 when it is confident, otherwise the
     * language of the spam terms it hit (short lines inherit nothing from
     * CLD2, which needs a few dozen letters). */
    wn_lang_detect(c->s + l->start, l->end - l->start, &ev->g);
    ev->lang = l->spam_lang;
    double mism = 0;
    if (ev->g.reliable && ev->g.bytes >= 16 && ev->g.score >= 0.6 && strcmp(ev->g.code, "un")) {
        ev->lang = ev->g.code;
        if (strcmp(ev->g.code, c->lang) && strcmp(c->lang, "un"))
            mism = 2.0, ev->mismatch = 1;
    } else if (l->spam_lang && strcmp(l->spam_lang, c->lang) && strcmp(l->spam_lang, "en")) {
        mism = 0.75, ev->mismatch = 1; /* English terms are used everywhere */
    }

    double s = (l->spam_w > 4 ? 4 : l->spam_w) + 2 * cov + mism;
    if (l->spam_terms >= 2 && l->spam_w >= 1.5)
        s += 1.0; /* keyword-list shape: several commercial terms together */
    if (ev->func_ratio < 0.1)
        s += 1.0;
    else if (ev->func_ratio < 0.2)
        s += 0.5;
    else if (ev->func_ratio > 0.35)
        s -= 1.0;
    if (!l->sent_end)
        s += 0.5;
    if (l->nb < 3 || (size_t)l->nb + 3 >= c->nnb)
        s += 0.5;
    if (words > 30 && l->sent_end)
        s -= 1.5;
    if (words > 25 && cov < 0.2)
        s -= 2.0; /* a paragraph that mentions a few commercial words */
    ev->score = s;
}

static int mark(wn_cctx *c, size_t i, const spam_eval *ev, const char *rule)
{
    const wn_cline *l = &c->ln[i];
    const char *det = wn_doc_printf(
        c->d,
        "{\"lang\":\"%s\",\"lang_score\":%.2f,\"category\":\"%s\",\"terms\":%d,\"weight\":%.2f,"
        "\"function_words\":%.2f,\"score\":%.2f}",
        ev->lang ? ev->lang : "un", ev->g.score, l->spam_cat ? l->spam_cat : "", l->spam_terms,
        l->spam_w, ev->func_ratio, ev->score);
    if (!det)
        return -1;
    wn_clean_verdict(c, i, WN_REASON_SPAM_INJECTION, rule, det);
    return 0;
}

int wn_clean_spam(wn_cctx *c)
{
    double *score = wn_arena_calloc(c->d->arena, c->nl, sizeof *score);
    if (!score)
        return -1;
    int any = 0;
    for (size_t i = 0; i < c->nl; i++) {
        const wn_cline *l = &c->ln[i];
        if (l->blank || l->verdict >= 0 || l->spam_w < 0.5)
            continue;
        spam_eval ev;
        evaluate(c, l, &ev);
        score[i] = ev.score;
        /* one term in the document's own language is a topic, not spam */
        if (l->spam_w >= 1.0 && ev.score >= SPAM_THRESHOLD && (ev.mismatch || l->spam_terms >= 2)) {
            if (mark(c, i, &ev, "spam.lexicon"))
                return -1;
            any = 1;
        }
    }
    if (!any)
        return 0;
    /* neighbours of spam lines: one pass down, one pass up, so a block
     * grows from its confirmed lines in both directions in linear time */
    for (int dir = 0; dir < 2; dir++) {
        for (size_t n = 0; n < c->nl; n++) {
            size_t i = dir ? c->nl - 1 - n : n;
            const wn_cline *l = &c->ln[i];
            if (l->blank || l->verdict >= 0 || l->spam_w < 0.8 || score[i] < SPAM_NEIGHBOUR_THRESHOLD)
                continue;
            size_t q;
            if (dir) {
                q = wn_clean_next_nonblank(c, i);
            } else {
                q = i;
                while (q > 0 && c->ln[q - 1].blank)
                    q--;
                q = q ? q - 1 : c->nl;
            }
            if (q >= c->nl || c->ln[q].verdict != WN_REASON_SPAM_INJECTION)
                continue;
            spam_eval ev;
            evaluate(c, l, &ev);
            if (mark(c, i, &ev, "spam.block"))
                return -1;
        }
    }
    return 0;
}
