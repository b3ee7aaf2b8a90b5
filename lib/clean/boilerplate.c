/*
 * boilerplate.c - page chrome that survived extraction: share / print /
 * download / subscribe prompts, "read more", cookie and consent lines,
 * copyright lines, comment-form prompts, navigation rows, social counters.
 *
 * Chrome is recognised by shape plus vocabulary, never by one site's exact
 * wording: a short line without sentence punctuation that is mostly made of
 * interface words (data/clean/interface.tsv, many languages) is chrome; so is
 * a row of short items separated by | • » · › ; cookie and copyright lines
 * have their own rules because they can be long. Lines at the edges of the
 * page need less evidence than lines in the middle of the text, where a
 * heading such as "Download and install" must survive.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "clean/clean.h"

static int is_edge(const wn_cctx *c, const wn_cline *l)
{
    return l->nb < 3 || (size_t)l->nb + 3 >= c->nnb;
}

static int word_is_number(const wn_norm *nm, size_t i)
{
    const char *w = nm->norm + nm->wstart[i];
    for (size_t k = 0; k < nm->wlen[i]; k++)
        if ((unsigned)(w[k] - '0') > 9)
            return 0;
    return 1;
}

/* Split line l at separators standing between spaces (so code such as
 * "|x| x > 1" does not count); returns the number of separators and fills
 * the item counts. */
static size_t split_items(const wn_cctx *c, const wn_cline *l, size_t *items, size_t *short_items,
                          size_t *numeric_items)
{
    static const char *const seps[] = {"|", "\xe2\x80\xa2", "\xc2\xbb", "\xc2\xb7",
                                       "\xe2\x80\xba", "/", ">", "\xe2\x86\x92"};
    static const size_t seplen[] = {1, 3, 2, 2, 3, 1, 1, 3};
    const char *s = c->s + l->start;
    size_t n = l->end - l->start, pos = 0, nseps = 0, item_a = 0;
    *items = *short_items = *numeric_items = 0;
    while (pos <= n) {
        size_t sl = 0;
        unsigned char ch = pos < n ? (unsigned char)s[pos] : 0;
        if (ch == '|' || ch == '/' || ch == '>' || ch == 0xC2 || ch == 0xE2)
            for (size_t k = 0; k < sizeof seps / sizeof *seps && !sl; k++) {
                size_t L = seplen[k];
                if (pos + L <= n && !memcmp(s + pos, seps[k], L) &&
                    (pos == 0 || s[pos - 1] == ' ') && (pos + L == n || s[pos + L] == ' '))
                    sl = L;
            }
        if (pos < n && !sl) {
            pos++;
            continue;
        }
        size_t a = item_a, b = pos, words = 0, digits = 0;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b > a) {
            (*items)++;
            int inw = 0;
            for (size_t k = a; k < b; k++) {
                int sp = s[k] == ' ';
                if (!sp && !inw)
                    words++;
                inw = !sp;
                digits += (unsigned)(s[k] - '0') <= 9;
            }
            if (words <= 4 && b - a <= 40 && !wn_clean_is_sent_end(s, a, b))
                (*short_items)++;
            if (digits)
                (*numeric_items)++;
        }
        if (pos >= n)
            break;
        nseps++;
        pos += sl;
        item_a = pos;
    }
    return nseps;
}

/* A navigation row: several short items between separators, alone. Rows of
 * the same shape above or below make a table, which is content. */
static int nav_row(const wn_cctx *c, size_t li)
{
    const wn_cline *l = &c->ln[li];
    if (l->end - l->start > 400)
        return 0;
    size_t cand = 0;
    for (size_t k = l->start; k < l->end; k++) {
        unsigned char ch = (unsigned char)c->s[k];
        cand += ch == '|' || ch == '/' || ch == '>' || ch == 0xC2 || ch == 0xE2;
    }
    if (cand < 2)
        return 0;
    for (size_t k = l->start; k < l->end; k++)
        if (c->s[k] == '{' || c->s[k] == '[' || c->s[k] == '(' || c->s[k] == '=')
            return 0; /* grammar, code, or a table row with notes: not a menu */
    size_t items, short_items, numeric;
    size_t nseps = split_items(c, l, &items, &short_items, &numeric);
    if (nseps < 2 || items < 3 || short_items * 10 < items * 9 || numeric * 4 > items)
        return 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t j = li;
        for (;;) {
            if ((dir < 0 && j == 0) || (dir > 0 && j + 1 >= c->nl))
                break;
            j += (size_t)(long)dir;
            if (!c->ln[j].blank)
                break;
        }
        if (j == li || c->ln[j].blank)
            continue;
        size_t it2, sh2, nu2;
        if (split_items(c, &c->ln[j], &it2, &sh2, &nu2) >= 2)
            return 0; /* a table row next to it */
    }
    return items >= 4 || l->ui_hits >= 1;
}

/* "cookie" or "cookies": with another interface word (accept, settings,
 * preferences, policy) the line is about consent, not baking */
static int cookie_word(const wn_norm *nm)
{
    for (size_t w = 0; w < nm->nwords; w++) {
        const char *x = nm->norm + nm->wstart[w];
        if ((nm->wlen[w] == 6 && !memcmp(x, "cookie", 6)) ||
            (nm->wlen[w] == 7 && !memcmp(x, "cookies", 7)))
            return 1;
    }
    return 0;
}

/* Chrome is written like a label: it starts with a capital (or a digit, a
 * symbol, a script without case) and is not a lower-case or all-capitals
 * word of code ("print", "SELECT") or the tail of a broken sentence. */
static int prompt_case(const wn_cctx *c, const wn_cline *l)
{
    const wn_norm *nm = &l->nm;
    const char *s = c->s + l->start;
    size_t n = l->end - l->start, k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k < n && (s[k] == '.' || s[k] == ',' || s[k] == ';' || s[k] == ')'))
        return 0;
    if (!nm->nwords)
        return 0;
    const char *w = s + nm->rstart[0];
    unsigned char ch = (unsigned char)w[0];
    if (ch >= 'a' && ch <= 'z')
        return 0;
    if (nm->nwords == 1 && ch >= 'A' && ch <= 'Z' && nm->wlen[0] > 1) {
        size_t upper = 0;
        for (size_t i = 0; i < nm->wlen[0]; i++)
            upper += w[i] >= 'A' && w[i] <= 'Z';
        if (upper == nm->wlen[0])
            return 0;
    }
    return 1;
}

int wn_clean_boilerplate(wn_cctx *c)
{
    for (size_t i = 0; i < c->nl; i++) {
        wn_cline *l = &c->ln[i];
        if (l->blank || l->verdict >= 0)
            continue;
        const wn_norm *nm = &l->nm;
        const char *rule = NULL;
        double cov = 0;
        size_t numbers = 0, numbytes = 0;
        for (size_t w = 0; w < nm->nwords; w++)
            if (word_is_number(nm, w))
                numbers++, numbytes += nm->wlen[w];
        const char *s = c->s + l->start;
        size_t n = l->end - l->start;

        if ((l->ui_cookie && nm->nwords <= 60) ||
            (cookie_word(nm) && l->ui_hits >= 2 && nm->nwords <= 30 && prompt_case(c, l) &&
             !memchr(s, '(', n) && !memchr(s, '#', n))) {
            rule = "boilerplate.cookie";
        } else if (nm->nwords <= 25 &&
                   (l->ui_copyright ||
                    ((n >= 2 && !memcmp(s, "\xc2\xa9", 2)) ||
                     ((nm->nwords && nm->wlen[0] == 9 && !memcmp(nm->norm, "copyright", 9)) &&
                      (memmem(s, n, "\xc2\xa9", 2) || numbers))))) {
            rule = "boilerplate.copyright";
        } else if (nm->nwords && nav_row(c, i)) {
            rule = "boilerplate.nav_row";
        } else if (l->ui_hits && nm->nwords <= 12 && !l->sent_end && prompt_case(c, l)) {
            /* interface words against the line's content words: function
             * words and numbers neither help nor hurt */
            double content = (double)nm->nlen - (double)(nm->nwords ? nm->nwords - 1 : 0) -
                             (double)l->func_bytes - (double)numbytes;
            cov = content > 0 ? l->ui_w / content : 1.0;
            if (cov > 1)
                cov = 1;
            double need = is_edge(c, l) ? 0.6 : 0.65;
            /* one interface word is enough for a prompt of a few words
             * ("Subscribe now", "Поделиться"), but not for code */
            int code = memchr(s, '=', n) || memchr(s, ';', n) || memchr(s, '{', n);
            for (size_t k = 1; k < n && !code; k++)
                code = s[k] == '(' && s[k - 1] != ' '; /* a call: print('1') */
            int money = memchr(s, '%', n) || memchr(s, '$', n) || memmem(s, n, "\xe2\x82\xac", 3) ||
                        memmem(s, n, "\xc2\xa3", 2);
            int enough = l->ui_phrases >= 1 || l->ui_hits >= 2 ||
                         (l->ui_hits >= 1 && nm->nwords <= 4 && !code);
            if (numbers && money)
                enough = 0; /* "Save 16%", "Buy now $20": an offer, not chrome */
            if (enough && cov >= need)
                rule = l->ui_phrases ? "boilerplate.phrase" : numbers ? "boilerplate.counter"
                                                                      : "boilerplate.interface";
        }
        if (!rule)
            continue;
        const char *det = wn_doc_printf(c->d, "{\"interface_terms\":%zu,\"coverage\":%.2f,\"edge\":%s}",
                                        l->ui_hits, cov, is_edge(c, l) ? "true" : "false");
        if (!det)
            return -1;
        wn_clean_verdict(c, i, WN_REASON_BOILERPLATE, rule, det);
    }
    return 0;
}
