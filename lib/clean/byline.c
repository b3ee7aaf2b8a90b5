/*
 * byline.c - byline: the author and date lines at the head of an article
 * ("09.09.2016 Author: Jane Roe", "By Jane Roe | March 3, 2021",
 * "Publié le 3 mars 2021 par Jeanne Roe"). They are removed from the text and
 * their content moves into the document's metadata: `author`, and `date` in
 * ISO 8601.
 *
 * Only the first few non-blank lines are examined. A line is a byline when
 * it yields a date or an author (a marker word from data/clean/byline.tsv
 * followed by capitalised name words) and almost nothing else is left over:
 * publishing labels, times, separators and reading-time notes are allowed,
 * prose is not, so "By 2016 the number had doubled." stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "clean/clean.h"
#include "core/utf8.h"

#define HEAD_LINES 6

typedef struct bl_parse {
    unsigned char *used; /* per word: 1 when accounted for */
    int y, m, dd;        /* date; dd 0 when only month and year */
    size_t name_a, name_b; /* raw byte span of the author name */
    int have_date, have_author;
    int en_order;        /* numeric dates read month first (US English) */
} bl_parse;

static int is_digits(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned)(s[i] - '0') > 9)
            return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n && i < 6; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int year_of(int v, size_t digits)
{
    if (digits == 2)
        return v < 50 ? 2000 + v : 1900 + v;
    return digits == 4 ? v : -1;
}

static int valid_date(int y, int m, int d)
{
    return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 0 && d <= 31;
}

static const char *word(const wn_norm *nm, size_t i) { return nm->norm + nm->wstart[i]; }

/* Numeric dates: Y-M-D, D.M.Y, M/D/Y (D/M/Y outside English), and the
 * CJK 2016年9月9日 / 2016년 9월 9일 forms, read from the raw line. */
static int numeric_date(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const char *s = c->s + l->start;
    size_t n = l->end - l->start;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned)(s[i] - '0') > 9 || (i && (unsigned)(s[i - 1] - '0') <= 9))
            continue;
        size_t f[3], fl[3], k = 0, j = i;
        char sep = 0;
        while (k < 3 && j < n) {
            size_t a = j;
            while (j < n && (unsigned)(s[j] - '0') <= 9)
                j++;
            if (j == a || j - a > 4)
                break;
            f[k] = a, fl[k] = j - a, k++;
            if (k == 3 || j >= n)
                break;
            if (!sep && (s[j] == '.' || s[j] == '/' || s[j] == '-'))
                sep = s[j];
            else if (s[j] != sep) {
                /* CJK: 年 / 년 then 月 / 월 */
                const char *ym[] = {"\xe5\xb9\xb4", "\xeb\x85\x84", "\xe6\x9c\x88", "\xec\x9b\x94"};
                int m = 0;
                for (int q = 0; q < 4 && !m; q++)
                    if (j + 3 <= n && !memcmp(s + j, ym[q], 3))
                        m = 1;
                if (!m)
                    break;
                sep = 'c';
                j += 3;
                while (j < n && s[j] == ' ')
                    j++;
                continue;
            }
            j++;
        }
        if (k < 3)
            continue;
        int a = num(s + f[0], fl[0]), b = num(s + f[1], fl[1]), d3 = num(s + f[2], fl[2]);
        int y, m, d;
        if (fl[0] == 4)
            y = a, m = b, d = d3;
        else if (sep == '.' || (sep != '/' && !p->en_order))
            y = year_of(d3, fl[2]), d = a, m = b;
        else if (a > 12)
            y = year_of(d3, fl[2]), d = a, m = b;
        else if (b > 12 || p->en_order)
            y = year_of(d3, fl[2]), m = a, d = b;
        else
            y = year_of(d3, fl[2]), d = a, m = b;
        if (!valid_date(y, m, d) || !d)
            continue;
        p->y = y, p->m = m, p->dd = d, p->have_date = 1;
        /* mark the words inside [i, j) as used */
        size_t end = j; /* with the day's 日 / 일, not the word after the date */
        if (j + 3 <= n && (!memcmp(s + j, "\xe6\x97\xa5", 3) || !memcmp(s + j, "\xec\x9d\xbc", 3)))
            end = j + 3;
        for (size_t w = 0; w < l->nm.nwords; w++) /* and a word glued to it ("14T10") */
            if (l->nm.rstart[w] >= i && (l->nm.rend[w] <= end || l->nm.rstart[w] < j))
                p->used[w] = 1;
        return 1;
    }
    return 0;
}

/* "4h06", "14h", "5pm", "10am", "9時00分", "10点30分", "9시": a time written
 * as one word */
static int is_time_word(const char *w, size_t n)
{
    static const char *const hour[] = {"\xe6\x99\x82", "\xe7\x82\xb9", "\xec\x8b\x9c"}; /* 時 点 시 */
    static const char *const minute[] = {"\xe5\x88\x86", "\xeb\xb6\x84"};                /* 分 분 */
    size_t k = 0;
    while (k < n && k < 2 && (unsigned)(w[k] - '0') <= 9)
        k++;
    for (int h = 0; k && k + 3 <= n && h < 3; h++) {
        if (memcmp(w + k, hour[h], 3))
            continue;
        size_t j = k + 3, d = j;
        if (j == n)
            return 1;
        while (j < n && j - d < 2 && (unsigned)(w[j] - '0') <= 9)
            j++;
        for (int m = 0; j > d && m < 2; m++)
            if (j + 3 == n && !memcmp(w + j, minute[m], 3))
                return 1;
        return 0;
    }
    k = 0;
    while (k < n && k < 2 && (unsigned)(w[k] - '0') <= 9)
        k++;
    if (!k || k == n)
        return 0;
    if (w[k] == 'h')
        return is_digits(w + k + 1, n - k - 1) || k + 1 == n;
    return n - k == 2 && (w[k] == 'a' || w[k] == 'p') && w[k + 1] == 'm';
}

/* The second part of a hyphenated given name ("Min-jun") may be written in
 * lower case, and "O'Brien" is one name, not the word "o". */
static int hyphen_cont(const wn_cctx *c, const wn_cline *l, size_t w)
{
    if (!w)
        return 0;
    size_t gap_a = l->start + l->nm.rend[w - 1], gap_b = l->start + l->nm.rstart[w];
    if (gap_b - gap_a == 1)
        return c->s[gap_a] == '-' || c->s[gap_a] == '\'';
    return gap_b - gap_a == 3 && !memcmp(c->s + gap_a, "\xe2\x80\x99", 3); /* ’ */
}

/* A day of the month: "3", "03", "3rd", "1st", "1er", "1º". Returns the
 * day or 0. */
static int day_word(const char *w, size_t n)
{
    size_t k = 0;
    while (k < n && k < 2 && (unsigned)(w[k] - '0') <= 9)
        k++;
    if (!k || (k < n && (unsigned)(w[k] - '0') <= 9))
        return 0;
    static const char *const suffix[] = {"", "st", "nd", "rd", "th", "er", "e", "\xc2\xba", "\xc2\xaa"};
    for (size_t q = 0; q < sizeof suffix / sizeof *suffix; q++)
        if (strlen(suffix[q]) == n - k && !memcmp(w + k, suffix[q], n - k))
            return num(w, k);
    return 0;
}

/* Does word w start with a capital, or with a letter of a script that has
 * no case (Arabic, Devanagari, Han, Hangul), as a name does? */
static int name_initial(const wn_cctx *c, const wn_cline *l, size_t w)
{
    const unsigned char *r = (const unsigned char *)c->s + l->start + l->nm.rstart[w];
    if (r[0] < 0x80)
        return r[0] >= 'A' && r[0] <= 'Z';
    uint32_t cp;
    if (!wn_utf8_decode(r, l->nm.rend[w] - l->nm.rstart[w], &cp))
        return 0;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO;
}

static void two_word_marker(void *ud, const wn_lex_hit *h)
{
    int *found = ud;
    if (h->at_start && h->nwords == 2 && !strcmp(h->e->cat, "author"))
        *found = 1;
}

/* The line opens with a two-word marker of byline.tsv ("Written by",
 * "Reporting by", "Escrito por"), not with any word before "by". */
static int known_lead_in(const wn_cctx *c, const wn_norm *nm)
{
    int found = 0;
    wn_lex_scan(c->cfg->lx, nm, 1u << WN_LEX_BYLINE, two_word_marker, &found);
    return found;
}

static int is_filler(const wn_norm *nm, size_t i)
{
    static const char *const f[] = {"de", "del", "of", "the", "th", "st", "nd", "rd", "le", "el"};
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        if (strlen(f[k]) == nm->wlen[i] && !memcmp(f[k], word(nm, i), nm->wlen[i]))
            return 1;
    return 0;
}

/* Dates with a month name: "September 9, 2016", "9 September 2016",
 * "5 de marzo de 2014", "Sep 9 2016", "March 2016". The day sits just before
 * or just after the month, the year after both; small words ("de", "of")
 * may come between. */
static int named_date(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const wn_norm *nm = &l->nm;
    for (size_t i = 0; i < nm->nwords; i++) {
        const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, i, WN_LEX_BYLINE);
        if (!e || e->cat[0] != 'm')
            continue;
        int m = atoi(e->cat + 1), d = 0, y = -1;
        size_t lo = i, hi = i, j = i + 1;
        /* a day before the month */
        size_t k = i;
        while (k > 0 && i - k < 2 && is_filler(nm, k - 1))
            k--;
        if (k > 0 && day_word(word(nm, k - 1), nm->wlen[k - 1]))
            d = day_word(word(nm, k - 1), nm->wlen[k - 1]), lo = k - 1;
        /* or after it */
        while (j < nm->nwords && is_filler(nm, j))
            j++;
        if (!d && j < nm->nwords && day_word(word(nm, j), nm->wlen[j])) {
            d = day_word(word(nm, j), nm->wlen[j]);
            j++;
            while (j < nm->nwords && is_filler(nm, j))
                j++;
        }
        if (j < nm->nwords && nm->wlen[j] == 4 && is_digits(word(nm, j), 4))
            y = num(word(nm, j), 4), hi = j;
        if (!valid_date(y, m, d))
            continue;
        /* "May" is also a verb: demand a day */
        if (!strcmp(e->term, "may") && !d)
            continue;
        p->y = y, p->m = m, p->dd = d, p->have_date = 1;
        for (size_t w = lo; w <= hi; w++)
            p->used[w] = 1;
        return 1;
    }
    return 0;
}

/* Is word w a byline word of category cat ("credit", "title")? */
static int is_cat(const wn_cctx *c, const wn_norm *nm, size_t w, const char *cat)
{
    const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, w, WN_LEX_BYLINE);
    return e && !strcmp(e->cat, cat);
}

static int is_name_word(const wn_cctx *c, const wn_norm *nm, size_t w)
{
    if (is_digits(word(nm, w), nm->wlen[w]))
        return 0;
    if (wn_lex_word(c->cfg->lx, nm, w, WN_LEX_BYLINE))
        return 0;
    return 1;
}

/* "and" between two names of one byline */
static int is_joiner(const char *w, size_t n)
{
    static const char *const j[] = {"and", "und", "et", "y", "e", "i", "ve", "dan", "и"};
    for (size_t k = 0; k < sizeof j / sizeof *j; k++)
        if (strlen(j[k]) == n && !memcmp(j[k], w, n))
            return 1;
    return 0;
}

/* A user name after the marker, as blogs print it ("by admin",
 * "by jdoe_42"): one lower-case token, the last word of the line. */
static int handle_name(const wn_cctx *c, const wn_cline *l, size_t w)
{
    const wn_norm *nm = &l->nm;
    if (w + 1 != nm->nwords || nm->wlen[w] < 3 || nm->wlen[w] > 20)
        return 0;
    const char *r = c->s + l->start + nm->rstart[w];
    size_t k = l->end - l->start - nm->rstart[w];
    while (k > 0 && (r[k - 1] == ' ' || r[k - 1] == '.'))
        k--;
    if (k != nm->rend[w] - nm->rstart[w])
        return 0;
    for (size_t i = 0; i < k; i++)
        if (!((r[i] >= 'a' && r[i] <= 'z') || (unsigned)(r[i] - '0') <= 9 || r[i] == '_'))
            return 0;
    return r[0] >= 'a' && r[0] <= 'z';
}

/* Find "marker Name" from word from on. The first author found is the
 * document's (metadata); with extra set, a further credit on the same line
 * ("..., photography by Ana Ruiz", "| Reviewed by Lisa Grant") is only
 * accounted for. */
static int author_from(const wn_cctx *c, const wn_cline *l, bl_parse *p, size_t from, int extra)
{
    const wn_norm *nm = &l->nm;
    const char *s = c->s;
    for (size_t i = from; i < nm->nwords; i++) {
        if (extra && p->used[i])
            continue;
        /* marker: one or two words ("by", "posted by", "written by") */
        size_t mlen = 0;
        const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, i, WN_LEX_BYLINE);
        if (e && !strcmp(e->cat, "author"))
            mlen = 1;
        else if (e && !strcmp(e->cat, "posted") && i + 1 < nm->nwords) {
            const wn_lex_entry *e2 = wn_lex_word(c->cfg->lx, nm, i + 1, WN_LEX_BYLINE);
            if (e2 && !strcmp(e2->cat, "author"))
                mlen = 2, i++;
        }
        if (!mlen)
            continue;
        /* the marker must start the line or follow a date or separator */
        size_t mfirst = i + 1 - mlen;
        /* a credit label before it ("photography by", "Reviewed by"), in
         * a further credit only: a line that opens with one ("Photo by X
         * on Unsplash") credits a picture, not the article */
        if (extra && mlen == 1 && mfirst > 0 && !p->used[mfirst - 1] && is_cat(c, nm, mfirst - 1, "credit"))
            mfirst--;
        /* "Written by", "Story by", "Reporting by": one word may lead in */
        if (mfirst == 1 && !strcmp(e->cat, "author") && !p->used[0] && nm->rstart[0] == 0 &&
            known_lead_in(c, nm)) /* not "Sort by", "Photo by" */
            mfirst = 0;
        if (mfirst > 0 && !p->used[mfirst - 1]) {
            size_t gap_a = nm->rend[mfirst - 1], gap_b = nm->rstart[mfirst];
            int sep = 0;
            for (size_t k = gap_a + l->start; k < gap_b + l->start; k++)
                if (strchr("|,-:;/(", s[k]) || (unsigned char)s[k] >= 0x80)
                    sep = 1;
            if (!sep)
                continue;
        }
        /* name: capitalised words (or words of scripts without case),
         * after a title ("Dr.", "Prof.") that is not part of it */
        size_t w = i + 1;
        while (w + 1 < nm->nwords && w - i <= 2 && is_cat(c, nm, w, "title"))
            p->used[w++] = 1;
        size_t first = w;
        if (p->have_date && handle_name(c, l, w)) {
            w++;
            goto found;
        }
        while (w < nm->nwords && w - first < 5) {
            int cap = name_initial(c, l, w); /* not é, ñ, ж: lower case */
            if (w > first && hyphen_cont(c, l, w))
                cap = 1;
            int joiner = w > first && w + 1 < nm->nwords && is_joiner(word(nm, w), nm->wlen[w]);
            /* a month that is a given name ("Jan Nowak", "June Carter"):
             * not part of the date, and a name follows */
            const wn_lex_entry *me = wn_lex_word(c->cfg->lx, nm, w, WN_LEX_BYLINE);
            int month_name = w == first && me && me->cat[0] == 'm' && w + 1 < nm->nwords && !p->used[w + 1] &&
                             name_initial(c, l, w + 1) && is_name_word(c, nm, w + 1);
            if (p->used[w] || (!joiner && !month_name && (!cap || !is_name_word(c, nm, w))))
                break;
            /* a separator after the word ends the name */
            w++;
            if (w < nm->nwords) {
                size_t ga = l->start + nm->rend[w - 1], gb = l->start + nm->rstart[w];
                int stop = 0;
                for (size_t k = ga; k < gb; k++)
                    if (strchr("|,:;/()", s[k]) || (s[k] == '-' && gb - ga > 1))
                        stop = 1;
                if (stop)
                    break;
            }
        }
        while (w > first && is_joiner(word(nm, w - 1), nm->wlen[w - 1]))
            w--;
        if (w == first)
            continue;
    found:
        if (!extra) {
            p->have_author = 1;
            p->name_a = l->start + nm->rstart[first];
            p->name_b = l->start + nm->rend[w - 1];
        }
        for (size_t k = mfirst; k < w; k++)
            p->used[k] = 1;
        return (int)w;
    }
    return 0;
}

static int author(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    int end = author_from(c, l, p, 0, 0);
    /* further credits after the author, each after a separator */
    for (int k = 0; end > 0 && k < 3; k++)
        end = author_from(c, l, p, (size_t)end, 1);
    return p->have_author;
}

/* A marker after the name ("홍길동 기자", "Jane Roe, correspondent"): the
 * one to four name words just before it, back to the line's start, a date
 * or a separator. */
static int author_after(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const wn_norm *nm = &l->nm;
    for (size_t i = 1; i < nm->nwords; i++) {
        const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, i, WN_LEX_BYLINE);
        if (!e || strcmp(e->cat, "after"))
            continue;
        size_t first = i;
        while (first > 0 && i - first < 4 && !p->used[first - 1] && is_name_word(c, nm, first - 1) &&
               (name_initial(c, l, first - 1) || hyphen_cont(c, l, first - 1))) {
            first--;
            if (first > 0) {
                int stop = 0;
                for (size_t k = l->start + nm->rend[first - 1]; k < l->start + nm->rstart[first]; k++)
                    stop |= strchr("|,:;/()", c->s[k]) != NULL;
                if (stop)
                    break;
            }
        }
        if (first == i)
            continue;
        p->have_author = 1;
        p->name_a = l->start + nm->rstart[first];
        p->name_b = l->start + nm->rend[i - 1];
        for (size_t k = first; k <= i; k++)
            p->used[k] = 1;
        return 1;
    }
    return 0;
}

/* Words of an e-mail address on the line ("jane.roe@example.com") belong
 * to the byline. */
static void email_words(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const char *s = c->s + l->start;
    size_t n = l->end - l->start;
    const char *at = memchr(s, '@', n);
    if (!at)
        return;
    size_t a = (size_t)(at - s), b = a;
    while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '(' && s[a - 1] != '<')
        a--;
    while (b < n && s[b] != ' ' && s[b] != ')' && s[b] != '>')
        b++;
    if (!memchr(at, '.', b - a - (size_t)(at - s - a)))
        return;
    for (size_t w = 0; w < l->nm.nwords; w++)
        if (l->nm.rstart[w] >= a && l->nm.rend[w] <= b)
            p->used[w] = 1;
}

static int separated(const wn_cctx *c, const wn_cline *l, size_t w_before, size_t w_after)
{
    const wn_norm *nm = &l->nm;
    for (size_t k = l->start + nm->rend[w_before]; k < l->start + nm->rstart[w_after]; k++)
        if (strchr("|,-/", c->s[k]) || (unsigned char)c->s[k] >= 0x80)
            return 1;
    return 0;
}

/* A name beside the date with no marker: "March 3, 2021 | JANE ROE",
 * "Jane Roe · Mar 3, 2021 · 5 min read": capitalised words, set apart from
 * the date by a separator, at the end or the start of the line. */
static int trailing_name(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const wn_norm *nm = &l->nm;
    size_t first_used = nm->nwords, last_used = 0;
    for (size_t w = 0; w < nm->nwords; w++)
        if (p->used[w]) {
            if (first_used == nm->nwords)
                first_used = w;
            last_used = w;
        }
    if (first_used == nm->nwords)
        return 0;
    size_t first, end;
    if (first_used >= 1 && first_used <= 4 && separated(c, l, first_used - 1, first_used)) {
        first = 0, end = first_used; /* leading */
    } else if (last_used + 1 < nm->nwords && nm->nwords - last_used - 1 <= 4 &&
               separated(c, l, last_used, last_used + 1)) {
        first = last_used + 1, end = nm->nwords; /* trailing */
        /* up to the next separator: "Aug 9, 2020 / Peter Hall / 12 Comments" */
        for (size_t w = first + 1; w < end; w++)
            if (separated(c, l, w - 1, w)) {
                end = w;
                break;
            }
    } else {
        return 0;
    }
    for (size_t w = first; w < end; w++) {
        if (w > first && hyphen_cont(c, l, w) && is_name_word(c, nm, w))
            continue;
        const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, w, WN_LEX_BYLINE);
        if (e && !strcmp(e->cat, "author") && w > first) {
            end = w; /* a desk label after the name ("Jane Roe | Redaktion") */
            p->used[w] = 1;
            break;
        }
        if (!name_initial(c, l, w) || !is_name_word(c, nm, w))
            return 0;
    }
    if (end - first < 2 && nm->wlen[first] < 3)
        return 0;
    /* "Emily Chen, Staff Writer": the name ends at the comma, a role
     * follows it */
    size_t name_end = end;
    for (size_t w = first + 1; w < end && name_end == end; w++)
        if (memchr(c->s + l->start + nm->rend[w - 1], ',', nm->rstart[w] - nm->rend[w - 1]))
            name_end = w;
    p->have_author = 1;
    p->name_a = l->start + nm->rstart[first];
    p->name_b = l->start + nm->rend[name_end - 1];
    for (size_t w = first; w < end; w++)
        p->used[w] = 1;
    return 1;
}

/* Publishing labels of several words ("mis à jour le", "last updated on")
 * are accounted for as a whole. */
static void posted_words(void *ud, const wn_lex_hit *h)
{
    bl_parse *p = ud;
    if (h->nwords > 1 && !strcmp(h->e->cat, "posted"))
        memset(p->used + h->word, 1, h->nwords);
}

/* The byline's own words say how its numeric date is ordered: "Mis à
 * jour le 02/06/2021" is day first even on an English page. */
static void line_order(void *ud, const wn_lex_hit *h)
{
    bl_parse *p = ud;
    if (h->e->cat[0] != 'm' && strcmp(h->e->lang, "en"))
        p->en_order = 0;
}

/* The section a post was filed in, after its author and date: "| Business,
 * News", "in Recipes". Up to three capitalised words after the last word
 * of the byline, behind a separator or "in". */
static void category_tail(const wn_cctx *c, const wn_cline *l, bl_parse *p)
{
    const wn_norm *nm = &l->nm;
    size_t last = 0;
    for (size_t w = 0; w < nm->nwords; w++)
        if (p->used[w])
            last = w;
    size_t first = last + 1;
    if (first >= nm->nwords || nm->nwords - first > 4)
        return;
    int in = nm->wlen[first] == 2 && !memcmp(word(nm, first), "in", 2);
    if (!in && !separated(c, l, last, first))
        return;
    if (in && (first + 1 >= nm->nwords || nm->nwords - first - 1 > 3))
        return;
    for (size_t w = first + (size_t)in; w < nm->nwords; w++)
        if (!name_initial(c, l, w))
            return;
    memset(p->used + first, 1, nm->nwords - first);
}

/* A name written in capitals ("By JAMES O'CONNOR") goes into the metadata
 * as a name is written: "James O'Connor". NULL when the name has a lower
 * case letter (it is written as its owner wants) or memory runs out. */
static char *shouted_name(wn_doc *d, const char *s, size_t n)
{
    size_t upper = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len)
            return NULL;
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return NULL;
        upper += cat == UTF8PROC_CATEGORY_LU;
        i += len;
    }
    if (upper < 2)
        return NULL;
    char *out = wn_arena_alloc(d->arena, 2 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int start = 1; /* at the start of a word, or after ' or - inside one */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = wn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        if (letter && !start)
            cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        o += wn_utf8_encode(cp, out + o);
        start = !letter;
        i += len;
    }
    out[o] = 0;
    return out;
}

int wn_clean_byline(wn_cctx *c)
{
    int meta_author = 0, meta_date = 0;
    for (size_t i = 0; i < c->nl; i++) {
        wn_cline *l = &c->ln[i];
        if (l->blank || l->verdict >= 0)
            continue;
        if (l->nb >= HEAD_LINES)
            break;
        const wn_norm *nm = &l->nm;
        if (!nm->nwords || nm->nwords > 16 || l->end - l->start > 200)
            continue;
        bl_parse p = {0};
        p.used = wn_arena_calloc(c->d->arena, nm->nwords, 1);
        if (!p.used)
            return -1;
        p.en_order = !strcmp(c->lang, "en");
        if (p.en_order)
            wn_lex_scan(c->cfg->lx, nm, 1u << WN_LEX_BYLINE, line_order, &p);
        if (!numeric_date(c, l, &p))
            named_date(c, l, &p);
        /* a time right after the date belongs to it ("1 April 2023 9時00分
         * 投稿者 ...", "12.03.2023 14:05 by ..."), so a marker may follow it */
        for (size_t w = 1; w < nm->nwords; w++)
            if (p.used[w - 1] && !p.used[w] &&
                (is_time_word(word(nm, w), nm->wlen[w]) ||
                 (nm->wlen[w] <= 2 && is_digits(word(nm, w), nm->wlen[w]))))
                p.used[w] = 1;
        if (!author(c, l, &p))
            author_after(c, l, &p);
        email_words(c, l, &p);
        if (p.have_date && !p.have_author && trailing_name(c, l, &p) < 0)
            return -1;
        if (!p.have_date && !p.have_author)
            continue;
        wn_lex_scan(c->cfg->lx, nm, 1u << WN_LEX_BYLINE, posted_words, &p);
        if (p.have_author && p.have_date)
            category_tail(c, l, &p);
        /* what is left must be publishing labels, times and the like */
        size_t left = 0;
        for (size_t w = 0; w < nm->nwords; w++) {
            if (p.used[w])
                continue;
            const wn_lex_entry *e = wn_lex_word(c->cfg->lx, nm, w, WN_LEX_BYLINE);
            if (e && (!strcmp(e->cat, "posted") || !strcmp(e->cat, "author") || e->cat[0] == 'm'))
                continue; /* labels, a desk ("da Redação"), months */
            if ((is_digits(word(nm, w), nm->wlen[w]) && nm->wlen[w] <= 4) ||
                is_time_word(word(nm, w), nm->wlen[w]))
                continue; /* times, reading minutes */
            left++;
        }
        if (left > 1 || (left == 1 && nm->nwords < 3))
            continue;
        char date[16] = "";
        if (p.have_date) {
            if (p.dd)
                snprintf(date, sizeof date, "%04d-%02d-%02d", p.y, p.m, p.dd);
            else
                snprintf(date, sizeof date, "%04d-%02d", p.y, p.m);
        }
        wn_buf b;
        wn_buf_init(&b, 0);
        int err = wn_buf_puts(&b, "{");
        if (p.have_author) {
            err |= wn_buf_puts(&b, "\"author\":");
            err |= wn_json_put_string(&b, c->s + p.name_a, p.name_b - p.name_a);
        }
        if (p.have_date)
            err |= wn_buf_printf(&b, "%s\"date\":\"%s\"", p.have_author ? "," : "", date);
        err |= wn_buf_puts(&b, "}");
        char *det = err ? NULL : wn_arena_strndup(c->d->arena, b.data, b.len);
        wn_buf_release(&b);
        if (!det)
            return -1;
        if (p.have_author && !meta_author) {
            const char *name = c->s + p.name_a;
            size_t name_len = p.name_b - p.name_a;
            char *cased = shouted_name(c->d, name, name_len);
            if (cased)
                name = cased, name_len = strlen(cased);
            if (wn_doc_meta_str(c->d, "author", name, name_len))
                return -1;
            meta_author = 1;
        }
        if (p.have_date && !meta_date) {
            if (wn_doc_meta_str(c->d, "date", date, strlen(date)))
                return -1;
            meta_date = 1;
        }
        wn_clean_verdict(c, i, WN_REASON_BYLINE,
                         p.have_author && p.have_date ? "byline.author_date"
                         : p.have_author              ? "byline.author"
                                                      : "byline.date",
                         det);
    }
    return 0;
}
