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
#include <utf8proc.h>

#include "clean/clean.h"
#include "core/utf8.h"

static int is_edge(const wn_cctx *c, const wn_cline *l)
{
    return l->nb < 3 || (size_t)l->nb + 3 >= c->nnb;
}

/* A count: digits, or digits with a thousands suffix ("12k", "3m") as
 * counters print them. */
static int word_is_number(const wn_norm *nm, size_t i)
{
    const char *w = nm->norm + nm->wstart[i];
    size_t n = nm->wlen[i];
    if (n >= 2 && (w[n - 1] == 'k' || w[n - 1] == 'm') && (unsigned)(w[n - 2] - '0') <= 9)
        n--;
    for (size_t k = 0; k < n; k++)
        if ((unsigned)(w[k] - '0') > 9)
            return 0;
    return 1;
}

/* Split line l at separators standing between spaces (so code such as
 * "|x| x > 1" does not count); returns the number of separators and fills
 * the item counts. */
static size_t split_items(const wn_cctx *c, const wn_cline *l, size_t *items, size_t *short_items,
                          size_t *numeric_items, size_t *bars)
{
    /* bars: separators that are not arrows (| • · /) */
    static const char *const seps[] = {"|", "\xe2\x80\xa2", "\xc2\xbb", "\xc2\xb7",
                                       "\xe2\x80\xba", "/", ">", "\xe2\x86\x92"};
    static const size_t seplen[] = {1, 3, 2, 2, 3, 1, 1, 3};
    const char *s = c->s + l->start;
    size_t n = l->end - l->start, pos = 0, nseps = 0, item_a = 0;
    *items = *short_items = *numeric_items = *bars = 0;
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
        *bars += s[pos] == '|' || s[pos] == '/' || (sl == 3 && !memcmp(s + pos, "\xe2\x80\xa2", 3)) ||
                 (sl == 2 && !memcmp(s + pos, "\xc2\xb7", 2));
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
    size_t items, short_items, numeric, bars;
    size_t nseps = split_items(c, l, &items, &short_items, &numeric, &bars);
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
        size_t it2, sh2, nu2, ba2;
        if (split_items(c, &c->ln[j], &it2, &sh2, &nu2, &ba2) >= 2)
            return 0; /* a table row next to it */
    }
    /* three items between arrows (> › » ->) at the head or foot of the
     * page are a breadcrumb trail, whatever the section names are */
    return items >= 4 || l->ui_hits >= 1 || (!bars && is_edge(c, l) && !l->sent_end);
}

/* Arrows and chevrons that label page controls ("Top ↑", "« Older"). */
static int has_arrow(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a == 0xC2 && (b == 0xAB || b == 0xBB))
            return 1; /* « » */
        if (i + 2 < n && a == 0xE2) {
            unsigned char c3 = (unsigned char)s[i + 2];
            if ((b == 0x86 && c3 >= 0x90 && c3 <= 0x99) || /* ← ↑ → ↓ ... */
                (b == 0x80 && (c3 == 0xB9 || c3 == 0xBA)) || /* ‹ › */
                (b == 0x96 && (c3 == 0xB2 || c3 == 0xB6 || c3 == 0xBA || c3 == 0xBC)) || /* ▲ ▶ ► ▼ */
                (b == 0x97 && (c3 == 0x80 || c3 == 0x84)) || /* ◀ ◄ */
                (b == 0x87 && c3 >= 0x90 && c3 <= 0xA7) || (b == 0xAC && c3 >= 0x85 && c3 <= 0x87))
                return 1;
        }
    }
    return 0;
}

static int prompt_case(const wn_cctx *c, const wn_cline *l);

/* The numbers of a counter or a pager are plain counts: not a list item's
 * number ("8. LinkedIn"), a decimal, a ratio or a thousands group
 * ("4.7/5", "60,000"), which belong to content. */
static int counter_numbers(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    size_t d = k;
    while (d < n && (unsigned)(s[d] - '0') <= 9)
        d++;
    if (d > k && d < n && (s[d] == '.' || s[d] == ')'))
        return 0;
    for (size_t i = 1; i + 1 < n; i++)
        if ((s[i] == '.' || s[i] == ',' || s[i] == '/' || s[i] == ':') && (unsigned)(s[i - 1] - '0') <= 9 &&
            (unsigned)(s[i + 1] - '0') <= 9)
            return 0;
    return 1;
}

/* Symbols that pages use as control labels and counters: emoji, stars,
 * hearts, check marks (Unicode "other symbol"), arrows. */
static size_t symbols(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = (unsigned char)s[i] < 0x80 ? (cp = (unsigned char)s[i], 1)
                                                : wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len)
            len = 1;
        else if (cp >= 0x2190 && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_SO)
            k++;
        i += len;
    }
    return k;
}

/* A row of page controls at the head or foot of the page that carries no
 * interface word we know: a word or two beside an arrow ("Top ↑"), a pager
 * ("1 2 3 … 9 »"), symbols with counts ("♥ 12 ✉ 3"). */
static int control_row(const wn_cctx *c, const wn_cline *l, size_t numbers)
{
    const wn_norm *nm = &l->nm;
    const char *s = c->s + l->start;
    size_t n = l->end - l->start;
    if (n > 120 || !prompt_case(c, l) || memchr(s, '=', n) || memchr(s, '(', n))
        return 0;
    int arrow = has_arrow(s, n);
    size_t words = nm->nwords - numbers;
    if (arrow && words <= 2 && numbers == 0)
        return 1;
    if (arrow && numbers >= 3 && words <= 2)
        return 1;
    return symbols(s, n) >= 2 && words <= 4 && (numbers || l->ui_hits);
}

/* A label that opens a line of chrome ("Read also: <headline>", "Photo:
 * <agency>"): it must begin the line and be followed by a colon, a
 * separator or nothing. Weak labels (photo, related) need the colon and a
 * short line. */
static int lead_line(const wn_cctx *c, const wn_cline *l)
{
    const wn_norm *nm = &l->nm;
    if (!l->ui_lead || nm->nwords > 20 || l->sent_end)
        return 0;
    size_t w = 0;
    while (w < nm->nwords && nm->wstart[w] + nm->wlen[w] < l->ui_lead)
        w++;
    if (w >= nm->nwords || nm->wstart[w] + nm->wlen[w] != l->ui_lead)
        return 0; /* the label ends inside a word */
    const char *s = c->s + l->start;
    size_t n = l->end - l->start, k = nm->rend[w];
    while (k < n && s[k] == ' ')
        k++;
    int colon = k < n && (s[k] == ':' || (k + 3 <= n && !memcmp(s + k, "\xef\xbc\x9a", 3)));
    int sep = k < n && (s[k] == '|' || s[k] == '-' || (unsigned char)s[k] == 0xC2 || (unsigned char)s[k] == 0xE2);
    if (w + 1 == nm->nwords && !memchr(s + k, ':', n - k))
        return k >= n || colon || sep; /* the label alone */
    int strong = l->ui_phrases > 0;
    if (strong) /* "Related stories", "Posted in News, Sport" */
        return colon || sep || nm->nwords <= 12;
    return colon && nm->nwords <= 8;
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

        /* a cookie and a second interface word, or a cookie that the site
         * uses ("Мы используем куки", "Używamy ciasteczek", "Our site uses
         * cookies to ..."; a program that uses cookies names no site) */
        if ((l->ui_cookie && nm->nwords <= 60) ||
            (((cookie_word(nm) && (l->ui_hits >= 2 || (l->ui_use && l->ui_site))) ||
              (l->ui_cookie_noun && (l->ui_hits >= 2 || l->ui_use))) &&
             nm->nwords <= 30 && prompt_case(c, l) && !memchr(s, '(', n) && !memchr(s, '#', n))) {
            rule = "boilerplate.cookie";
        } else if (nm->nwords <= 25 &&
                   (l->ui_copyright ||
                    ((n >= 2 && !memcmp(s, "\xc2\xa9", 2)) ||
                     ((nm->nwords && nm->wlen[0] == 9 && !memcmp(nm->norm, "copyright", 9)) &&
                      (memmem(s, n, "\xc2\xa9", 2) || numbers))))) {
            rule = "boilerplate.copyright";
        } else if (nm->nwords && nav_row(c, i)) {
            rule = "boilerplate.nav_row";
        } else if (lead_line(c, l) && prompt_case(c, l)) {
            rule = "boilerplate.lead";
        } else if (is_edge(c, l) && !l->sent_end && control_row(c, l, numbers)) {
            rule = "boilerplate.control";
        } else if (l->ui_hits && prompt_case(c, l) &&
                   ((nm->nwords <= 12 && !l->sent_end) ||
                    /* a comment-form or newsletter prompt is a sentence */
                    (l->ui_phrases && nm->nwords <= 20))) {
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
            /* an arrow beside a word or two is a page control ("Top ↑") */
            if (nm->nwords <= 3 && !code && has_arrow(s, n) && (l->ui_hits || is_edge(c, l)))
                enough = 1, need = 0.4;
            /* a label of a few words that are all interface words, however
             * weak each is alone ("Next story", "Artikel merken", "Other
             * news"): no word of it is content */
            if (!code && !money && nm->nwords >= 2 && nm->nwords <= 5 && l->ui_hits >= 2 && !numbers &&
                (double)l->ui_bytes >= content && l->ui_w >= (is_edge(c, l) ? 0.4 : 0.6) * content)
                enough = 1, cov = 1.0;
            /* numbers and nothing but interface words: a counter or a
             * pager ("12 Comments", "Page 2 of 7"), however weak the words */
            if (numbers && !money && !code && counter_numbers(s, n) && (double)l->ui_bytes >= content &&
                l->ui_w * 2 >= content && (nm->nwords <= 6 || (numbers >= 3 && numbers * 2 >= nm->nwords)))
                enough = 1, cov = 1.0;
            /* a known phrase in a sentence-long prompt */
            if (l->ui_phrases && need > 0.55)
                need = 0.55;
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
