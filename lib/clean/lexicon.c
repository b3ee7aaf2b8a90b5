/*
 * lexicon.c - loading the embedded word lists and matching them.
 *
 * Terms are normalized at load time by the same function that normalizes
 * text (wn_norm_line), so case folding and punctuation rules can never
 * disagree between the two sides. Whole-word terms are indexed by a hash of
 * their first word; each bucket keeps its candidates longest first, so the
 * first candidate that matches is the longest match. Terms in scripts without
 * spaces go to a short per-kind list searched with memmem, only for lines
 * that contain such scripts.
 */
#define _GNU_SOURCE /* qsort_r, memmem */
#include "clean/lexicon.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"

static const wn_lex_entry entries[] = {
#include "clean/lexicon.inc"
};
#define NENTRIES (sizeof entries / sizeof entries[0])

typedef struct term {
    const wn_lex_entry *e;
    char *norm; /* normalized term */
    size_t nlen, nwords;
    size_t first_len; /* bytes of the first word; for a prefix term, the hashed prefix */
    int prefix;       /* "bukmacher*": matches any word that starts with the term */
} term;

/* Prefix terms are found through their first PREFIX_KEY bytes, so that an
 * inflected word ("букмекерские", "kasynie") costs one more hash probe. */
#define PREFIX_KEY 4

struct wn_lexicon {
    term *terms;
    size_t nterms;
    /* open addressing over first word -> index range in order[] */
    struct slot {
        uint64_t h;
        uint32_t from, count;
    } *slots;
    size_t nslots; /* power of two */
    /* one bit per hash value modulo its size: most words of a text are in no
     * list, and this answers them from L1 cache without probing the table */
    uint64_t filter[1024];
    uint32_t *order;
    uint32_t *sub[WN_LEX_NKINDS]; /* substring terms per kind */
    size_t nsub[WN_LEX_NKINDS];
};

double wn_norm_words(const wn_norm *nm)
{
    return (double)nm->nwords + (double)nm->han / 2.0 + (double)nm->sea / 6.0;
}

int wn_cp_nospace(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x0E00 && cp <= 0x0EFF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1000 && cp <= 0x109F) ||
           (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h | 1; /* 0 marks an empty slot */
}

static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) || c == UTF8PROC_CATEGORY_NL ||
           c == UTF8PROC_CATEGORY_NO;
}

int wn_norm_line(wn_arena *a, const char *s, size_t n, wn_norm *out)
{
    memset(out, 0, sizeof *out);
    /* case folding may lengthen a few code points (U+023A -> U+2C65) */
    out->norm = wn_arena_alloc(a, 2 * n + 8);
    size_t maxw = n / 2 + 2;
    out->wstart = wn_arena_alloc(a, 4 * maxw * sizeof(uint32_t));
    if (!out->norm || !out->wstart)
        return -1;
    out->wlen = out->wstart + maxw;
    out->rstart = out->wlen + maxw;
    out->rend = out->rstart + maxw;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int inword = 0;
    while (i < n) {
        uint32_t cp;
        size_t l;
        if (u[i] < 0x80) {
            cp = u[i];
            l = 1;
        } else {
            l = wn_utf8_decode(u + i, n - i, &cp);
            if (!l) { /* not expected after utf8_repair; treat as a separator */
                l = cp ? cp : 1;
                cp = ' ';
            }
        }
        if (is_word_cp(cp)) {
            if (!inword) {
                if (out->nwords == maxw)
                    break;
                out->wstart[out->nwords] = (uint32_t)o;
                out->rstart[out->nwords] = (uint32_t)i;
                int up = cp < 0x80 ? (cp - 'A' < 26) : utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
                out->upper_initial += up;
                inword = 1;
            }
            out->letters++;
            if (cp - '0' < 10)
                out->digits++;
            uint32_t lc;
            if (cp < 0x80)
                lc = cp - 'A' < 26 ? cp + 32 : cp;
            else {
                if (wn_cp_nospace(cp)) {
                    out->nospace++;
                    if ((cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
                        (cp >= 0x1780 && cp <= 0x17FF))
                        out->sea++;
                    else if (!(cp >= 0xAC00 && cp <= 0xD7AF))
                        out->han++;
                }
                lc = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
            }
            o += lc < 0x80 ? (out->norm[o] = (char)lc, 1) : wn_utf8_encode(lc, out->norm + o);
            out->rend[out->nwords] = (uint32_t)(i + l);
        } else if (inword) {
            out->wlen[out->nwords] = (uint32_t)(o - out->wstart[out->nwords]);
            out->nwords++;
            out->norm[o++] = ' ';
            inword = 0;
        }
        i += l;
    }
    if (inword) {
        out->wlen[out->nwords] = (uint32_t)(o - out->wstart[out->nwords]);
        out->nwords++;
    } else if (o)
        o--; /* drop the trailing separator */
    out->norm[o] = 0;
    out->nlen = o;
    return 0;
}

static int cmp_order(const void *a, const void *b, void *ctx)
{
    const term *t = ctx;
    const term *x = &t[*(const uint32_t *)a], *y = &t[*(const uint32_t *)b];
    uint64_t hx = hash_word(x->norm, x->first_len);
    uint64_t hy = hash_word(y->norm, y->first_len);
    if (hx != hy)
        return hx < hy ? -1 : 1;
    if (x->nwords != y->nwords)
        return x->nwords > y->nwords ? -1 : 1; /* longest first */
    return x->nlen > y->nlen ? -1 : x->nlen < y->nlen;
}

wn_lexicon *wn_lexicon_create(void)
{
    wn_lexicon *lx = calloc(1, sizeof *lx);
    wn_arena *a = wn_arena_create(0);
    if (!lx || !a)
        goto fail;
    lx->terms = calloc(NENTRIES, sizeof *lx->terms);
    lx->order = calloc(NENTRIES, sizeof *lx->order);
    for (int k = 0; k < WN_LEX_NKINDS; k++)
        lx->sub[k] = calloc(NENTRIES, sizeof(uint32_t));
    if (!lx->terms || !lx->order || !lx->sub[WN_LEX_NKINDS - 1])
        goto fail;
    size_t nword = 0;
    for (size_t i = 0; i < NENTRIES; i++) {
        wn_norm nm;
        size_t tl = strlen(entries[i].term);
        int prefix = tl > 1 && entries[i].term[tl - 1] == '*';
        if (wn_norm_line(a, entries[i].term, tl - (size_t)prefix, &nm) || !nm.nwords)
            continue;
        if (prefix && (nm.nwords != 1 || nm.nlen < PREFIX_KEY || nm.nospace))
            prefix = 0; /* only single words in spaced scripts: matched whole */
        term *t = &lx->terms[lx->nterms];
        t->prefix = prefix;
        t->e = &entries[i];
        t->norm = malloc(nm.nlen + 1);
        if (!t->norm)
            goto fail;
        memcpy(t->norm, nm.norm, nm.nlen + 1);
        t->nlen = nm.nlen;
        t->nwords = nm.nwords;
        t->first_len = prefix ? PREFIX_KEY : nm.wlen[0];
        if (nm.nospace) {
            wn_lex_kind k = t->e->kind;
            lx->sub[k][lx->nsub[k]++] = (uint32_t)lx->nterms;
        } else {
            lx->order[nword++] = (uint32_t)lx->nterms;
        }
        lx->nterms++;
    }
    qsort_r(lx->order, nword, sizeof *lx->order, cmp_order, lx->terms);
    lx->nslots = 16;
    while (lx->nslots < 2 * nword)
        lx->nslots *= 2;
    lx->slots = calloc(lx->nslots, sizeof *lx->slots);
    if (!lx->slots)
        goto fail;
    for (size_t i = 0; i < nword;) {
        term *t = &lx->terms[lx->order[i]];
        uint64_t h = hash_word(t->norm, t->first_len);
        size_t j = i;
        while (j < nword) {
            term *u = &lx->terms[lx->order[j]];
            if (hash_word(u->norm, u->first_len) != h)
                break;
            j++;
        }
        size_t s = h & (lx->nslots - 1);
        while (lx->slots[s].h)
            s = (s + 1) & (lx->nslots - 1);
        lx->filter[(h >> 20) & 1023] |= 1ull << ((h >> 14) & 63);
        lx->slots[s].h = h;
        lx->slots[s].from = (uint32_t)i;
        lx->slots[s].count = (uint32_t)(j - i);
        i = j;
    }
    wn_arena_free(a);
    return lx;
fail:
    wn_arena_free(a);
    wn_lexicon_free(lx);
    return NULL;
}

void wn_lexicon_free(wn_lexicon *lx)
{
    if (!lx)
        return;
    if (lx->terms)
        for (size_t i = 0; i < lx->nterms; i++)
            free(lx->terms[i].norm);
    free(lx->terms);
    free(lx->order);
    free(lx->slots);
    for (int k = 0; k < WN_LEX_NKINDS; k++)
        free(lx->sub[k]);
    free(lx);
}

static const struct slot *find_slot(const wn_lexicon *lx, const char *w, size_t wl)
{
    uint64_t h = hash_word(w, wl);
    if (!(lx->filter[(h >> 20) & 1023] >> ((h >> 14) & 63) & 1))
        return NULL;
    size_t s = h & (lx->nslots - 1);
    while (lx->slots[s].h) {
        if (lx->slots[s].h == h)
            return &lx->slots[s];
        s = (s + 1) & (lx->nslots - 1);
    }
    return NULL;
}

/* Does term t match nm starting at word i? A hash collision is ruled out by
 * comparing the text, and the match must end at a word boundary. */
static int term_at(const term *t, const wn_norm *nm, size_t i)
{
    if (i + t->nwords > nm->nwords)
        return 0;
    size_t off = nm->wstart[i];
    if (off + t->nlen > nm->nlen || memcmp(nm->norm + off, t->norm, t->nlen))
        return 0;
    return off + t->nlen == nm->nlen || nm->norm[off + t->nlen] == ' ';
}

void wn_lex_scan(const wn_lexicon *lx, const wn_norm *nm, unsigned kinds, wn_lex_fn fn, void *ud)
{
    /* one hash probe per word serves every kind; each kind keeps its own
     * resume point so a long spam term does not hide a function word */
    size_t next_free[WN_LEX_NKINDS] = {0};
    for (size_t i = 0; i < nm->nwords; i++) {
        const char *w = nm->norm + nm->wstart[i];
        size_t wl = nm->wlen[i];
        unsigned done = 0;
        /* first the whole word (exact terms, longest first), then its
         * first bytes (prefix terms) unless that is the same probe */
        for (int probe = 0; probe < 2; probe++) {
            if (probe && wl <= PREFIX_KEY)
                break;
            const struct slot *sl = find_slot(lx, w, probe ? PREFIX_KEY : wl);
            if (!sl)
                continue;
            for (uint32_t c = 0; c < sl->count; c++) {
                const term *t = &lx->terms[lx->order[sl->from + c]];
                unsigned k = t->e->kind;
                if (!(kinds >> k & 1) || (done >> k & 1) || next_free[k] > i)
                    continue;
                int hit = t->prefix ? wl >= t->nlen && !memcmp(w, t->norm, t->nlen)
                                    : !probe && t->first_len == wl && term_at(t, nm, i);
                if (hit) {
                    wn_lex_hit h = {t->e, i, t->nwords, t->prefix ? wl : t->nlen, i == 0};
                    fn(ud, &h);
                    next_free[k] = i + t->nwords;
                    done |= 1u << k;
                }
            }
        }
    }
    if (!nm->nospace)
        return;
    for (unsigned k = 0; k < WN_LEX_NKINDS; k++) {
        if (!(kinds >> k & 1))
            continue;
        for (size_t j = 0; j < lx->nsub[k]; j++) {
            const term *t = &lx->terms[lx->sub[k][j]];
            const char *p = nm->norm, *end = nm->norm + nm->nlen;
            while (p < end && (p = memmem(p, (size_t)(end - p), t->norm, t->nlen))) {
                wn_lex_hit h = {t->e, 0, 0, t->nlen, p == nm->norm};
                fn(ud, &h);
                p += t->nlen;
            }
        }
    }
}

const wn_lex_entry *wn_lex_word(const wn_lexicon *lx, const wn_norm *nm, size_t i,
                                wn_lex_kind kind)
{
    const char *w = nm->norm + nm->wstart[i];
    const struct slot *sl = find_slot(lx, w, nm->wlen[i]);
    for (uint32_t c = 0; sl && c < sl->count; c++) {
        const term *t = &lx->terms[lx->order[sl->from + c]];
        if (t->nwords == 1 && !t->prefix && t->e->kind == kind && t->nlen == nm->wlen[i] &&
            !memcmp(t->norm, w, t->nlen))
            return t->e;
    }
    /* terms in scripts without spaces live in the substring list; a word
     * that is exactly such a term ("기자") is found there */
    if (nm->nospace)
        for (size_t j = 0; j < lx->nsub[kind]; j++) {
            const term *t = &lx->terms[lx->sub[kind][j]];
            if (t->nlen == nm->wlen[i] && !memcmp(t->norm, w, t->nlen))
                return t->e;
        }
    return NULL;
}
