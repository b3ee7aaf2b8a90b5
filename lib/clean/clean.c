/*
 * clean.c - the clean stage: removes the noise that web text extraction
 * leaves in a page (injected spam, junk spans, page chrome, bylines, traces
 * of lost tables, mojibake), each removal with its reason, and identifies the
 * document's language.
 *
 * The work is line based because that is how the noise arrives: a hacked
 * site injects a line, a template adds a line of chrome, an extractor drops a
 * table and leaves a row behind. Each line is measured once here (normalized
 * words and the vocabulary they hit, see lexicon.h), then the detectors in
 * the other files of this folder decide. CLD2 costs about as much as all the
 * rest together, so it runs once per document on a bounded sample and then
 * only on lines that a detector already suspects (see spam.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "core/utf8.h"
#include "lang/lang.h"

static const char *const class_names[WN_CLS_N] = {
    "spam_injection", "junk_span", "boilerplate", "byline", "lost_content", "mojibake",
};

static void *create(char *err, size_t errlen)
{
    wn_clean_cfg *c = calloc(1, sizeof *c);
    if (c)
        c->lx = wn_lexicon_create();
    if (!c || !c->lx) {
        snprintf(err, errlen, "clean: out of memory loading the lexicons");
        if (c)
            free(c);
        return NULL;
    }
    for (int i = 0; i < WN_CLS_N; i++)
        c->on[i] = 1;
    c->tidy = 1;
    c->lang_sample = 1536;
    return c;
}

static void destroy(void *state)
{
    wn_clean_cfg *c = state;
    if (c)
        wn_lexicon_free(c->lx);
    free(c);
}

/* "off" takes a comma-separated list of class names; each class also has its
 * own boolean switch under its reason code. */
static int set(void *state, const char *param, const char *value, char *err, size_t errlen)
{
    wn_clean_cfg *c = state;
    for (int i = 0; i < WN_CLS_N; i++)
        if (!strcmp(param, class_names[i])) {
            if (wn_param_bool(value, &c->on[i])) {
                snprintf(err, errlen, "clean.%s: want 0 or 1, got '%s'", param, value);
                return -2;
            }
            return 0;
        }
    if (!strcmp(param, "off")) {
        const char *p = value;
        while (*p) {
            size_t l = strcspn(p, ",");
            int found = 0;
            for (int i = 0; i < WN_CLS_N; i++)
                if (strlen(class_names[i]) == l && !memcmp(class_names[i], p, l)) {
                    c->on[i] = 0;
                    found = 1;
                }
            if (!found && l) {
                snprintf(err, errlen,
                         "clean.off: unknown class '%.*s' (spam_injection, junk_span, boilerplate, "
                         "byline, lost_content, mojibake)",
                         (int)l, p);
                return -2;
            }
            p += l + (p[l] == ',');
        }
        return 0;
    }
    if (!strcmp(param, "tidy")) {
        if (wn_param_bool(value, &c->tidy)) {
            snprintf(err, errlen, "clean.tidy: want 0 or 1, got '%s'", value);
            return -2;
        }
        return 0;
    }
    if (!strcmp(param, "lang_sample")) {
        if (wn_param_size(value, &c->lang_sample) || c->lang_sample < 64) {
            snprintf(err, errlen, "clean.lang_sample: want a byte count >= 64, got '%s'", value);
            return -2;
        }
        return 0;
    }
    return -1;
}

int wn_clean_push(wn_cctx *c, size_t start, size_t end, wn_reason r, const char *rule,
                  const char *detail, const char *repl, size_t repl_len)
{
    wn_edit *nv = wn_arena_grow(c->d->arena, c->ev, c->nev, &c->cap, sizeof *nv);
    if (!nv)
        return -1;
    c->ev = nv;
    c->ev[c->nev++] = (wn_edit){.start = start, .end = end, .reason = r, .rule = rule,
                                .detail = detail, .repl = repl, .repl_len = repl_len};
    return 0;
}

void wn_clean_verdict(wn_cctx *c, size_t i, wn_reason r, const char *rule, const char *detail)
{
    if (c->ln[i].verdict >= 0)
        return;
    c->ln[i].verdict = (int)r;
    c->ln[i].rule = rule;
    c->ln[i].detail = detail;
}

int wn_clean_is_sent_end(const char *s, size_t a, size_t b)
{
    /* step back over spaces and closing quotes / brackets */
    while (b > a) {
        unsigned char ch = (unsigned char)s[b - 1];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '"' || ch == '\'' || ch == ')' ||
            ch == ']')
            b--;
        else if (b - a >= 3 && !memcmp(s + b - 3, "\xe2\x80", 2) &&
                 ((unsigned char)s[b - 1] == 0x9d || (unsigned char)s[b - 1] == 0x99))
            b -= 3; /* ” ’ */
        else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xc2 && (unsigned char)s[b - 1] == 0xbb)
            b -= 2; /* » */
        else
            break;
    }
    if (b == a)
        return 0;
    char ch = s[b - 1];
    if (ch == '.' || ch == '!' || ch == '?')
        return 1;
    static const char *const cjk_end[] = {"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f",
                                          "\xe2\x80\xa6", "\xd8\x9f", "\xe0\xa5\xa4"};
    for (size_t k = 0; k < sizeof cjk_end / sizeof *cjk_end; k++) {
        size_t l = strlen(cjk_end[k]);
        if (b - a >= l && !memcmp(s + b - l, cjk_end[k], l))
            return 1;
    }
    return 0;
}

size_t wn_clean_next_nonblank(const wn_cctx *c, size_t i)
{
    for (i++; i < c->nl; i++)
        if (!c->ln[i].blank)
            return i;
    return c->nl;
}

char *wn_clean_json_str(wn_doc *d, const char *s, size_t n)
{
    wn_buf b;
    wn_buf_init(&b, 0);
    if (wn_json_put_string(&b, s, n)) {
        wn_buf_release(&b);
        return NULL;
    }
    char *j = wn_arena_strndup(d->arena, b.data, b.len);
    wn_buf_release(&b);
    return j;
}

static int split_lines(wn_cctx *c)
{
    size_t nl = 1;
    for (const char *p = c->s; (p = memchr(p, '\n', (size_t)(c->s + c->n - p))); p++)
        nl++;
    c->ln = wn_arena_calloc(c->d->arena, nl, sizeof *c->ln);
    if (!c->ln)
        return -1;
    size_t pos = 0, k = 0;
    while (pos < c->n) {
        const char *nlp = memchr(c->s + pos, '\n', c->n - pos);
        size_t e = nlp ? (size_t)(nlp - c->s) : c->n;
        wn_cline *l = &c->ln[k++];
        l->start = pos;
        l->end = e;
        l->next = nlp ? e + 1 : c->n;
        l->verdict = -1;
        l->blank = 1;
        for (size_t i = pos; i < e; i++)
            if (c->s[i] != ' ' && c->s[i] != '\t' && c->s[i] != '\r') {
                l->blank = 0;
                break;
            }
        l->nb = l->blank ? -1 : (int)c->nnb++;
        pos = l->next;
    }
    c->nl = k;
    return 0;
}

/* The spans one earlier stage recorded, with the running length change, so
 * that an offset maps forward in O(log n) (a page with thousands of blank
 * runs must not cost thousands squared). */
typedef struct stage_map {
    const wn_span_rec *v; /* that stage's spans: consecutive and sorted by start */
    size_t n;
    long *shift;          /* shift[i]: length change of spans [0, i) */
} stage_map;

static int build_maps(const wn_doc *d, stage_map *maps)
{
    for (size_t k = 0; k < d->cur_stage; k++) {
        stage_map *m = &maps[k];
        size_t i = 0;
        while (i < d->spans.n && d->spans.v[i].stage != k)
            i++;
        m->v = d->spans.v + i;
        while (i < d->spans.n && d->spans.v[i].stage == k)
            i++, m->n++;
        m->shift = wn_arena_alloc(d->arena, (m->n + 1) * sizeof *m->shift);
        if (!m->shift)
            return -1;
        m->shift[0] = 0;
        for (size_t j = 0; j < m->n; j++)
            m->shift[j + 1] = m->shift[j] + (long)m->v[j].e.repl_len -
                              (long)(m->v[j].e.end - m->v[j].e.start);
    }
    return 0;
}

/* Map an offset in the text stage k received to the text stage k + 1
 * received: an offset inside an edit goes to the edit's start. */
static size_t map_forward(const stage_map *m, size_t pos)
{
    size_t lo = 0, hi = m->n; /* spans [0, lo) end at or before pos */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->v[mid].e.end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->n && m->v[lo].e.start < pos)
        pos = m->v[lo].e.start;
    return (size_t)((long)pos + m->shift[lo]);
}

/* How many blank lines followed each line before earlier stages collapsed
 * them: a long run is what a lost table leaves, and blank_run has usually
 * removed it by the time this stage runs, so we read its evidence. */
static int blanks_from_evidence(wn_cctx *c)
{
    const wn_doc *d = c->d;
    if (d->annotate_only || !d->cur_stage)
        return 0; /* the text was never collapsed: counting it directly works */
    stage_map *maps = wn_arena_calloc(d->arena, d->cur_stage, sizeof *maps);
    if (!maps || build_maps(d, maps))
        return -1;
    for (size_t i = 0; i < d->spans.n; i++) {
        const wn_span_rec *r = &d->spans.v[i];
        if (r->e.reason != WN_REASON_BLANK_RUN || r->stage >= d->cur_stage || !r->e.detail)
            continue;
        const char *bl = strstr(r->e.detail, "\"blank_lines\":");
        if (!bl)
            continue;
        size_t lines = strtoul(bl + 14, NULL, 10);
        if (lines < 2)
            continue;
        size_t pos = r->e.start;
        for (size_t k = r->stage; k < d->cur_stage; k++)
            pos = map_forward(&maps[k], pos);
        /* the content line that the run followed */
        size_t lo = 0, hi = c->nl;
        while (lo < hi) { /* first line starting at or after pos */
            size_t mid = (lo + hi) / 2;
            if (c->ln[mid].start < pos)
                lo = mid + 1;
            else
                hi = mid;
        }
        while (lo > 0 && c->ln[lo - 1].blank)
            lo--;
        if (lo > 0 && c->ln[lo - 1].blanks_after < lines)
            c->ln[lo - 1].blanks_after = lines;
    }
    return 0;
}

static void count_blanks(wn_cctx *c)
{
    size_t run = 0;
    for (size_t i = c->nl; i-- > 0;) {
        if (c->ln[i].blank) {
            run++;
        } else {
            if (c->ln[i].blanks_after < run)
                c->ln[i].blanks_after = run;
            run = 0;
        }
    }
}

/* The document language from a bounded sample: whole short documents, else
 * windows from the middle of the text, where injected spam (at the edges)
 * and chrome are least likely. */
static void doc_language(wn_cctx *c)
{
    size_t cap = c->cfg->lang_sample;
    wn_lang_guess g;
    if (c->n <= cap) {
        wn_lang_detect(c->s, c->n, &g);
    } else {
        char *buf = wn_arena_alloc(c->d->arena, cap + 4);
        if (!buf) {
            wn_lang_detect(c->s, cap, &g);
        } else {
            size_t w = cap / 3, o = 0;
            for (int k = 1; k <= 3; k++) {
                size_t at = c->n * (size_t)k / 4 - w / 2;
                while (at > 0 && ((unsigned char)c->s[at] & 0xC0) == 0x80)
                    at--; /* start on a code point */
                size_t len = wn_utf8_valid_prefix((const unsigned char *)c->s + at, w);
                memcpy(buf + o, c->s + at, len);
                o += len;
                buf[o++] = '\n';
            }
            wn_lang_detect(buf, o, &g);
        }
    }
    snprintf(c->lang, sizeof c->lang, "%s", g.code);
    c->lang_score = g.score;
}

static void on_hit(void *ud, const wn_lex_hit *h)
{
    wn_cline *l = ud;
    size_t cov = h->clen;
    switch (h->e->kind) {
    case WN_LEX_SPAM:
        l->spam_cov += cov;
        for (int k = 0; k < 8; k++) {
            if (l->spam_seen[k] == h->e) {
                l->spam_repeats++;
                return;
            }
            if (!l->spam_seen[k]) {
                l->spam_seen[k] = h->e;
                break;
            }
        }
        l->spam_w += h->e->weight;
        l->spam_terms++;
        if (!l->spam_lang || h->e->weight >= 1.0f) {
            l->spam_lang = h->e->lang;
            l->spam_cat = h->e->cat;
        }
        break;
    case WN_LEX_FUNCTION:
        l->func++;
        l->func_bytes += cov;
        break;
    case WN_LEX_INTERFACE:
        if (!strcmp(h->e->cat, "use")) {
            l->ui_use++; /* only evidence beside a cookie noun */
            break;
        }
        if (!strcmp(h->e->cat, "site")) {
            l->ui_site++;
            break;
        }
        if (!strcmp(h->e->cat, "cookie_noun"))
            l->ui_cookie_noun++;
        l->ui_w += h->e->weight * (double)cov;
        l->ui_bytes += cov;
        l->ui_hits++;
        if (!strcmp(h->e->cat, "phrase"))
            l->ui_phrases++;
        else if (!strcmp(h->e->cat, "lead")) {
            /* a strong label anywhere is a phrase; at the start it may
             * also open a line of chrome ("Read also: ...") */
            if (h->e->weight >= 1.0f)
                l->ui_phrases++;
            if (h->at_start)
                l->ui_lead = cov;
        }
        else if (!strcmp(h->e->cat, "cookie"))
            l->ui_cookie++;
        else if (!strcmp(h->e->cat, "copyright"))
            l->ui_copyright++;
        break;
    case WN_LEX_ANNOUNCE:
        if (!strcmp(h->e->cat, "pointer"))
            l->ann_pointer = 1;
        else if (!l->ann_thing)
            l->ann_thing = h->e->cat;
        break;
    default:
        break;
    }
}

static int measure(wn_cctx *c)
{
    for (size_t i = 0; i < c->nl; i++) {
        wn_cline *l = &c->ln[i];
        if (l->blank)
            continue;
        if (wn_norm_line(c->d->arena, c->s + l->start, l->end - l->start, &l->nm))
            return -1;
        wn_lex_scan(c->cfg->lx, &l->nm,
                    1u << WN_LEX_SPAM | 1u << WN_LEX_FUNCTION | 1u << WN_LEX_INTERFACE |
                        1u << WN_LEX_ANNOUNCE,
                    on_hit, l);
        l->sent_end = wn_clean_is_sent_end(c->s, l->start, l->end);
    }
    return 0;
}

/* Collapse the blank lines that removals leave next to each other, and
 * those left at the start or the end, the way blank_run would have: only in
 * stretches where this stage removed something, so the stage never
 * second-guesses an earlier blank_run setting. */
static int tidy(wn_cctx *c)
{
    size_t prev = (size_t)-1; /* last kept content line */
    for (size_t j = 0; j <= c->nl; j++) {
        int content = j < c->nl && !c->ln[j].blank && c->ln[j].verdict < 0;
        if (j < c->nl && !content)
            continue;
        size_t from = prev == (size_t)-1 ? 0 : prev + 1;
        int removed = 0;
        for (size_t k = from; k < j; k++)
            removed |= c->ln[k].verdict >= 0;
        if (removed) {
            size_t allowed = (prev == (size_t)-1 || j == c->nl) ? 0 : 1, seen = 0;
            size_t run_a = 0, run_b = 0; /* pending contiguous removal */
            for (size_t k = from; k <= j; k++) {
                int drop = 0;
                if (k < j && c->ln[k].blank && c->ln[k].verdict < 0)
                    drop = seen++ >= allowed;
                if (drop) {
                    if (run_b != c->ln[k].start)
                        run_a = c->ln[k].start;
                    run_b = c->ln[k].next;
                    c->ln[k].verdict = WN_REASON_BLANK_RUN;
                    c->ln[k].rule = "clean.blank_tidy";
                } else if (run_b > run_a) {
                    const char *det = wn_doc_printf(c->d, "{\"after\":\"removal\"}");
                    if (!det || wn_clean_push(c, run_a, run_b, WN_REASON_BLANK_RUN,
                                              "clean.blank_tidy", det, NULL, 0))
                        return -1;
                    run_a = run_b = 0;
                }
            }
        }
        prev = j;
    }
    return 0;
}

static wn_status run(const void *state, wn_doc *d)
{
    const wn_clean_cfg *cfg = state;
    wn_cctx c = {.cfg = cfg, .d = d, .s = d->text, .n = d->len};
    if (split_lines(&c))
        return WN_LIMIT;
    doc_language(&c);
    char *lang = wn_clean_json_str(d, c.lang, strlen(c.lang));
    char *score = wn_doc_printf(d, "%.2f", c.lang_score);
    if (!lang || !score || wn_doc_meta(d, "lang", lang) || wn_doc_meta(d, "lang_score", score))
        return WN_LIMIT;
    if (!c.nnb)
        return WN_OK;
    count_blanks(&c);
    if (blanks_from_evidence(&c))
        return WN_LIMIT;
    if (measure(&c))
        return WN_LIMIT;

    /* Line verdicts, most specific first: a byline is recognised by its
     * shape before spam or chrome could claim it. */
    if ((cfg->on[WN_CLS_BYLINE] && wn_clean_byline(&c)) ||
        (cfg->on[WN_CLS_SPAM] && wn_clean_spam(&c)) ||
        (cfg->on[WN_CLS_BOILERPLATE] && wn_clean_boilerplate(&c)) ||
        (cfg->on[WN_CLS_LOST] && wn_clean_lost(&c)))
        return WN_LIMIT;

    /* span detectors on the lines that stay; junk may still claim a line
     * that is nothing but junk, so it runs before removals are collected */
    if (cfg->on[WN_CLS_JUNK])
        for (size_t i = 0; i < c.nl; i++)
            if (!c.ln[i].blank && c.ln[i].verdict < 0 && wn_clean_junk(&c, i))
                return WN_LIMIT;
    size_t removed_lines = 0;
    for (size_t i = 0; i < c.nl; i++) {
        wn_cline *l = &c.ln[i];
        if (l->verdict >= 0) {
            removed_lines++;
            if (wn_clean_push(&c, l->start, l->next, (wn_reason)l->verdict, l->rule, l->detail,
                              NULL, 0))
                return WN_LIMIT;
        } else if (!l->blank && cfg->on[WN_CLS_MOJIBAKE] && wn_clean_mojibake(&c, i)) {
            return WN_LIMIT;
        }
    }
    if (removed_lines && cfg->tidy && tidy(&c))
        return WN_LIMIT;
    return wn_doc_apply(d, c.ev, c.nev) ? WN_LIMIT : WN_OK;
}

static const wn_param_doc params[] = {
    {"off", "", "comma-separated classes to switch off (spam_injection, junk_span, ...)"},
    {"spam_injection", "1", "remove injected commercial spam lines"},
    {"junk_span", "1", "remove digit runs, blobs and keyboard mash inside lines"},
    {"boilerplate", "1", "remove page chrome lines (share, print, cookies, navigation)"},
    {"byline", "1", "move author and date lines at the head into metadata"},
    {"lost_content", "1", "remove fragments of lost tables, lists and figures; flag them"},
    {"mojibake", "1", "repair UTF-8 that was decoded as Windows-1252 or Latin-1"},
    {"tidy", "1", "collapse blank lines left behind by removals"},
    {"lang_sample", "1536", "bytes of the document given to the language identifier"},
    {NULL, NULL, NULL},
};

const wn_stage_def wn_stage_clean = {
    .name = "clean",
    .summary = "remove injected spam, junk spans, chrome, bylines, lost-table traces; fix mojibake",
    .create = create,
    .set = set,
    .run = run,
    .destroy = destroy,
    .params = params,
};
