/*
 * punkt.c - NLTK's punkt sentence splitter with the English model, as
 * NLTK 3.8's PunktSentenceTokenizer.tokenize() decides (Kiss & Strunk 2006;
 * parameters in data/filter/punkt-english, embedded by filter_data.c).
 *
 * How it works: every '.', '?' or '!' followed by one of punkt's non-word
 * characters or by whitespace and a token is a candidate. Its context (the
 * word before it, itself, and what follows) is cut into punkt word tokens
 * and annotated: a first pass from the token alone (sentence end, ellipsis,
 * known abbreviation) and a second pass from the pair (collocations,
 * orthographic evidence, frequent sentence starters, initials and numbers).
 * The candidate ends a sentence when some token other than the last is a
 * break. Closing quotes and brackets after a break are then moved back into
 * the sentence they close. The quirks of NLTK's code are kept on purpose
 * (the previous word is found with ASCII whitespace only and a space at its
 * very start is not seen; overlapping candidates drop the earlier one),
 * because FineWeb's numbers were made with them.
 */
#include <stdlib.h>
#include <string.h>

#include "ftext.h"

enum { ORTHO_BEG_UC = 2, ORTHO_MID_UC = 4, ORTHO_UNK_UC = 8, ORTHO_BEG_LC = 16,
       ORTHO_MID_LC = 32, ORTHO_UNK_LC = 64 };
#define ORTHO_UC (ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC)
#define ORTHO_LC (ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC)

/* punkt's "non-word" characters: )";}]*:@'({[ and the sentence enders ?! */
static const unsigned char NONWORD[128] = {
    [')'] = 1, ['"'] = 1, [';'] = 1, ['}'] = 1, [']'] = 1, ['*'] = 1, [':'] = 1, ['@'] = 1,
    ['\''] = 1, ['('] = 1, ['{'] = 1, ['['] = 1, ['!'] = 1, ['?'] = 1};
static int is_nonword(uint32_t c) { return c < 128 && NONWORD[c]; }

/* What an ASCII character does to a punkt word it follows in: 1 ends it
 * (whitespace, non-word), 2 may start multi-character punctuation ('-',
 * '.'), 3 is a ',' (ends it when what follows would). */
static const unsigned char WORD_STOP[128] = {
    [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1,
    [' '] = 1, [')'] = 1, ['"'] = 1, [';'] = 1, ['}'] = 1, [']'] = 1, ['*'] = 1, [':'] = 1,
    ['@'] = 1, ['\''] = 1, ['('] = 1, ['{'] = 1, ['['] = 1, ['!'] = 1, ['?'] = 1, ['-'] = 2,
    ['.'] = 2, [','] = 3};

/* Characters that cannot start a punkt word: ("`{[:;&#*@)}]-, */
static const unsigned char NOT_WORD_START[128] = {
    ['('] = 1, ['"'] = 1, ['`'] = 1, ['{'] = 1, ['['] = 1, [':'] = 1, [';'] = 1, ['&'] = 1,
    ['#'] = 1, ['*'] = 1, ['@'] = 1, [')'] = 1, ['}'] = 1, [']'] = 1, ['-'] = 1, [','] = 1};
static int not_word_start(uint32_t c) { return c < 128 && NOT_WORD_START[c]; }

/* Length of punkt's multi-character punctuation at i: "--+", "..+" or
 * ". . ." (period-space repeated at least twice, then a period); 0 if none. */
static size_t multichar(const uint32_t *s, size_t n, size_t i)
{
    if ((s[i] != '-' && s[i] != '.') || i + 1 >= n)
        return 0;
    if (s[i] == '-' && s[i + 1] == '-') {
        size_t j = i;
        while (j < n && s[j] == '-')
            j++;
        return j - i;
    }
    if (s[i] != '.')
        return 0;
    if (s[i + 1] == '.') {
        size_t j = i;
        while (j < n && s[j] == '.')
            j++;
        return j - i;
    }
    size_t r = 0;
    while (i + 2 * r + 1 < n && s[i + 2 * r] == '.' && wn_isspace(s[i + 2 * r + 1]))
        r++;
    if (i + 2 * r < n && s[i + 2 * r] == '.' && r >= 2)
        return 2 * r + 1;
    if (r >= 3)
        return 2 * (r - 1) + 1;
    return 0;
}

/* ---- the model's word lists as hash tables ----
 *
 * The English parameters are sorted UTF-8 tables (filter_data.c), searched
 * by bisection when no model is given. A model, built once per stage, holds
 * each list as an open-addressing table over the code points, so a lookup
 * is one hash and, on a hit, one comparison. A lookup answers the index in
 * the sorted table either way (the orthographic flags are indexed by it). */
typedef struct ptab {
    uint32_t *pool;      /* every entry's code points */
    uint32_t *off, *len; /* per entry: where in pool, how many */
    uint32_t *slot;      /* entry + 1; 0 = empty */
    size_t mask;
    /* For the short lists (all but the orthographic words), a bit per
     * (length, first, last code point) hash that some entry sets: most
     * lookups miss, and this answers them without hashing the whole word. */
    uint64_t sieve[64];
    int sieved;
} ptab;

static unsigned sieve_bit2(size_t n, uint32_t first, uint32_t last)
{
    uint32_t h = (uint32_t)n * 0x9E3779B1u ^ first * 0x85EBCA77u ^ last * 0xC2B2AE3Du;
    return (h ^ (h >> 15)) & 4095;
}

static unsigned sieve_bit(const uint32_t *s, size_t n)
{
    return n ? sieve_bit2(n, s[0], s[n - 1]) : 0;
}

enum { PT_ABBREV, PT_STARTERS, PT_COLLOC, PT_ORTHO, PT_COUNT };

/* The orthographic words of up to 8 code points, each 1 to 255 (almost
 * all of them), keyed by those code points as bytes: a key is the word
 * (no code point is 0, so the zero bytes after a shorter word tell its
 * length), and a lookup reads one slot, without the pool, the lengths or
 * the offsets, which for a list this large are all cache misses. */
typedef struct short_tab {
    uint64_t *key;   /* 0 = empty */
    uint32_t *index; /* the word's index in the sorted list */
    size_t mask;
} short_tab;

struct wn_punkt_model {
    ptab t[PT_COUNT];
    short_tab ortho;
    /* bit c of colloc_first[n]: a collocation's first word has n code
     * points, the first c (n < 64, c < 128); colloc_wild: one has not */
    uint64_t colloc_first[64][2];
    int colloc_wild;
};

/* s[0..n) as a short key, or 0 when it has none (too long, or a code point
 * that is 0 or above 255). */
static uint64_t short_key(const uint32_t *s, size_t n)
{
    if (n - 1 >= 8)
        return 0;
    uint64_t key = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] - 1 >= 255)
            return 0;
        key |= (uint64_t)s[i] << (8 * i);
    }
    return key;
}

static size_t short_slot(uint64_t key, size_t mask)
{
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    return (size_t)(h ^ (h >> 29)) & mask;
}

static int short_build(short_tab *st, const ptab *t, size_t count)
{
    /* at most two thirds full: a smaller table misses the cache less */
    size_t cap = 16;
    while (cap < count + count / 2)
        cap <<= 1;
    st->key = calloc(cap, sizeof *st->key);
    st->index = calloc(cap, sizeof *st->index);
    st->mask = cap - 1;
    if (!st->key || !st->index)
        return -1;
    for (size_t k = 0; k < count; k++) {
        uint64_t key = short_key(t->pool + t->off[k], t->len[k]);
        if (!key)
            continue;
        size_t p = short_slot(key, st->mask);
        while (st->key[p])
            p = (p + 1) & st->mask;
        st->key[p] = key;
        st->index[p] = (uint32_t)k;
    }
    return 0;
}

static int ptab_build(ptab *t, const char *const *table, size_t count)
{
    size_t chars = 0, cap = 16;
    for (size_t k = 0; k < count; k++)
        chars += strlen(table[k]);
    while (cap < count * 2)
        cap <<= 1;
    t->pool = malloc((chars + 1) * sizeof *t->pool);
    t->off = malloc((count + 1) * sizeof *t->off);
    t->len = malloc((count + 1) * sizeof *t->len);
    t->slot = calloc(cap, sizeof *t->slot);
    t->mask = cap - 1;
    if (!t->pool || !t->off || !t->len || !t->slot)
        return -1;
    size_t o = 0;
    for (size_t k = 0; k < count; k++) {
        const unsigned char *q = (const unsigned char *)table[k];
        t->off[k] = (uint32_t)o;
        while (*q) { /* the tables are valid UTF-8 */
            uint32_t c = *q;
            if (c < 0x80)
                q++;
            else if (c < 0xE0)
                c = ((c & 0x1F) << 6) | (q[1] & 0x3F), q += 2;
            else if (c < 0xF0)
                c = ((c & 0x0F) << 12) | ((q[1] & 0x3F) << 6) | (q[2] & 0x3F), q += 3;
            else
                c = ((c & 0x07) << 18) | ((q[1] & 0x3F) << 12) | ((q[2] & 0x3F) << 6) |
                    (q[3] & 0x3F),
                q += 4;
            t->pool[o++] = c;
        }
        t->len[k] = (uint32_t)(o - t->off[k]);
        unsigned b = sieve_bit(t->pool + t->off[k], t->len[k]);
        t->sieve[b >> 6] |= 1ull << (b & 63);
        size_t p = wn_u32_hash(t->pool + t->off[k], t->len[k]) & t->mask;
        while (t->slot[p])
            p = (p + 1) & t->mask;
        t->slot[p] = (uint32_t)(k + 1);
    }
    return 0;
}

static long short_find(const short_tab *st, uint64_t key)
{
    for (size_t p = short_slot(key, st->mask); st->key[p]; p = (p + 1) & st->mask)
        if (st->key[p] == key)
            return st->index[p];
    return -1;
}

static long ptab_find(const ptab *t, const uint32_t *s, size_t n)
{
    unsigned b = sieve_bit(s, n);
    if (t->sieved && !((t->sieve[b >> 6] >> (b & 63)) & 1))
        return -1;
    for (size_t p = wn_u32_hash(s, n) & t->mask; t->slot[p]; p = (p + 1) & t->mask) {
        size_t k = t->slot[p] - 1;
        if (t->len[k] == n && !memcmp(t->pool + t->off[k], s, n * sizeof *s))
            return (long)k;
    }
    return -1;
}

wn_punkt_model *wn_punkt_model_build(void)
{
    wn_punkt_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (ptab_build(&m->t[PT_ABBREV], wn_punkt_abbrev, wn_punkt_abbrev_n) ||
        ptab_build(&m->t[PT_STARTERS], wn_punkt_starters, wn_punkt_starters_n) ||
        ptab_build(&m->t[PT_COLLOC], wn_punkt_colloc, wn_punkt_colloc_n) ||
        ptab_build(&m->t[PT_ORTHO], wn_punkt_ortho_word, wn_punkt_ortho_n)) {
        wn_punkt_model_free(m);
        return NULL;
    }
    m->t[PT_ABBREV].sieved = m->t[PT_STARTERS].sieved = m->t[PT_COLLOC].sieved = 1;
    const ptab *co = &m->t[PT_COLLOC];
    for (size_t k = 0; k < wn_punkt_colloc_n; k++) {
        const uint32_t *e = co->pool + co->off[k];
        size_t n = 0;
        while (n < co->len[k] && e[n] != '\t')
            n++;
        if (n == 0 || n >= 64 || e[0] >= 128)
            m->colloc_wild = 1;
        else
            m->colloc_first[n][e[0] >> 6] |= 1ull << (e[0] & 63);
    }
    if (short_build(&m->ortho, &m->t[PT_ORTHO], wn_punkt_ortho_n)) {
        wn_punkt_model_free(m);
        return NULL;
    }
    return m;
}

void wn_punkt_model_free(wn_punkt_model *m)
{
    if (!m)
        return;
    for (int k = 0; k < PT_COUNT; k++) {
        free(m->t[k].pool);
        free(m->t[k].off);
        free(m->t[k].len);
        free(m->t[k].slot);
    }
    free(m->ortho.key);
    free(m->ortho.index);
    free(m);
}

/* The index of s[0..n) in one of the lists, or -1. */
static long list_find(const wn_punkt_model *m, int which, const uint32_t *s, size_t n)
{
    if (m) {
        uint64_t key = which == PT_ORTHO ? short_key(s, n) : 0;
        return key ? short_find(&m->ortho, key) : ptab_find(&m->t[which], s, n);
    }
    switch (which) {
    case PT_ABBREV: return wn_u32_find(wn_punkt_abbrev, wn_punkt_abbrev_n, s, n);
    case PT_STARTERS: return wn_u32_find(wn_punkt_starters, wn_punkt_starters_n, s, n);
    case PT_COLLOC: return wn_u32_find(wn_punkt_colloc, wn_punkt_colloc_n, s, n);
    default: return wn_u32_find(wn_punkt_ortho_word, wn_punkt_ortho_n, s, n);
    }
}

long wn_punkt_find(const wn_punkt_model *m, int list, const uint32_t *s, size_t n)
{
    return list < 0 || list >= PT_COUNT ? -1 : list_find(m, list, s, n);
}

typedef struct ptok {
    const uint32_t *tok;
    size_t len;
    uint32_t *type; /* lower-cased, or "##number##": room for it, made by need_type() */
    size_t tlen;
    unsigned sentbreak : 1, abbr : 1, ellipsis : 1;
    unsigned numeric : 1; /* type is "##number##", not tok.lower() */
    unsigned typed : 1;   /* type and tlen are made */
} ptok;

typedef struct pctx {
    wn_arena *a;
    const wn_punkt_model *pm; /* NULL: bisect the sorted tables */
    ptok *toks;
    size_t ntok, cap;
    uint32_t *tbuf; /* type storage for the current context */
    size_t tused, tcap;
    const void *stack_spans; /* the first sentence-end list when on the stack */
    const wn_text_marks *mk; /* the text's bitmaps, or NULL */
} pctx;

static const uint32_t NUMBER_TYPE[] = {'#', '#', 'n', 'u', 'm', 'b', 'e', 'r', '#', '#'};

static int is_numeric(const uint32_t *t, size_t n)
{
    size_t i = 0;
    if (i < n && t[i] == '-')
        i++;
    if (i < n && (t[i] == '.' || t[i] == ','))
        i++;
    if (i >= n || !wn_isdecimal(t[i]))
        return 0;
    for (i++; i < n; i++)
        if (!wn_isdecimal(t[i]) && t[i] != ',' && t[i] != '.' && t[i] != '-')
            return 0;
    return 1;
}

static int push_tok(pctx *c, const uint32_t *s, size_t len)
{
    if (c->ntok == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 32;
        ptok *nt = wn_arena_alloc(c->a, nc * sizeof *nt);
        if (!nt)
            return -1;
        if (c->ntok)
            memcpy(nt, c->toks, c->ntok * sizeof *nt);
        c->toks = nt;
        c->cap = nc;
    }
    if (c->tused + 2 * len + 10 > c->tcap) {
        size_t nc = (c->tcap + 2 * len + 10) * 2;
        uint32_t *nb = wn_arena_alloc(c->a, nc * sizeof *nb);
        if (!nb)
            return -1;
        /* earlier types keep pointing into the old buffer, which stays valid */
        c->tbuf = nb;
        c->tcap = nc;
        c->tused = 0;
    }
    /* room for the type, made only if a decision reads it (most tokens
     * neither end in '.' nor follow one that does) */
    c->toks[c->ntok++] = (ptok){.tok = s, .len = len, .type = c->tbuf + c->tused};
    c->tused += 2 * len + 10;
    return 0;
}

static void need_type(ptok *t)
{
    if (t->typed)
        return;
    t->typed = 1;
    t->tlen = wn_u32_lower(t->tok, t->len, t->type);
    if (is_numeric(t->type, t->tlen)) {
        memcpy(t->type, NUMBER_TYPE, sizeof NUMBER_TYPE);
        t->tlen = 10;
        t->numeric = 1;
    }
}

/* punkt's word regex over one line (no '\n' inside). */
static int tokenize_line(pctx *c, const uint32_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t ch = s[i];
        if (wn_isspace(ch)) {
            i++;
            continue;
        }
        size_t m = multichar(s, n, i);
        if (m) {
            if (push_tok(c, s + i, m))
                return -1;
            i += m;
            continue;
        }
        if (!not_word_start(ch)) {
            /* the word ends at whitespace, a non-word character, multi-
             * character punctuation, or a ',' followed by one of those or
             * the end; the letters in between pass one table lookup */
            size_t j = i + 1;
            for (; j < n; j++) {
                uint32_t cj = s[j];
                if (cj >= 128) {
                    if (wn_isspace(cj))
                        break;
                    continue;
                }
                unsigned k = WORD_STOP[cj];
                if (!k)
                    continue;
                if (k == 1 || (k == 2 && multichar(s, n, j)))
                    break;
                if (k == 3 && (j + 1 == n || wn_isspace(s[j + 1]) || is_nonword(s[j + 1]) ||
                               multichar(s, n, j + 1)))
                    break;
            }
            if (push_tok(c, s + i, j - i))
                return -1;
            i = j;
            continue;
        }
        if (push_tok(c, s + i, 1))
            return -1;
        i++;
    }
    return 0;
}

static int in_abbrev(const wn_punkt_model *pm, const uint32_t *s, size_t n)
{
    return list_find(pm, PT_ABBREV, s, n) >= 0;
}

static void first_pass(const wn_punkt_model *pm, ptok *t)
{
    const uint32_t *s = t->tok;
    size_t n = t->len;
    if (n == 1 && (s[0] == '.' || s[0] == '?' || s[0] == '!')) {
        t->sentbreak = 1;
        return;
    }
    if (n >= 2) {
        size_t k = 0;
        while (k < n && s[k] == '.')
            k++;
        if (k == n) {
            t->ellipsis = 1;
            return;
        }
    }
    if (n >= 1 && s[n - 1] == '.' && !(n >= 2 && s[n - 2] == '.')) {
        need_type(t);
        /* tok[:-1].lower() is a known abbreviation, whole or after its last
         * '-' (lower-casing never makes or removes a '-'). No abbreviation
         * is longer than 64 code points. */
        int ab = 0;
        if (!t->numeric) {
            /* the type is tok.lower(), code point by code point: its
             * last '-' is the token's */
            size_t body = t->tlen - 1, dash = body;
            while (dash > 0 && t->type[dash - 1] != '-')
                dash--;
            ab = in_abbrev(pm, t->type, body) ||
                 (dash > 0 && in_abbrev(pm, t->type + dash, body - dash));
        } else {
            size_t body = n - 1, dash = body;
            while (dash > 0 && s[dash - 1] != '-')
                dash--;
            uint32_t low[2 * 64];
            if (body <= 64)
                ab = in_abbrev(pm, low, wn_u32_lower(s, body, low));
            if (!ab && dash > 0 && body - dash <= 64)
                ab = in_abbrev(pm, low, wn_u32_lower(s + dash, body - dash, low));
        }
        if (ab)
            t->abbr = 1;
        else
            t->sentbreak = 1;
    }
}

static void type_no_period(const ptok *t, size_t *len)
{
    *len = (t->tlen > 1 && t->type[t->tlen - 1] == '.') ? t->tlen - 1 : t->tlen;
}

static void type_no_sentperiod(const ptok *t, size_t *len)
{
    if (t->sentbreak)
        type_no_period(t, len);
    else
        *len = t->tlen;
}

static int ortho_of(const wn_punkt_model *pm, const uint32_t *s, size_t n)
{
    long k = list_find(pm, PT_ORTHO, s, n);
    return k < 0 ? 0 : wn_punkt_ortho_flags[k];
}

enum { OH_FALSE = 0, OH_TRUE = 1, OH_UNKNOWN = 2 };

static int ortho_heuristic(const wn_punkt_model *pm, const ptok *t)
{
    if (t->len == 1) {
        switch (t->tok[0]) {
        case ';': case ':': case ',': case '.': case '!': case '?':
            return OH_FALSE;
        }
    }
    size_t tl;
    type_no_sentperiod(t, &tl);
    int oc = ortho_of(pm, t->type, tl);
    int up = wn_isupper(t->tok[0]), lo = wn_islower(t->tok[0]);
    if (up && (oc & ORTHO_LC) && !(oc & ORTHO_MID_UC))
        return OH_TRUE;
    if (lo && ((oc & ORTHO_UC) || !(oc & ORTHO_BEG_LC)))
        return OH_FALSE;
    return OH_UNKNOWN;
}

static int is_initial(const ptok *t)
{
    return t->len == 2 && t->tok[1] == '.' && wn_isword(t->tok[0]) && !wn_isdecimal(t->tok[0]);
}

static int is_collocation(const wn_punkt_model *pm, const uint32_t *a, size_t an,
                          const uint32_t *b, size_t bn)
{
    uint32_t buf[128];
    if (an + bn + 1 > 128)
        return 0; /* no collocation in the model is that long */
    if (pm) {
        /* the sieve needs only the pair's length and ends: most pairs
         * miss there, before they are copied together */
        uint32_t ends[2] = {an ? a[0] : '\t', bn ? b[bn - 1] : '\t'};
        unsigned bit = sieve_bit2(an + bn + 1, ends[0], ends[1]);
        const ptab *t = &pm->t[PT_COLLOC];
        if (!((t->sieve[bit >> 6] >> (bit & 63)) & 1))
            return 0;
    }
    memcpy(buf, a, an * sizeof *buf);
    buf[an] = '\t';
    memcpy(buf + an + 1, b, bn * sizeof *buf);
    return list_find(pm, PT_COLLOC, buf, an + bn + 1) >= 0;
}

static void second_pass(const wn_punkt_model *pm, ptok *t1, ptok *t2)
{
    if (!t1->len || t1->tok[t1->len - 1] != '.')
        return;
    need_type(t1);
    need_type(t2);
    size_t typ_n, next_n;
    type_no_period(t1, &typ_n);
    type_no_sentperiod(t2, &next_n);
    int initial = is_initial(t1);
    if (is_collocation(pm, t1->type, typ_n, t2->type, next_n)) {
        t1->sentbreak = 0;
        t1->abbr = 1;
        return;
    }
    if ((t1->abbr || t1->ellipsis) && !initial) {
        if (ortho_heuristic(pm, t2) == OH_TRUE) {
            t1->sentbreak = 1;
            return;
        }
        if (wn_isupper(t2->tok[0]) &&
            list_find(pm, PT_STARTERS, t2->type, next_n) >= 0) {
            t1->sentbreak = 1;
            return;
        }
    }
    int number = typ_n == 10 && !memcmp(t1->type, NUMBER_TYPE, sizeof NUMBER_TYPE);
    if (initial || number) {
        int oh = ortho_heuristic(pm, t2);
        if (oh == OH_FALSE) {
            t1->sentbreak = 0;
            t1->abbr = 1;
            return;
        }
        if (oh == OH_UNKNOWN && initial && wn_isupper(t2->tok[0]) &&
            !(ortho_of(pm, t2->type, next_n) & ORTHO_LC)) {
            t1->sentbreak = 0;
            t1->abbr = 1;
        }
    }
}

/* A break on any of c's tokens but the last. */
static int any_break(pctx *c)
{
    /* second_pass(k, k + 1) reads what first_pass decided for both */
    if (c->ntok)
        first_pass(c->pm, &c->toks[0]);
    for (size_t k = 0; k + 1 < c->ntok; k++) {
        first_pass(c->pm, &c->toks[k + 1]);
        second_pass(c->pm, &c->toks[k], &c->toks[k + 1]);
        if (c->toks[k].sentbreak)
            return 1;
    }
    return 0;
}

/* text_contains_sentbreak(): a break on any token but the last. -1 on OOM. */
static int contains_sentbreak(pctx *c, const uint32_t *s, size_t n)
{
    c->ntok = 0;
    c->tused = 0; /* the last context's types are not read again */
    /* line by line (a line of whitespace gives no token) */
    for (size_t ls = 0; ls <= n;) {
        size_t i = wn_u32_find_char(s, ls, n, '\n');
        if (tokenize_line(c, s + ls, i - ls))
            return -1;
        ls = i + 1;
    }
    return any_break(c);
}

/* A run that punkt's word regex takes as one word whatever follows it
 * (as long as that ends a word): ASCII characters that do not stop a
 * word, the first one able to start one. */
static int plain_word(const uint32_t *s, size_t n)
{
    if (!n || s[0] >= 128 || NOT_WORD_START[s[0]])
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 128 || WORD_STOP[s[i]])
            return 0;
    return 1;
}

typedef struct cand {
    size_t pos;              /* the '.', '?' or '!' */
    size_t after_end;        /* end of after_tok */
    size_t next_tok;         /* start of next_tok, or 0 when none */
    int has_next;
} cand;

static int is_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
}

typedef struct span {
    size_t a, b;
} span;

static int push_span(const pctx *c, span **v, size_t *n, size_t *cap, size_t a, size_t b)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        span *nv;
        if (*v && *v == c->stack_spans) {
            nv = wn_arena_alloc(c->a, nc * sizeof *nv);
            if (nv)
                memcpy(nv, *v, *n * sizeof *nv);
        } else {
            nv = wn_arena_realloc(c->a, *v, *cap * sizeof *nv, nc * sizeof *nv);
        }
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].a = a;
    (*v)[*n].b = b;
    (*n)++;
    return 0;
}

/* plain_word(text + a, b - a) from the stop bitmap (wn_text_marks): no
 * bit in [a, b) (an extra bit only sends a plain word the longer way),
 * and a first character that can start a word. */
static int plain_marked(const uint64_t *stop, const uint32_t *text, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    size_t w = a >> 6, wl = (b - 1) >> 6;
    uint64_t lo = ~0ull << (a & 63), hi = ~0ull >> (63 - ((b - 1) & 63));
    if (w == wl) {
        if (stop[w] & lo & hi)
            return 0;
    } else {
        if (stop[w] & lo)
            return 0;
        for (w++; w < wl; w++)
            if (stop[w])
                return 0;
        if (stop[wl] & hi)
            return 0;
    }
    return !NOT_WORD_START[text[a]]; /* ASCII: non-ASCII is a stop */
}

/* Is bit b of a short list's sieve set? */
static int sieve_has(const wn_punkt_model *pm, int which, unsigned b)
{
    return (pm->t[which].sieve[b >> 6] >> (b & 63)) & 1;
}

static uint32_t ascii_lower(uint32_t c) { return c - 'A' < 26 ? c + 32 : c; }

/* A '.' candidate whose word before is plain (see plain_word): a break
 * that the passes surely make, without its tokens or types (1), or 0 when
 * they must run. That word and its '.' are the context's first token
 * (the '.' starts no multi-character punctuation, see below, and the
 * whitespace or non-word character after it ends the word), and some
 * token follows.
 * The word holds no '.', '-', ',' or non-ASCII code point, so its type is
 * its ASCII lower-casing ("##number##" only when it starts with a digit:
 * left to the passes). first_pass makes it a break unless
 * tok[:-1].lower() is an abbreviation (no '-' to look after), and
 * second_pass leaves a break alone unless the word is an initial (one
 * letter: left to the passes), a number or an abbreviation (it is
 * neither), or the first word of a collocation, whatever the next token
 * is. The abbreviation sieve and the table of the collocations' first
 * words (length, first code point) rule those out for most words. */
static int first_word_break(const pctx *c, const uint32_t *text, size_t ws, const cand *m)
{
    const wn_punkt_model *pm = c->pm;
    const uint32_t *w = text + ws;
    size_t b = m->pos - ws;
    if (!pm || b < 2 || b >= 64 || w[0] - '0' < 10 ||
        !(c->mk ? plain_marked(c->mk->stop, text, ws, m->pos) : plain_word(w, b)))
        return 0;
    uint32_t first = ascii_lower(w[0]);
    if (sieve_has(pm, PT_ABBREV, sieve_bit2(b, first, ascii_lower(w[b - 1]))) ||
        ((pm->colloc_first[b][first >> 6] >> (first & 63)) & 1) || pm->colloc_wild)
        return 0;
    /* (The '.' cannot start ". . .": the context ends at the first
     * whitespace after the next token, so it holds one gap after the '.',
     * and ". . ." needs two.) */
    return 1;
}

/* Decide one candidate with its context; on a break, close the slice. */
static int decide(pctx *c, const uint32_t *text, size_t ws, const cand *m, span **sl,
                  size_t *nsl, size_t *cap, size_t *last_break)
{
    /* text[prev word] + the ender + after_tok: contiguous in text */
    int r;
    if (text[m->pos] != '.') {
        /* A '?' or '!' is a token of its own in its context (it ends the
         * word before it, and what follows it is whitespace or a non-word
         * character), first_pass makes it a break, no pass clears it, and
         * after_tok comes after it: a break, without the tokens. */
        r = 1;
    } else if (first_word_break(c, text, ws, m)) {
        r = 1;
    } else if (m->has_next && (c->mk ? plain_marked(c->mk->stop, text, ws, m->pos) &&
                                           plain_marked(c->mk->stop, text, m->next_tok,
                                                        m->after_end)
                                     : plain_word(text + ws, m->pos - ws) &&
                                           plain_word(text + m->next_tok,
                                                      m->after_end - m->next_tok))) {
        /* "word. next": the '.' stays in the word (whitespace follows it,
         * so it starts no multi-character punctuation) and the whitespace
         * between gives no token, so the tokens are the word with its
         * '.' and the next one; only the passes are left to run */
        c->ntok = 0;
        c->tused = 0;
        if (push_tok(c, text + ws, m->pos + 1 - ws) ||
            push_tok(c, text + m->next_tok, m->after_end - m->next_tok))
            return -1;
        r = any_break(c);
    } else {
        r = contains_sentbreak(c, text + ws, m->after_end - ws);
    }
    if (r < 0)
        return -1;
    if (r) {
        if (push_span(c, sl, nsl, cap, *last_break, m->pos + 1))
            return -1;
        *last_break = m->has_next ? m->next_tok : m->pos + 1;
    }
    return 0;
}

/* The first '.', '?' or '!' at or after i, or end: a tight loop, because
 * it looks at every character of the text. */
static size_t next_ender(const uint32_t *s, size_t i, size_t end)
{
#ifdef __SSE2__
    /* sixteen at a time, narrowed to bytes with signed saturation (every
     * code point above 127 becomes 127, not an ender) */
    const __m128i dot8 = _mm_set1_epi8('.'), qm8 = _mm_set1_epi8('?'), ex8 = _mm_set1_epi8('!');
    for (; i + 16 <= end; i += 16) {
        __m128i a = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i)),
                                    _mm_loadu_si128((const __m128i *)(s + i + 4)));
        __m128i b = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i + 8)),
                                    _mm_loadu_si128((const __m128i *)(s + i + 12)));
        __m128i v = _mm_packs_epi16(a, b);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot8), _mm_cmpeq_epi8(v, qm8)),
                                 _mm_cmpeq_epi8(v, ex8));
        int bits = _mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
    const __m128i dot = _mm_set1_epi32('.'), qm = _mm_set1_epi32('?'), ex = _mm_set1_epi32('!');
    for (; i + 4 <= end; i += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi32(v, dot), _mm_cmpeq_epi32(v, qm)),
                                 _mm_cmpeq_epi32(v, ex));
        int bits = _mm_movemask_ps(_mm_castsi128_ps(m));
        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    const uint64_t enders = (1ull << '.') | (1ull << '?') | (1ull << '!');
    while (i < end && !(s[i] < 64 && ((enders >> s[i]) & 1)))
        i++;
    return i;
}

/* Bit k of a text's bitmap (wn_text_marks). */
static inline int mark_at(const uint64_t *m, size_t k) { return (m[k >> 6] >> (k & 63)) & 1; }

/* The first index in [i, end) whose bit is set in a or in b (a and b may
 * be the same map), or end. */
static inline size_t mark_next(const uint64_t *a, const uint64_t *b, size_t i, size_t end)
{
    if (i >= end)
        return end;
    size_t w = i >> 6, last = (end - 1) >> 6;
    uint64_t v = (a[w] | b[w]) & (~0ull << (i & 63));
    while (!v) {
        if (++w > last)
            return end;
        v = a[w] | b[w];
    }
    size_t r = (w << 6) + (size_t)__builtin_ctzll(v);
    return r < end ? r : end;
}

/* The first index in [i, end) whose bit is clear in m, or end. */
static inline size_t mark_next_clear(const uint64_t *m, size_t i, size_t end)
{
    if (i >= end)
        return end;
    size_t w = i >> 6, last = (end - 1) >> 6;
    uint64_t v = ~m[w] & (~0ull << (i & 63));
    while (!v) {
        if (++w > last)
            return end;
        v = ~m[w];
    }
    size_t r = (w << 6) + (size_t)__builtin_ctzll(v);
    return r < end ? r : end;
}

#define NO_MARK ((size_t)-1)

/* The last index in [lo, hi) whose bit is set in m, or NO_MARK. */
static inline size_t mark_prev(const uint64_t *m, size_t lo, size_t hi)
{
    if (lo >= hi)
        return NO_MARK;
    size_t w = (hi - 1) >> 6, first = lo >> 6;
    uint64_t v = m[w] & (~0ull >> (63 - ((hi - 1) & 63)));
    while (!v) {
        if (w == first)
            return NO_MARK;
        v = m[--w];
    }
    size_t r = (w << 6) + 63 - (size_t)__builtin_clzll(v);
    return r >= lo ? r : NO_MARK;
}

/* One sentence out: into out, or only counted when out is NULL (c4_quality
 * counts the sentences of every kept line and reads nothing else). */
static int emit(wn_arena *a, wn_ustr_vec *out, size_t *count, const uint32_t *s, size_t n)
{
    (*count)++;
    return out ? wn_ustr_vec_push(a, out, s, n) : 0;
}

/* sent_tokenize(text) into out, or counted when out is NULL. c0 and sl0
 * (scap0 entries) are where the tokens and sentence ends start. */
static int split(const pctx *c0, span *sl0, size_t scap0, const uint32_t *text, size_t n,
                 const wn_text_marks *mk, wn_ustr_vec *out, size_t *count)
{
    wn_arena *a = c0->a;
    pctx c = *c0;
    span *sl = sl0;
    size_t nsl = 0, scap = scap0, last_break = 0;

    cand prev = {0};
    int have_prev = 0;
    size_t prev_start = 0, prev_stop = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        i = mk ? mark_next(mk->enders, mk->enders, i, n - 1) : next_ender(text, i, n - 1);
        if (i + 1 >= n)
            break;
        cand m = {.pos = i};
        /* (with the marks, the usual whitespace after the ender is seen
         * in the bitmap, without waiting for the character) */
        int space_next = mk ? mark_at(mk->space, i + 1) || wn_isspace(text[i + 1])
                            : wn_isspace(text[i + 1]);
        if (!space_next && is_nonword(text[i + 1])) {
            m.after_end = i + 2;
        } else if (space_next) {
            size_t j = i + 1, k;
            if (mk) {
                /* the same scans on the bitmaps: a character that is
                 * neither ASCII whitespace nor ASCII is looked at */
                for (;; j++) {
                    j = mark_next_clear(mk->space, j, n);
                    if (j == n || !mark_at(mk->high, j) || !wn_isspace(text[j]))
                        break;
                }
                if (j == n)
                    continue;
                for (k = j;; k++) {
                    k = mark_next(mk->space, mk->high, k, n);
                    if (k == n || mark_at(mk->space, k) || wn_isspace(text[k]))
                        break;
                }
            } else {
                while (j < n && wn_isspace(text[j]))
                    j++;
                if (j == n)
                    continue;
                k = j;
                while (k < n && !wn_isspace(text[k]))
                    k++;
            }
            m.after_end = k;
            m.next_tok = j;
            m.has_next = 1;
        } else {
            continue;
        }
        /* the word before: after the last ASCII space since the previous
         * candidate's word ended (index 0 counts as "none", as in NLTK) */
        size_t idx = 0;
        if (mk) {
            /* the space map's \x1c to \x1f are not ASCII spaces here */
            size_t q = mark_prev(mk->space, prev_stop, i);
            while (q != NO_MARK && text[q] >= 0x1c && text[q] <= 0x1f)
                q = mark_prev(mk->space, prev_stop, q);
            if (q != NO_MARK)
                idx = q - prev_stop;
        } else {
            for (size_t k = i; k > prev_stop; k--)
                if (wn_isasciispace(text[k - 1])) {
                    idx = k - 1 - prev_stop;
                    break;
                }
        }
        size_t start = idx ? idx + prev_stop + 1 : prev_start;
        if (have_prev && prev_stop <= start) {
            if (decide(&c, text, prev_start, &prev, &sl, &nsl, &scap, &last_break))
                return -1;
        }
        prev = m;
        have_prev = 1;
        prev_start = start;
        prev_stop = i;
    }
    if (have_prev &&
        decide(&c, text, prev_start, &prev, &sl, &nsl, &scap, &last_break))
        return -1;
    size_t end = n;
    while (end > 0 && wn_isspace(text[end - 1]))
        end--;
    if (push_span(&c, &sl, &nsl, &scap, last_break, end))
        return -1;

    /* realign closing punctuation */
    size_t realign = 0;
    for (size_t k = 0; k < nsl; k++) {
        size_t s1a = sl[k].a + realign, s1b = sl[k].b;
        if (k + 1 == nsl) {
            if (s1a < s1b && s1a < n && emit(a, out, count, text + s1a, s1b - s1a))
                return -1;
            continue;
        }
        size_t s2a = sl[k + 1].a, s2b = sl[k + 1].b;
        if (s2b > n)
            s2b = n;
        /* ["')\]}]+? then whitespace, "--" or the end of the slice */
        size_t kk = 0, mend = 0;
        int matched = 0;
        while (s2a + kk < s2b && is_closer(text[s2a + kk])) {
            kk++;
            size_t p = s2a + kk;
            if (p < s2b && wn_isspace(text[p])) {
                while (p < s2b && wn_isspace(text[p]))
                    p++;
                mend = p - s2a;
                matched = 1;
                break;
            }
            if ((p + 1 < s2b && text[p] == '-' && text[p + 1] == '-') || p == s2b) {
                mend = kk;
                matched = 1;
                break;
            }
        }
        if (matched) {
            size_t e = s2a + kk;
            /* NLTK yields this one even when it is empty */
            if (emit(a, out, count, text + s1a, s1a < e ? e - s1a : 0))
                return -1;
            realign = mend;
        } else {
            realign = 0;
            if (s1a < s1b && emit(a, out, count, text + s1a, s1b - s1a))
                return -1;
        }
    }
    return 0;
}

int wn_sent_tokenize(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                     wn_ustr_vec *out)
{
    size_t count = 0;
    pctx c = {.a = a, .pm = pm};
    return split(&c, NULL, 0, text, n, NULL, out, &count);
}

int wn_sent_tokenize_marks(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                           const wn_text_marks *marks, wn_ustr_vec *out)
{
    size_t count = 0;
    pctx c = {.a = a, .pm = pm, .mk = marks};
    return split(&c, NULL, 0, text, n, marks, out, &count);
}

int wn_sent_count(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                  size_t *count)
{
    /* no '.', '?' or '!' before the last character: no candidate, so one
     * sentence when there is anything but whitespace */
    if (n < 2 || next_ender(text, 0, n - 1) >= n - 1) {
        size_t k = 0;
        while (k < n && wn_isspace(text[k]))
            k++;
        *count = k < n;
        return 0;
    }
    /* the tokens, their types and the sentence ends start on the stack:
     * c4_quality counts the sentences of every kept line, most of them
     * short, and arena memory would be new (uncached) memory on every
     * call; they move to the arena when they outgrow it (push_tok,
     * push_span) */
    ptok toks[32];
    uint32_t tbuf[512];
    span spans[16];
    pctx c = {.a = a, .pm = pm, .toks = toks, .cap = 32, .tbuf = tbuf, .tcap = 512,
              .stack_spans = spans};
    *count = 0;
    return split(&c, spans, 16, text, n, NULL, NULL, count);
}
