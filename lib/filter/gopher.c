/*
 * gopher.c - the Gopher quality and repetition filters (Rae et al. 2021, as
 * datatrove fe81883d implements them), and the helpers every filter shares:
 * recorded values and find_duplicates().
 *
 * Counts are exact integers and every ratio is one IEEE division of two of
 * them, the same division Python does, so the recorded values are equal to
 * the reference's to the last bit. Duplicate detection hashes code-point
 * strings in arena tables and confirms every hash hit by comparison, so a
 * collision can never change a count.
 */
#include <math.h>
#include <string.h>
#include <xxhash.h>

#include "filters.h"

/* ---- recorded values ---- */

static wn_fval *fres_add(wn_fres *r, const char *name, char kind)
{
    if (r->nv >= WN_FRES_MAX)
        return NULL;
    wn_fval *v = &r->v[r->nv++];
    memset(v, 0, sizeof *v);
    v->name = name;
    v->kind = kind;
    return v;
}

void wn_fres_int(wn_fres *r, const char *name, long long x)
{
    wn_fval *v = fres_add(r, name, 'i');
    if (v)
        v->i = x;
}

void wn_fres_dbl(wn_fres *r, const char *name, double x)
{
    wn_fval *v = fres_add(r, name, isfinite(x) ? 'd' : 'n');
    if (v)
        v->d = x;
}

void wn_fres_null(wn_fres *r, const char *name) { fres_add(r, name, 'n'); }

void wn_fres_ratio(wn_fres *r, const char *name, long long a, long long b)
{
    if (b == 0)
        wn_fres_null(r, name);
    else
        wn_fres_dbl(r, name, (double)a / (double)b);
}

int wn_fres_str(wn_fres *r, wn_arena *a, const char *name, const uint32_t *s, size_t n)
{
    size_t len;
    char *u = wn_u32_to_utf8(a, s, n, &len);
    if (!u)
        return -1;
    wn_fval *v = fres_add(r, name, 's');
    if (v) {
        v->s = u;
        v->slen = len;
    }
    return 0;
}

int wn_ftext_words(wn_ftext *t)
{
    if (t->have_words)
        return 0;
    memset(&t->words, 0, sizeof t->words);
    if (wn_word_tokenize(t->a, t->s, t->n, &t->words))
        return -1;
    t->have_words = 1;
    return 0;
}

/* ---- hashing ---- */

#define HB 0x100000001b3ull /* the polynomial base; arithmetic mod 2^64 */


static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

typedef struct hent {
    uint64_t h;
    uint32_t idx; /* first occurrence */
    uint32_t count;
} hent;

typedef struct hset {
    hent *e;
    size_t mask;
} hset;

static int hset_init(wn_arena *a, hset *hs, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    hs->e = wn_arena_calloc(a, cap, sizeof *hs->e);
    hs->mask = cap - 1;
    return hs->e ? 0 : -1;
}


int wn_find_duplicates(wn_arena *a, const wn_ustr *v, size_t n, long long *dup_elems,
                       long long *dup_chars)
{
    *dup_elems = *dup_chars = 0;
    hset hs;
    if (hset_init(a, &hs, n))
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = XXH3_64bits(v[i].s, v[i].n * sizeof *v[i].s);
        size_t p = h & hs.mask;
        for (;;) {
            hent *e = &hs.e[p];
            if (!e->count) {
                e->h = h;
                e->idx = (uint32_t)i;
                e->count = 1;
                break;
            }
            if (e->h == h && v[e->idx].n == v[i].n &&
                !memcmp(v[e->idx].s, v[i].s, v[i].n * sizeof *v[i].s)) {
                (*dup_elems)++;
                *dup_chars += (long long)v[i].n;
                break;
            }
            p = (p + 1) & hs.mask;
        }
    }
    return 0;
}

/* ---- gopher_quality ---- */

void wn_gq_defaults(wn_gq_cfg *c)
{
    c->min_doc_words = 50;
    c->max_doc_words = 100000;
    c->min_avg_word_length = 3;
    c->max_avg_word_length = 10;
    c->max_symbol_word_ratio = 0.1;
    c->max_bullet_lines_ratio = 0.9;
    c->max_ellipsis_lines_ratio = 0.3;
    c->max_non_alpha_words_ratio = 0.8;
    c->min_stop_words = 2;
}

/* Which stop word (0..7) w is, or -1: the, be, to, of, and, that, have, with. */
static int stop_word(const wn_ustr *w)
{
    static const char stop[8][5] = {"the", "be", "to", "of", "and", "that", "have", "with"};
    if (w->n < 2 || w->n > 4)
        return -1;
    switch (w->s[0]) {
    case 't': case 'b': case 'o': case 'a': case 'h': case 'w':
        break;
    default:
        return -1;
    }
    for (int k = 0; k < 8; k++) {
        size_t i = 0;
        while (i < w->n && stop[k][i] && w->s[i] == (uint32_t)stop[k][i])
            i++;
        if (i == w->n && !stop[k][i])
            return k;
    }
    return -1;
}

int wn_filter_gopher_quality(const wn_gq_cfg *c, wn_ftext *t, wn_fres *r)
{
    if (wn_ftext_words(t))
        return -1;
    const wn_ustr *w = t->words.v;
    size_t nw = t->words.n;
    long long n_non_symbol = 0, sum_len = 0, alpha = 0, stop_count = 0;
    unsigned stop_seen = 0;
    for (size_t i = 0; i < nw; i++) {
        int non_symbol = 0, has_alpha = 0;
        for (size_t k = 0; k < w[i].n; k++) {
            uint32_t ch = w[i].s[k];
            uint8_t f = wn_uflags(ch);
            non_symbol |= !(f & WN_U_PUNCT);
            has_alpha |= (f & WN_U_ALPHA) != 0;
        }
        if (non_symbol) {
            n_non_symbol++;
            sum_len += (long long)w[i].n;
        }
        alpha += has_alpha;
        int k = stop_word(&w[i]);
        if (k >= 0) {
            stop_count++;
            stop_seen |= 1u << k;
        }
    }
    /* One pass over the text: '#', "..." (non-overlapping: a run of k dots
     * holds k/3), U+2026, and text.splitlines() with each line lstrip()ped
     * and rstrip()ped for bullets and trailing ellipses. */
    long long hashes = 0, ellipsis = 0, n_lines = 0, bullets = 0, end_ell = 0, dot_run = 0;
    size_t line_start = 0;
    const uint32_t *s = t->s;
    for (size_t i = 0; i <= t->n; i++) {
        uint32_t ch = i < t->n ? s[i] : 0;
        if (ch != '.') {
            ellipsis += dot_run / 3;
            dot_run = 0;
        }
        if (i < t->n) {
            if (ch == '.') {
                dot_run++;
                continue;
            }
            if (ch == '#') {
                hashes++;
                continue;
            }
            if (ch == 0x2026) {
                ellipsis++;
                continue;
            }
            if (ch >= 0x20 && ch != 0x85 && ch != 0x2028 && ch != 0x2029)
                continue;
            if (!wn_is_linebreak(ch))
                continue;
        } else if (line_start >= t->n) {
            break; /* no line after a final line break */
        }
        n_lines++;
        size_t a, b;
        wn_u32_strip(s + line_start, i - line_start, &a, &b);
        if (a < b) {
            uint32_t first = s[line_start + a];
            if (first == 0x2022 || first == '-')
                bullets++;
            const uint32_t *e = s + line_start + b;
            if ((b - a >= 3 && e[-1] == '.' && e[-2] == '.' && e[-3] == '.') || e[-1] == 0x2026)
                end_ell++;
        }
        if (ch == '\r' && i + 1 < t->n && s[i + 1] == '\n')
            i++;
        line_start = i + 1;
    }

    wn_fres_int(r, "n_words", (long long)nw);
    wn_fres_int(r, "n_non_symbol_words", n_non_symbol);
    wn_fres_int(r, "sum_non_symbol_word_len", sum_len);
    wn_fres_ratio(r, "avg_word_length", sum_len, n_non_symbol);
    wn_fres_int(r, "hash_count", hashes);
    wn_fres_int(r, "ellipsis_count", ellipsis);
    wn_fres_int(r, "n_lines", n_lines);
    wn_fres_int(r, "bullet_lines", bullets);
    wn_fres_int(r, "end_ellipsis_lines", end_ell);
    wn_fres_int(r, "alpha_words", alpha);
    wn_fres_int(r, "stop_word_count", stop_count);
    wn_fres_int(r, "stop_word_distinct", __builtin_popcount(stop_seen));
    wn_fres_ratio(r, "hash_ratio", hashes, (long long)nw);
    wn_fres_ratio(r, "ellipsis_ratio", ellipsis, (long long)nw);
    wn_fres_ratio(r, "bullet_lines_ratio", bullets, n_lines);
    wn_fres_ratio(r, "end_ellipsis_lines_ratio", end_ell, n_lines);
    wn_fres_ratio(r, "alpha_words_ratio", alpha, (long long)nw);

    /* The reference's checks, in its order; a zero threshold disables one. */
    double avg = n_non_symbol ? (double)sum_len / (double)n_non_symbol : NAN;
    double dnw = (double)nw;
    r->kept = 0;
    if (c->min_doc_words && n_non_symbol < c->min_doc_words)
        r->reason = "gopher_short_doc";
    else if (c->max_doc_words && n_non_symbol > c->max_doc_words)
        r->reason = "gopher_long_doc";
    else if (c->min_avg_word_length && avg < c->min_avg_word_length)
        r->reason = "gopher_below_avg_threshold";
    else if (c->max_avg_word_length && avg > c->max_avg_word_length)
        r->reason = "gopher_above_avg_threshold";
    else if (c->max_symbol_word_ratio && nw && (double)hashes / dnw > c->max_symbol_word_ratio)
        r->reason = "gopher_too_many_hashes";
    else if (c->max_symbol_word_ratio && nw && (double)ellipsis / dnw > c->max_symbol_word_ratio)
        r->reason = "gopher_too_many_ellipsis";
    else if (c->max_bullet_lines_ratio && n_lines &&
             (double)bullets / (double)n_lines > c->max_bullet_lines_ratio)
        r->reason = "gopher_too_many_bullets";
    else if (c->max_ellipsis_lines_ratio && n_lines &&
             (double)end_ell / (double)n_lines > c->max_ellipsis_lines_ratio)
        r->reason = "gopher_too_many_end_ellipsis";
    else if (c->max_non_alpha_words_ratio && nw &&
             (double)alpha / dnw < c->max_non_alpha_words_ratio)
        r->reason = "gopher_below_alpha_threshold";
    else if (c->min_stop_words && stop_count < c->min_stop_words)
        r->reason = "gopher_enough_stop_words";
    else
        r->kept = 1;
    return 0;
}

/* ---- gopher_repetition ---- */

void wn_gr_defaults(wn_gr_cfg *c)
{
    c->dup_line_frac = 0.3;
    c->dup_para_frac = 0.3;
    c->dup_line_char_frac = 0.2;
    c->dup_para_char_frac = 0.2;
    c->top_n_grams[0] = 0.2;
    c->top_n_grams[1] = 0.18;
    c->top_n_grams[2] = 0.16;
    static const double dup[6] = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};
    memcpy(c->dup_n_grams, dup, sizeof dup);
}

/* N-gram hashes in O(1) each, from prefix sums over token boundaries:
 * F[i] = sum of c_p * B^p over the characters before token i in the
 * concatenation of all tokens; the concatenation of tokens i..j-1 then hashes
 * to (F[j] - F[i]) * B^-pre[i], the same value wherever that string occurs
 * and however it is cut into tokens (find_all_duplicate joins without
 * spaces). G and IG do the same over the tokens each followed by a space,
 * which is one-to-one with " ".join (tokens never contain whitespace). B is
 * odd, so it has an inverse modulo 2^64. Every hash hit is confirmed by
 * comparing the strings, so collisions cost time, never correctness. */
typedef struct ngram_ctx {
    const wn_ustr *w;
    size_t nw;
    uint64_t *F, *IF, *G, *IG;
    long long *pre; /* prefix sums of token lengths */
} ngram_ctx;

static uint64_t inverse(uint64_t b)
{
    uint64_t x = b; /* correct to 3 bits for odd b; each step doubles them */
    for (int k = 0; k < 6; k++)
        x *= 2 - b * x;
    return x;
}

static int ngram_init(wn_arena *a, ngram_ctx *g)
{
    size_t n = g->nw + 1;
    g->F = wn_arena_alloc(a, n * sizeof *g->F);
    g->IF = wn_arena_alloc(a, n * sizeof *g->IF);
    g->G = wn_arena_alloc(a, n * sizeof *g->G);
    g->IG = wn_arena_alloc(a, n * sizeof *g->IG);
    g->pre = wn_arena_alloc(a, n * sizeof *g->pre);
    if (!g->F || !g->IF || !g->G || !g->IG || !g->pre)
        return -1;
    const uint64_t inv = inverse(HB);
    uint64_t f = 0, pf = 1, ipf = 1, gg = 0, pg = 1, ipg = 1;
    g->pre[0] = 0;
    for (size_t i = 0; i < g->nw; i++) {
        g->F[i] = f, g->IF[i] = ipf, g->G[i] = gg, g->IG[i] = ipg;
        const uint32_t *s = g->w[i].s;
        for (size_t k = 0; k < g->w[i].n; k++) {
            uint64_t c = (uint64_t)s[k] + 1;
            f += c * pf;
            gg += c * pg;
            pf *= HB, ipf *= inv, pg *= HB, ipg *= inv;
        }
        gg += ((uint64_t)' ' + 1) * pg;
        pg *= HB, ipg *= inv;
        g->pre[i + 1] = g->pre[i] + (long long)g->w[i].n;
    }
    g->F[g->nw] = f, g->IF[g->nw] = ipf, g->G[g->nw] = gg, g->IG[g->nw] = ipg;
    return 0;
}

static uint64_t ngram_hash(const ngram_ctx *g, size_t i, size_t n, int spaced)
{
    if (spaced)
        return mix((g->G[i + n] - g->G[i]) * g->IG[i]);
    return mix((g->F[i + n] - g->F[i]) * g->IF[i]);
}

static int tokens_eq(const ngram_ctx *g, size_t i, size_t j, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const wn_ustr *a = &g->w[i + k], *b = &g->w[j + k];
        if (a->n != b->n || memcmp(a->s, b->s, a->n * sizeof *a->s))
            return 0;
    }
    return 1;
}

/* "".join(w[i:i+n]) == "".join(w[j:j+n]) */
static int concat_eq(const ngram_ctx *g, size_t i, size_t j, size_t n)
{
    if (g->pre[i + n] - g->pre[i] != g->pre[j + n] - g->pre[j])
        return 0;
    if (tokens_eq(g, i, j, n))
        return 1; /* the usual case; otherwise the cuts differ: compare characters */
    size_t ti = i, tj = j, ki = 0, kj = 0;
    while (ti < i + n && tj < j + n) {
        if (ki == g->w[ti].n) {
            ti++, ki = 0;
            continue;
        }
        if (kj == g->w[tj].n) {
            tj++, kj = 0;
            continue;
        }
        if (g->w[ti].s[ki] != g->w[tj].s[kj])
            return 0;
        ki++, kj++;
    }
    return 1;
}


/* The n-gram tables: one 64-bit slot per n-gram, (hash tag << 32) | (first
 * index + 1), 0 = empty; counts beside it. Small slots and a prefetch a few
 * n-grams ahead, because these probes are cache misses on long documents. */
typedef struct ntab {
    uint64_t *slot;
    uint32_t *count;
    uint32_t *used;
    uint64_t *hash; /* the current pass's n-gram hashes, computed up front */
    size_t mask, nused;
} ntab;

#define PREFETCH_AHEAD 8

static int ntab_init(wn_arena *a, ntab *t, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    t->slot = wn_arena_calloc(a, cap, sizeof *t->slot);
    t->count = wn_arena_alloc(a, cap * sizeof *t->count);
    t->used = wn_arena_alloc(a, (n + 1) * sizeof *t->used);
    t->hash = wn_arena_alloc(a, (n + 1) * sizeof *t->hash);
    t->mask = cap - 1;
    t->nused = 0;
    return t->slot && t->count && t->used && t->hash ? 0 : -1;
}

static void ntab_clear(ntab *t)
{
    for (size_t k = 0; k < t->nused; k++)
        t->slot[t->used[k]] = 0;
    t->nused = 0;
}

/* The slot of n-gram i (hash h): found (*fresh = 0) or newly filled. */
static size_t ntab_find(ntab *t, const ngram_ctx *g, size_t i, size_t n, uint64_t h, int spaced,
                        int *fresh)
{
    uint64_t tag = h >> 32;
    size_t p = h & t->mask;
    for (;;) {
        uint64_t v = t->slot[p];
        if (!v) {
            t->slot[p] = (tag << 32) | (uint64_t)(i + 1);
            t->count[p] = 1;
            t->used[t->nused++] = (uint32_t)p;
            *fresh = 1;
            return p;
        }
        if ((v >> 32) == tag) {
            size_t j = (size_t)(v & 0xffffffffu) - 1;
            if (spaced ? tokens_eq(g, j, i, n) : concat_eq(g, j, i, n)) {
                *fresh = 0;
                return p;
            }
        }
        p = (p + 1) & t->mask;
    }
}

/* find_top_duplicate(): the most frequent n-gram (first seen wins a tie). */
static void top_ngram(ntab *t, const ngram_ctx *g, size_t n, size_t *best_idx,
                      long long *best_count)
{
    size_t cnt = g->nw - n + 1;
    ntab_clear(t);
    *best_count = 0;
    *best_idx = 0;
    for (size_t i = 0; i < cnt; i++)
        t->hash[i] = ngram_hash(g, i, n, 1);
    for (size_t i = 0; i < cnt; i++) {
        if (i + PREFETCH_AHEAD < cnt)
            __builtin_prefetch(&t->slot[t->hash[i + PREFETCH_AHEAD] & t->mask]);
        int fresh;
        size_t p = ntab_find(t, g, i, n, t->hash[i], 1, &fresh);
        if (!fresh)
            t->count[p]++;
        /* counts only grow, so the best so far is the best of those seen */
        long long c = t->count[p];
        size_t first = (size_t)(t->slot[p] & 0xffffffffu) - 1;
        if (c > *best_count || (c == *best_count && first < *best_idx)) {
            *best_count = c;
            *best_idx = first;
        }
    }
}

/* find_all_duplicate(): characters in n-grams (joined without spaces) that
 * repeat an earlier one; a repeat skips the whole n-gram. */
static long long all_dup(ntab *t, const ngram_ctx *g, size_t n)
{
    long long chars = 0;
    if (g->nw < n)
        return 0;
    size_t cnt = g->nw - n + 1;
    ntab_clear(t);
    for (size_t i = 0; i < cnt; i++)
        t->hash[i] = ngram_hash(g, i, n, 0);
    for (size_t i = 0; i < cnt;) {
        if (i + PREFETCH_AHEAD < cnt)
            __builtin_prefetch(&t->slot[t->hash[i + PREFETCH_AHEAD] & t->mask]);
        int fresh;
        ntab_find(t, g, i, n, t->hash[i], 0, &fresh);
        if (!fresh) {
            chars += g->pre[i + n] - g->pre[i];
            i += n;
        } else {
            i++;
        }
    }
    return chars;
}

static int split_on_newlines(wn_arena *a, const uint32_t *s, size_t n, size_t min_run,
                             wn_ustr_vec *out)
{
    size_t start = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\n') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] == '\n')
            j++;
        if (j - i >= min_run) {
            if (wn_ustr_vec_push(a, out, s + start, i - start))
                return -1;
            start = j;
        }
        i = j;
    }
    return wn_ustr_vec_push(a, out, s + start, n - start);
}

static const char *const TOP_NAMES[3][4] = {
    {"top_2_gram_chars", "top_2_gram_frac", "top_2_gram", "top_2_gram_count"},
    {"top_3_gram_chars", "top_3_gram_frac", "top_3_gram", "top_3_gram_count"},
    {"top_4_gram_chars", "top_4_gram_frac", "top_4_gram", "top_4_gram_count"}};
static const char *const TOP_REASONS[3] = {"top_2_gram", "top_3_gram", "top_4_gram"};
static const char *const DUP_NAMES[6][2] = {
    {"dup_5_gram_chars", "dup_5_gram_frac"},   {"dup_6_gram_chars", "dup_6_gram_frac"},
    {"dup_7_gram_chars", "dup_7_gram_frac"},   {"dup_8_gram_chars", "dup_8_gram_frac"},
    {"dup_9_gram_chars", "dup_9_gram_frac"},   {"dup_10_gram_chars", "dup_10_gram_frac"}};
static const char *const DUP_REASONS[6] = {"duplicated_5_n_grams", "duplicated_6_n_grams",
                                           "duplicated_7_n_grams", "duplicated_8_n_grams",
                                           "duplicated_9_n_grams", "duplicated_10_n_grams"};

int wn_filter_gopher_repetition(const wn_gr_cfg *c, wn_ftext *t, wn_fres *r)
{
    wn_arena *a = t->a;
    long long text_len = (long long)t->n;
    const char *reason = NULL;
    double dlen = (double)text_len;
    int zero = text_len == 0; /* the reference divides by len(text) and raises */

    /* paragraphs: re.split(r"\n{2,}", text.strip()) */
    size_t sa, sb;
    wn_u32_strip(t->s, t->n, &sa, &sb);
    wn_ustr_vec paras = {0}, lines = {0};
    if (split_on_newlines(a, t->s + sa, sb - sa, 2, &paras))
        return -1;
    long long pd, pc;
    if (wn_find_duplicates(a, paras.v, paras.n, &pd, &pc))
        return -1;
    wn_fres_int(r, "text_len", text_len);
    wn_fres_int(r, "n_paragraphs", (long long)paras.n);
    wn_fres_int(r, "para_dup_count", pd);
    wn_fres_int(r, "para_dup_chars", pc);
    wn_fres_ratio(r, "para_dup_frac", pd, (long long)paras.n);
    wn_fres_ratio(r, "para_dup_char_frac", pc, text_len);
    if (c->dup_para_frac && (double)pd / (double)paras.n > c->dup_para_frac)
        reason = "dup_para_frac";
    else if (c->dup_para_char_frac && zero)
        reason = "";
    else if (c->dup_para_char_frac && (double)pc / dlen > c->dup_para_char_frac)
        reason = "dup_para_char_frac";

    /* lines: re.split(r"\n+", text) */
    if (split_on_newlines(a, t->s, t->n, 1, &lines))
        return -1;
    long long ld, lc;
    if (wn_find_duplicates(a, lines.v, lines.n, &ld, &lc))
        return -1;
    wn_fres_int(r, "n_lines", (long long)lines.n);
    wn_fres_int(r, "line_dup_count", ld);
    wn_fres_int(r, "line_dup_chars", lc);
    wn_fres_ratio(r, "line_dup_frac", ld, (long long)lines.n);
    wn_fres_ratio(r, "line_dup_char_frac", lc, text_len);
    if (!reason) {
        if (c->dup_line_frac && (double)ld / (double)lines.n > c->dup_line_frac)
            reason = "dup_line_frac";
        else if (c->dup_line_char_frac && zero)
            reason = "";
        else if (c->dup_line_char_frac && (double)lc / dlen > c->dup_line_char_frac)
            reason = "dup_line_char_frac";
    }

    if (wn_ftext_words(t))
        return -1;
    ngram_ctx g = {.w = t->words.v, .nw = t->words.n};
    ntab hs;
    if (ngram_init(a, &g) || ntab_init(a, &hs, g.nw))
        return -1;
    wn_fres_int(r, "n_words", (long long)g.nw);

    for (size_t k = 0; k < 3; k++) {
        size_t n = k + 2;
        if (g.nw < n) {
            wn_fres_null(r, TOP_NAMES[k][0]);
            wn_fres_null(r, TOP_NAMES[k][1]);
            continue;
        }
        size_t bi;
        long long bc;
        top_ngram(&hs, &g, n, &bi, &bc);
        long long glen = g.pre[bi + n] - g.pre[bi] + (long long)(n - 1);
        long long chars = glen * bc;
        wn_fres_int(r, TOP_NAMES[k][0], chars);
        wn_fres_ratio(r, TOP_NAMES[k][1], chars, text_len);
        /* the n-gram itself, joined with spaces */
        uint32_t *gs = wn_arena_alloc(a, (size_t)glen * sizeof *gs + 4);
        if (!gs)
            return -1;
        size_t o = 0;
        for (size_t q = bi; q < bi + n; q++) {
            if (q > bi)
                gs[o++] = ' ';
            memcpy(gs + o, g.w[q].s, g.w[q].n * sizeof *gs);
            o += g.w[q].n;
        }
        if (wn_fres_str(r, a, TOP_NAMES[k][2], gs, o))
            return -1;
        wn_fres_int(r, TOP_NAMES[k][3], bc);
        if (!reason && c->top_n_grams[k] >= 0 && !zero && (double)chars / dlen > c->top_n_grams[k])
            reason = TOP_REASONS[k];
    }
    for (size_t k = 0; k < 6; k++) {
        long long chars = all_dup(&hs, &g, k + 5);
        wn_fres_int(r, DUP_NAMES[k][0], chars);
        wn_fres_ratio(r, DUP_NAMES[k][1], chars, text_len);
        if (!reason && zero)
            reason = "";
        if (!reason && (double)chars / dlen > c->dup_n_grams[k])
            reason = DUP_REASONS[k];
    }
    if (reason && !*reason) {
        r->kept = 0;
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else {
        r->kept = reason == NULL;
        r->reason = reason;
    }
    return 0;
}
