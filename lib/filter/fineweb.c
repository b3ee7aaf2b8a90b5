/*
 * fineweb.c - FineWeb's own quality filter (datatrove FineWebQualityFilter at
 * fe81883d): too few lines ending in punctuation, too many short lines, too
 * many characters in repeated lines, too many newlines per word.
 *
 * Lines are text.split("\n"), empty ones included, as the reference counts
 * them; only the duplicate-line count skips blank lines.
 */
#include <stdint.h>
#include <string.h>

#include "filters.h"

void wn_fw_defaults(wn_fw_cfg *c)
{
    c->line_punct_thr = 0.12;
    c->line_punct_exclude_zero = 0;
    c->short_line_thr = 0.67;
    c->short_line_length = 30;
    c->char_duplicates_ratio = 0.01;
    c->new_line_ratio = 0.3;
}

/* The next '\n' at or after i, or n, from a mask of the sixteen code points
 * at base kept between calls (most lines are short: a block is looked at
 * once, not once per line). Narrowed with signed saturation every code
 * point above 127 becomes 127, so a byte is 10 exactly where the code point
 * is '\n'. */
typedef struct nl_scan {
    size_t base;
    unsigned mask;
} nl_scan;

static inline size_t nl_next(nl_scan *b, const uint32_t *s, size_t n, size_t i)
{
    for (;;) {
        unsigned m = b->mask & (~0u << (i - b->base));
        if (m)
            return b->base + (size_t)__builtin_ctz(m);
        b->base += 16;
        if (b->base >= n)
            return n;
        i = b->base;
        m = 0;
#ifdef __SSE2__
        if (i + 16 <= n) {
            __m128i x = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i)),
                                        _mm_loadu_si128((const __m128i *)(s + i + 4)));
            __m128i y = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(s + i + 8)),
                                        _mm_loadu_si128((const __m128i *)(s + i + 12)));
            m = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_packs_epi16(x, y), _mm_set1_epi8('\n')));
        } else
#endif
            for (size_t k = 0; i + k < n && k < 16; k++)
                m |= (unsigned)(s[i + k] == '\n') << k;
        b->mask = m;
    }
}

/* A key of a line from its length and six of its code points (both ends
 * and the middle), not all of them: find_duplicates() only needs equal
 * lines to get equal keys, and every key match is confirmed by comparing
 * the lines. */
static inline uint64_t line_key(const uint32_t *p, size_t m)
{
    uint64_t x, y, z;
    if (m >= 2) {
        memcpy(&x, p, 8);
        memcpy(&y, p + m - 2, 8);
        memcpy(&z, p + (m - 2) / 2, 8);
    } else {
        x = y = z = m ? p[0] : 0;
    }
    uint64_t h = (x ^ 0x9e3779b97f4a7c15ull ^ m) * 0xff51afd7ed558ccdull;
    uint64_t g = (y ^ 0x243f6a8885a308d3ull) * 0xc4ceb9fe1a85ec53ull;
    h = (h ^ (h >> 29) ^ g ^ (z * 0x9e3779b97f4a7c15ull)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 32);
}

typedef struct key_ent {
    uint64_t key;
    uint32_t idx; /* first occurrence + 1; 0 = empty */
} key_ent;

/* find_duplicates() over v[0..n) with line_key(). Lines that differ where
 * the key does not look (same length, ends and middle) meet in the table
 * and cost a comparison each; past a bound on those (a text of such lines
 * could make them quadratic), the whole count is made again with full
 * hashes (wn_find_duplicates). */
static int dup_lines(wn_arena *a, const wn_ustr *v, size_t n, long long *dup_elems,
                     long long *dup_chars)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    key_ent *tab = wn_arena_calloc(a, cap, sizeof *tab);
    if (!tab)
        return -1;
    size_t mask = cap - 1, misses = 0, max_misses = 32 + n / 4;
    long long elems = 0, chars = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = line_key(v[i].s, v[i].n);
        for (size_t p = k & mask;; p = (p + 1) & mask) {
            key_ent *e = &tab[p];
            if (!e->idx) {
                e->key = k;
                e->idx = (uint32_t)(i + 1);
                break;
            }
            if (e->key != k)
                continue;
            const wn_ustr *f = &v[e->idx - 1];
            if (f->n == v[i].n && !memcmp(f->s, v[i].s, v[i].n * sizeof *v[i].s)) {
                elems++;
                chars += (long long)v[i].n;
                break;
            }
            if (++misses > max_misses)
                return wn_find_duplicates(a, v, n, dup_elems, dup_chars);
        }
    }
    *dup_elems = elems;
    *dup_chars = chars;
    return 0;
}

/* len(word_tokenize(text)) when c4_quality has handed on sent_tokenize(text)
 * (t->sents; see c4.c): the Treebank step of each sentence, whose count the
 * memo of the text before the rewrite already holds for a sentence with the
 * same characters (the step reads a sentence's characters alone); the
 * others are counted together afterwards, without making their tokens.
 *
 * A sentence inside a line that c4_quality copied whole from the text
 * before (t->sents_line_from) is found by where it came from: a memo
 * sentence that starts at that place and has its length has its
 * characters. The memo's sentences are in text order, as are the lines and
 * the sentences, so one walk finds them. The others are counted, not
 * looked up in a table of the memo's sentences by their characters: few of
 * them are in the memo (on the parity inputs 928 of 6,180 sentences,
 * 114,579 of 1,149,315 characters; most run across a join of two kept
 * lines), and hashing every memo sentence of the text to find those cost
 * more than counting them (0.29-0.30 -> 0.26-0.27 ms/MB). The count is the
 * same either way: the Treebank step reads a sentence's characters alone. */
static int count_sents(wn_ftext *t, size_t *count)
{
    const wn_sent_memo *m = &t->memo;
    wn_ustr_vec miss = {0}; /* the sentences the memo does not hold */
    if (wn_ustr_vec_reserve(t->a, &miss, t->nsents))
        return -1;
    const size_t *at = t->sents_line_at;
    const uint32_t *const *from = t->sents_line_from;
    size_t nlines = from ? t->sents_nlines : 0, line = 0, j = 0, total = 0;
    for (size_t k = 0; k < t->nsents; k++) {
        const wn_ustr *x = &t->sents[k];
        long c = -1;
        if (nlines) {
            size_t o = (size_t)(x->s - t->sents_s);
            while (line + 1 < nlines && at[line + 1] <= o)
                line++;
            size_t end = line + 1 < nlines ? at[line + 1] - 1 : t->sents_n;
            if (from[line] && o >= at[line] && o + x->n <= end) {
                uintptr_t p = (uintptr_t)(from[line] + (o - at[line]));
                while (j < m->n && (uintptr_t)m->sent[j].s < p)
                    j++;
                if (j < m->n && (uintptr_t)m->sent[j].s == p && m->sent[j].n == x->n)
                    c = (long)m->count[j];
            }
        }
        if (c < 0) {
            if (wn_ustr_vec_push(t->a, &miss, x->s, x->n))
                return -1;
            c = 0;
        }
        total += (size_t)c;
    }
    size_t more;
    if (wn_treebank_count_spans(t->a, t->sents_maps, miss.v, miss.n, &more))
        return -1;
    *count = total + more;
    return 0;
}

int wn_filter_fineweb_quality(const wn_fw_cfg *c, wn_ftext *t, wn_fres *r)
{
    const uint32_t *s = t->s;
    size_t n = t->n;
    long long n_lines = 0, end_punct = 0, short_lines = 0, newlines = 0;
    wn_ustr_vec nonempty = {0};
    nl_scan sc = {.base = (size_t)0 - 16, .mask = 0};
    /* When c4_quality made this text (it handed on its sentences, see
     * c4.c's hand_on), the lines are its kept lines, joined by '\n': none
     * holds a '\n' (they are splitlines() pieces, or those with citations
     * taken out), so text.split("\n") gives them back and need not look
     * at the characters. */
    const size_t *at = NULL;
    size_t nat = 0;
    if (t->sents && t->sents_s == s && t->sents_n == n && t->sents_line_at && t->sents_nlines) {
        at = t->sents_line_at;
        nat = t->sents_nlines;
    }
    for (size_t i = 0, k = 1;; k++) {
        size_t j = !at ? nl_next(&sc, s, n, i) : k < nat ? at[k] - 1 : n;
        n_lines++;
        size_t len = j - i;
        if (len) {
            uint32_t last = s[j - 1];
            if (last == '.' || last == '\'' || last == '"' || last == '!' || last == '?')
                end_punct++;
            /* line.strip() is not empty: the usual line starts with a
             * character that is not whitespace */
            size_t k = i;
            while (k < j && wn_isspace(s[k]))
                k++;
            if (k < j && wn_ustr_vec_push(t->a, &nonempty, s + i, len))
                return -1;
        }
        if ((long long)len <= c->short_line_length)
            short_lines++;
        if (j == n)
            break;
        newlines++;
        i = j + 1;
    }
    long long dup_elems, dup_chars;
    if (dup_lines(t->a, nonempty.v, nonempty.n, &dup_elems, &dup_chars))
        return -1;
    long long no_nl = (long long)n - newlines;
    size_t nwords;
    int words = t->have_words && t->words_s == s && t->words_n == n;
    if (!words && t->sents && t->sents_s == s && t->sents_n == n && t->memo.n) {
        if (count_sents(t, &nwords))
            return -1;
    } else if (wn_ftext_nwords(t, &nwords)) {
        return -1;
    }
    long long nw = (long long)nwords;

    wn_fres_int(r, "n_lines", n_lines);
    wn_fres_int(r, "n_non_empty_lines", (long long)nonempty.n);
    wn_fres_int(r, "lines_end_punct", end_punct);
    wn_fres_int(r, "short_lines", short_lines);
    wn_fres_int(r, "dup_line_chars", dup_chars);
    wn_fres_int(r, "text_len_no_newlines", no_nl);
    wn_fres_int(r, "n_newlines", newlines);
    wn_fres_ratio(r, "line_punct_ratio", end_punct, n_lines);
    wn_fres_ratio(r, "short_line_ratio", short_lines, n_lines);
    wn_fres_ratio(r, "char_dup_ratio", dup_chars, no_nl);
    wn_fres_int(r, "n_words", nw);
    wn_fres_ratio(r, "list_ratio", newlines, nw);

    double punct = (double)end_punct / (double)n_lines;
    r->kept = 0;
    if (punct <= c->line_punct_thr && !(punct == 0 && c->line_punct_exclude_zero))
        r->reason = "line_punct_ratio";
    else if ((double)short_lines / (double)n_lines >= c->short_line_thr)
        r->reason = "short_line_ratio";
    else if (no_nl == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)dup_chars / (double)no_nl >= c->char_duplicates_ratio)
        r->reason = "char_dup_ratio";
    else if (nw == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)newlines / (double)nw > c->new_line_ratio)
        r->reason = "list_ratio";
    else
        r->kept = 1;
    return 0;
}
