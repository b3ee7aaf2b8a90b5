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
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>

#include "clean/clean.h"
#include "lang/lang.h"

#define SPAM_THRESHOLD 4.0
#define SPAM_NEIGHBOUR_THRESHOLD 3.0

typedef struct spam_eval {
    double score, func_ratio, shape;
    wn_lang_guess g;
    const char *lang; /* reported language of the line */
    int mismatch;
} spam_eval;

static int is_digit(char ch) { return (unsigned)(ch - '0') <= 9; }

/* A domain: letters, a dot, then two to six letters, with no space around
 * the dot ("rx-pills.com", "t.me/x", "www."). Numbers (3.5) and sentence
 * ends ("end. Next") are not domains. */
static int has_domain(const char *s, size_t n)
{
    if (memmem(s, n, "http", 4) || memmem(s, n, "www.", 4))
        return 1;
    for (size_t i = 1; i + 2 < n; i++) {
        if (s[i] != '.' || !((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
            continue;
        size_t k = i + 1;
        while (k < n && s[k] >= 'a' && s[k] <= 'z')
            k++;
        if (k - i - 1 >= 2 && k - i - 1 <= 6 && (k == n || s[k] == '/' || s[k] == ' ' || s[k] == '"' ||
                                                 s[k] == ','))
            return 1;
    }
    return 0;
}

/* The marks ad_shape() found, for rules that weigh them one by one. */
enum { AD_DOMAIN = 1, AD_HANDLE = 2, AD_MONEY = 4, AD_PHONE = 8, AD_SEPS = 16, AD_SHOUT = 32 };

/* How much the line looks like an advertisement rather than a sentence,
 * from its shape alone: web addresses and handles, prices, percentages and
 * phone numbers, shouting capitals, and list separators between short
 * items ("slots | poker | roulette", ">> Play", "***"). Each counts once;
 * the sum is capped, because prose can have one of them by chance. */
static double ad_shape(const wn_cctx *c, const wn_cline *l, unsigned *kinds)
{
    const char *s = c->s + l->start;
    size_t n = l->end - l->start;
    const wn_norm *nm = &l->nm;
    double v = 0;
    int domain = has_domain(s, n);
    if (domain)
        v += 1.0;
    int handle = 0, money = 0, phone = 0, seps = 0, shout = 0;
    size_t digits_run = 0, phone_digits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '@' && i + 1 < n && s[i + 1] != ' ' && (i == 0 || s[i - 1] == ' '))
            handle = 1;
        if (ch == '%' || ch == '$' ||
            (ch == 0xE2 && i + 2 < n && !memcmp(s + i, "\xe2\x82\xac", 3) &&
             !(i >= 2 && !memcmp(s + i - 2, "\xc3\xa2", 2))) || /* a euro, not mojibake's "â€" */
            (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA3))
            money = 1; /* % $ euro pound */
        if (is_digit(s[i])) {
            digits_run++;
        } else if (s[i] == ' ' || s[i] == '-' || s[i] == '+') {
            if (digits_run >= 2)
                phone_digits += digits_run;
            else if (digits_run)
                phone_digits = 0;
            digits_run = 0;
        } else {
            if (phone_digits + digits_run >= 9)
                phone = 1;
            phone_digits = digits_run = 0;
        }
        if (i + 1 < n && ((ch == '>' && s[i + 1] == '>') || (ch == '*' && s[i + 1] == '*')))
            seps = 1;
    }
    if (phone_digits + digits_run >= 9)
        phone = 1;
    if (memmem(s, n, "24/7", 4))
        money = 1;
    /* capitals: words of 3+ letters written all in upper case */
    size_t caps = 0, long_words = 0;
    for (size_t w = 0; w < nm->nwords; w++) {
        if (nm->rend[w] - nm->rstart[w] < 3)
            continue;
        long_words++;
        size_t up = 0, len = nm->rend[w] - nm->rstart[w];
        for (size_t k = nm->rstart[w]; k < nm->rend[w]; k++)
            up += s[k] >= 'A' && s[k] <= 'Z';
        if (up == len)
            caps++;
    }
    shout = long_words >= 3 && caps * 2 >= long_words;
    /* separators: | , between short items (also the Arabic comma and the
     * ideographic and full-width commas, which CJK and Arabic ads use) */
    size_t bars = 0;
    for (size_t i = 0; i < n; i++) {
        bars += s[i] == '|' || s[i] == ',';
        if (i + 1 < n && (unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0x8C)
            bars++; /* ، */
        else if (i + 2 < n && ((!memcmp(s + i, "\xe3\x80\x81", 3)) || !memcmp(s + i, "\xef\xbc\x8c", 3)))
            bars++; /* 、 ， */
    }
    if (bars >= 3 && nm->nwords <= 4 * (bars + 1))
        seps = 1;
    v += 0.5 * (handle + money + phone + seps + shout);
    if (kinds)
        *kinds = (domain ? AD_DOMAIN : 0) | (handle ? AD_HANDLE : 0) |
                 (money ? AD_MONEY : 0) | (phone ? AD_PHONE : 0) | (seps ? AD_SEPS : 0) |
                 (shout ? AD_SHOUT : 0);
    return v > 2.0 ? 2.0 : v;
}

static void evaluate(const wn_cctx *c, const wn_cline *l, spam_eval *ev)
{
    memset(ev, 0, sizeof *ev);
    const wn_norm *nm = &l->nm;
    double words = wn_norm_words(nm);
    if (words < 1)
        words = 1;
    double cov = nm->nlen ? (double)l->spam_cov / (double)nm->nlen : 0;
    if (cov > 1)
        cov = 1;
    /* function words of unspaced scripts are found as substrings, about
     * one per two letters at most: measure them against letters, not words */
    double slots = (double)nm->nwords + (double)nm->nospace / 2.0;
    ev->func_ratio = l->func / (slots < 1 ? 1 : slots);

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
    else if (l->spam_terms + l->spam_repeats >= 3 && ev->func_ratio < 0.15 && words <= 40)
        s += 1.0; /* or one term over and over ("slot x | slot y | slot z") */
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
    /* an advertisement is short; in a paragraph these shapes mean nothing */
    ev->shape = words <= 40 ? ad_shape(c, l, NULL) : 0;
    s += ev->shape > 1.5 ? 1.5 : ev->shape;
    ev->score = s;
}

static int mark(wn_cctx *c, size_t i, const spam_eval *ev, const char *rule)
{
    const wn_cline *l = &c->ln[i];
    const char *det = wn_doc_printf(
        c->d,
        "{\"lang\":\"%s\",\"lang_score\":%.2f,\"category\":\"%s\",\"terms\":%d,\"weight\":%.2f,"
        "\"function_words\":%.2f,\"ad_shape\":%.1f,\"score\":%.2f}",
        ev->lang ? ev->lang : "un", ev->g.score, l->spam_cat ? l->spam_cat : "", l->spam_terms,
        l->spam_w, ev->func_ratio, ev->shape, ev->score);
    if (!det)
        return -1;
    wn_clean_verdict(c, i, WN_REASON_SPAM_INJECTION, rule, det);
    return 0;
}

/* Is the line confidently written in another language than the document?
 * CLD2 must have read enough letters (a few words) and be sure. */
static int foreign(const wn_cctx *c, const spam_eval *ev)
{
    return ev->g.reliable && ev->g.bytes >= 24 && ev->g.score >= 0.8 && strcmp(ev->g.code, "un") &&
           strcmp(c->lang, "un") && strcmp(ev->g.code, c->lang);
}

/* A line that is not a sentence (an exclamation counts: ads shout), of
 * advertisement length. */
static int ad_length(const wn_cctx *c, const wn_cline *l)
{
    const wn_norm *nm = &l->nm;
    double words = wn_norm_words(nm);
    if (words < 3 || words > 40 || l->end - l->start > 400)
        return 0;
    if (!l->sent_end)
        return 1;
    size_t e = l->end;
    while (e > l->start && c->s[e - 1] == ' ')
        e--;
    return c->s[e - 1] == '!';
}

/* A line that no spam list knows well can still be an advertisement:
 * short, no sentence, confidently in another language than the document,
 * with few function words, and either shaped like an ad (an address with
 * prices, phone numbers, capitals or list separators: "spam.shape") or
 * carrying at least one weak commercial word or one ad mark ("spam.foreign":
 * a hacked site injects its own language into a page in another one; a
 * quotation in a foreign language is a sentence, or has no commerce in it).
 * CLD2 runs only on lines that already have one of those marks. */
static int unlisted(wn_cctx *c, size_t i, double *score)
{
    const wn_cline *l = &c->ln[i];
    if (!ad_length(c, l))
        return 0;
    unsigned char first = (unsigned char)c->s[l->start];
    if (first == '$' || first == '#' || first == '>' || first == '`' || first == '\'' || first == '"')
        return 0; /* a shell prompt, a comment, a quoted literal: code */
    unsigned kinds = 0;
    double shape = ad_shape(c, l, &kinds);
    /* Without a commercial word, two marks of an ad that a link, a list or
     * a table row does not have by itself (a handle, a price, a phone
     * number, capitals), or a contact (handle, phone) in a list. Rows of
     * figures are tables, whatever language CLD2 reads in them. */
    int strong_marks = !!(kinds & AD_HANDLE) + !!(kinds & AD_MONEY) + !!(kinds & AD_PHONE) + !!(kinds & AD_SHOUT);
    int contact_list = (kinds & (AD_HANDLE | AD_PHONE)) && (kinds & AD_SEPS);
    int commerce = l->ui_hits == 0 && l->nm.digits * 3 < l->nm.letters &&
                   (strong_marks >= 2 || contact_list ||
                    (l->spam_w >= 0.3 && (l->spam_terms >= 2 || shape >= 0.5)));
    if (shape < 1.5 && !commerce)
        return 0; /* no trace of commerce: a heading, a caption, a quotation, chrome */
    spam_eval ev;
    evaluate(c, l, &ev);
    if (!foreign(c, &ev))
        return 0;
    *score = ev.score;
    if (shape >= 1.5 && !l->sent_end && ev.func_ratio < 0.2)
        return mark(c, i, &ev, "spam.shape");
    if (commerce && ev.func_ratio < 0.25 && ev.score >= SPAM_THRESHOLD)
        return mark(c, i, &ev, "spam.foreign");
    return 0;
}

/* Lines of the page whose heaviest spam term is of category cat. An
 * article about casinos names its trade on many lines; an injected line
 * sells something the rest of the page never mentions. */
typedef struct cat_count {
    const char *cat;
    size_t lines;
} cat_count;

static size_t count_cats(const wn_cctx *c, cat_count *cc, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nl; i++) {
        const wn_cline *l = &c->ln[i];
        if (l->blank || l->spam_w < 0.3 || !l->spam_cat)
            continue;
        size_t k = 0;
        while (k < n && strcmp(cc[k].cat, l->spam_cat))
            k++;
        if (k == n) {
            if (n == cap)
                continue;
            cc[n++] = (cat_count){l->spam_cat, 0};
        }
        cc[k].lines++;
    }
    return n;
}

static int isolated(const wn_cctx *c, const wn_cline *l, const cat_count *cc, size_t ncc)
{
    if (c->nnb < 6 || !l->spam_cat)
        return 0;
    for (size_t k = 0; k < ncc; k++)
        if (!strcmp(cc[k].cat, l->spam_cat))
            return cc[k].lines <= 2;
    return 0;
}

int wn_clean_spam(wn_cctx *c)
{
    double *score = wn_arena_calloc(c->d->arena, c->nl, sizeof *score);
    if (!score)
        return -1;
    cat_count cc[16];
    size_t ncc = count_cats(c, cc, 16);
    int any = 0;
    for (size_t i = 0; i < c->nl; i++) {
        const wn_cline *l = &c->ln[i];
        if (l->blank || l->verdict >= 0)
            continue;
        if (l->spam_w < 0.5) {
            if (unlisted(c, i, &score[i]))
                return -1;
            any |= l->verdict >= 0;
            continue;
        }
        spam_eval ev;
        evaluate(c, l, &ev);
        /* a trade that no other line of the page mentions */
        int alone = isolated(c, l, cc, ncc) && wn_norm_words(&l->nm) <= 40;
        if (alone)
            ev.score += 1.0;
        score[i] = ev.score;
        /* one term in the document's own language is a topic, not spam,
         * unless the line is also shaped like an advertisement, or is the
         * only line of the page on that topic and reads like no prose */
        int strong = l->spam_w >= 1.0 && (ev.mismatch || l->spam_terms >= 2 || ev.shape >= 1.0 ||
                                          (alone && ev.func_ratio < 0.2 && !l->sent_end));
        /* a keyword list: commercial terms repeated item after item */
        int listed = l->spam_w >= 0.5 && l->spam_terms + l->spam_repeats >= 4 && ev.func_ratio < 0.15 &&
                     ev.shape >= 0.5;
        /* weaker terms suffice in a confidently foreign line shaped like an ad */
        int foreign_ad = l->spam_w >= 0.6 && l->spam_terms >= 2 && ev.g.reliable && ev.mismatch &&
                         ev.shape >= 0.5 && ev.func_ratio < 0.2;
        if ((strong || foreign_ad || listed) && ev.score >= SPAM_THRESHOLD) {
            if (mark(c, i, &ev, "spam.lexicon"))
                return -1;
            any = 1;
        } else if (ad_length(c, l) && l->ui_hits == 0 && (l->spam_terms >= 2 || ev.shape >= 0.5) &&
                   foreign(c, &ev) && ev.func_ratio < 0.25 && ev.score >= SPAM_THRESHOLD) {
            /* commercial words in a foreign line that is no sentence */
            if (mark(c, i, &ev, "spam.foreign"))
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
            if (l->blank || l->verdict >= 0 || l->spam_w < 0.8 || score[i] < SPAM_NEIGHBOUR_THRESHOLD ||
                wn_norm_words(&l->nm) > 60)
                continue; /* a paragraph is never part of an injected block */
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
