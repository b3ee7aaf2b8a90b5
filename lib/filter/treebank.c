/*
 * treebank.c - NLTK 3.8's word tokenizer (NLTKWordTokenizer, the improved
 * Treebank tokenizer) and word_tokenize() = punkt sentences + this per
 * sentence.
 *
 * NLTK applies some twenty regular-expression substitutions in a fixed order
 * and splits the result on whitespace. Each substitution is a pass here, in
 * the same order and with Python re's semantics (leftmost, non-overlapping,
 * Unicode \w \d \s, IGNORECASE equivalences such as 'ı' ~ 'i' and 'ſ' ~ 's'),
 * hand-written (a regex engine would cost far more than the padding itself).
 * A pass whose trigger characters do not occur is skipped: its output would
 * be its input. Most of a sentence never reaches the passes at all: see "the
 * fast path" below.
 */
#include <string.h>

#include "ftext.h"

typedef struct tb {
    wn_arena *a;
    int all_passes; /* the reference path: no skipping on a pre-scan */
    uint32_t *src, *dst;
    size_t n, cap;
} tb;

/* Make dst hold at least 4n+8 (the largest growth of one pass). */
static int reserve(tb *t)
{
    size_t need = t->n * 4 + 8;
    if (need <= t->cap)
        return 0;
    size_t nc = need * 2;
    uint32_t *s = wn_arena_alloc(t->a, nc * sizeof *s);
    uint32_t *d = wn_arena_alloc(t->a, nc * sizeof *d);
    if (!s || !d)
        return -1;
    memcpy(s, t->src, t->n * sizeof *s);
    t->src = s;
    t->dst = d;
    t->cap = nc;
    return 0;
}

static void swap(tb *t, size_t n)
{
    uint32_t *x = t->src;
    t->src = t->dst;
    t->dst = x;
    t->n = n;
}

#define PUT(c) (d[o++] = (c))

/* Case-insensitive match of one character with an ASCII letter, as Python
 * re's IGNORECASE does it for the letters the patterns use. */
static int ci(uint32_t c, char l)
{
    if (c < 128)
        return (c | 32) == (uint32_t)l && l >= 'a' && l <= 'z' ? 1 : c == (uint32_t)l;
    if (l == 'i')
        return c == 0x130 || c == 0x131;
    if (l == 's')
        return c == 0x17f;
    return 0;
}

static int ci_str(const uint32_t *s, size_t n, size_t i, const char *w)
{
    for (size_t k = 0; w[k]; k++)
        if (i + k >= n || !ci(s[i + k], w[k]))
            return 0;
    return 1;
}

/* Pad every character that pred() accepts with a space on both sides. */
static size_t pad_chars(const uint32_t *s, size_t n, uint32_t *d, int (*pred)(uint32_t))
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (pred(s[i])) {
            PUT(' ');
            PUT(s[i]);
            PUT(' ');
        } else {
            PUT(s[i]);
        }
    }
    return o;
}

static int is_open_quote(uint32_t c) { return c == 0xAB || c == 0x201C || c == 0x2018 || c == 0x201E; }
static int is_close_quote(uint32_t c) { return c == 0xBB || c == 0x201D || c == 0x2019; }
static int is_semi_etc(uint32_t c)
{
    return c == ';' || c == '@' || c == '#' || c == '$' || c == '%' || c == '&';
}
static int is_qe(uint32_t c) { return c == '?' || c == '!'; }
static int is_star(uint32_t c) { return c == '*'; }
static int is_paren(uint32_t c)
{
    return c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}' || c == '<' ||
           c == '>';
}

/* ([«“‘„]|[`]+) -> " \1 " */
static size_t p_start_quotes(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (is_open_quote(s[i])) {
            PUT(' ');
            PUT(s[i]);
            PUT(' ');
            i++;
        } else if (s[i] == '`') {
            PUT(' ');
            while (i < n && s[i] == '`')
                PUT(s[i++]);
            PUT(' ');
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

/* (``) -> " \1 " */
static size_t p_double_backtick(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '`' && i + 1 < n && s[i + 1] == '`') {
            PUT(' ');
            PUT('`');
            PUT('`');
            PUT(' ');
            i += 2;
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

/* ([ \(\[{<])(\"|\'{2}) -> "\1 `` " */
static size_t p_open_dquote(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i];
        if ((c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') && i + 1 < n) {
            size_t m = 0;
            if (s[i + 1] == '"')
                m = 2;
            else if (s[i + 1] == '\'' && i + 2 < n && s[i + 2] == '\'')
                m = 3;
            if (m) {
                PUT(c);
                PUT(' ');
                PUT('`');
                PUT('`');
                PUT(' ');
                i += m;
                continue;
            }
        }
        PUT(s[i++]);
    }
    return o;
}

/* (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b -> "\1 \2" */
static size_t p_quote_letter(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '\'' && i + 1 < n) {
            uint32_t c1 = s[i + 1];
            int excluded = ci(c1, 'm') || ci(c1, 't') || ci(c1, 's') || ci(c1, 'd') ||
                           ci(c1, 'n') || ci_str(s, n, i + 1, "re") || ci_str(s, n, i + 1, "ve") ||
                           ci_str(s, n, i + 1, "ll");
            if (!excluded && wn_isword(c1) && (i + 2 >= n || !wn_isword(s[i + 2]))) {
                PUT('\'');
                PUT(' ');
                PUT(c1);
                i += 2;
                continue;
            }
        }
        PUT(s[i++]);
    }
    return o;
}

static int closer1(uint32_t c)
{
    return c == ']' || c == ')' || c == '}' || c == '>' || c == '"' || c == '\'' || c == 0xBB ||
           c == 0x201D || c == 0x2019 || c == ' ';
}
static int closer2(uint32_t c)
{
    return c == ']' || c == ')' || c == '}' || c == '>' || c == '"' || c == '\'';
}

/* ([^\.])(\.)([closers]*)\s*$ -> "\1 \2 \3 " (split) or "\1 \2\3 " */
static size_t p_final_period(const uint32_t *s, size_t n, uint32_t *d, int (*closer)(uint32_t),
                             int split, int *changed)
{
    *changed = 0;
    size_t q = n;
    while (q > 0 && s[q - 1] != '.')
        q--;
    if (q < 2 || s[q - 2] == '.')
        return 0;
    q--; /* the period */
    size_t g = q + 1;
    while (g < n && closer(s[g]))
        g++;
    for (size_t k = g; k < n; k++)
        if (!wn_isspace(s[k]))
            return 0;
    size_t o = 0;
    memcpy(d, s, q * sizeof *d);
    o = q;
    PUT(' ');
    PUT('.');
    if (split)
        PUT(' ');
    for (size_t k = q + 1; k < g; k++)
        PUT(s[k]);
    PUT(' ');
    *changed = 1;
    return o;
}

/* ([:,])([^\d]) -> " \1 \2", then ([:,])$ -> " \1 " */
static size_t p_colon_comma(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if ((s[i] == ':' || s[i] == ',') && i + 1 < n && !wn_isdecimal(s[i + 1])) {
            PUT(' ');
            PUT(s[i]);
            PUT(' ');
            PUT(s[i + 1]);
            i += 2;
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

static size_t p_colon_comma_end(const uint32_t *s, size_t n, uint32_t *d, int *changed)
{
    size_t at = n;
    if (n >= 1 && (s[n - 1] == ':' || s[n - 1] == ','))
        at = n - 1;
    else if (n >= 2 && s[n - 1] == '\n' && (s[n - 2] == ':' || s[n - 2] == ','))
        at = n - 2;
    *changed = at < n;
    if (at == n)
        return 0;
    size_t o = at;
    memcpy(d, s, at * sizeof *d);
    PUT(' ');
    PUT(s[at]);
    PUT(' ');
    for (size_t k = at + 1; k < n; k++)
        PUT(s[k]);
    return o;
}

/* \.{2,} -> " \g<0> " */
static size_t p_dots(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '.' && i + 1 < n && s[i + 1] == '.') {
            PUT(' ');
            while (i < n && s[i] == '.')
                PUT(s[i++]);
            PUT(' ');
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

/* ([^'])' -> "\1 ' " */
static size_t p_quote_space(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\'' && i + 2 < n && s[i + 1] == '\'' && s[i + 2] == ' ') {
            PUT(s[i]);
            PUT(' ');
            PUT('\'');
            PUT(' ');
            i += 3;
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

/* ab -> " ab " (the pairs -- and '') */
static size_t p_pad_pair(const uint32_t *s, size_t n, uint32_t *d, uint32_t a, uint32_t b)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == a && i + 1 < n && s[i + 1] == b) {
            PUT(' ');
            PUT(a);
            PUT(b);
            PUT(' ');
            i += 2;
        } else {
            PUT(s[i++]);
        }
    }
    return o;
}

/* " -> " '' " */
static size_t p_dquote(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            PUT(' ');
            PUT('\'');
            PUT('\'');
            PUT(' ');
        } else {
            PUT(s[i]);
        }
    }
    return o;
}

/* ([^' ])('[sS]|'[mM]|'[dD]|') -> "\1 \2 " */
static size_t p_clitic1(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\'' && s[i] != ' ' && i + 2 < n && s[i + 1] == '\'') {
            uint32_t c = s[i + 2];
            size_t g = 0;
            if ((c == 's' || c == 'S' || c == 'm' || c == 'M' || c == 'd' || c == 'D') &&
                i + 3 < n && s[i + 3] == ' ')
                g = 2;
            else if (c == ' ')
                g = 1;
            if (g) {
                PUT(s[i]);
                PUT(' ');
                for (size_t k = 0; k < g; k++)
                    PUT(s[i + 1 + k]);
                PUT(' ');
                i += 1 + g + 1;
                continue;
            }
        }
        PUT(s[i++]);
    }
    return o;
}

/* ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) -> "\1 \2 " */
static int clitic2_at(const uint32_t *s, size_t n, size_t i)
{
    static const char *const alts[] = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};
    if (i + 3 >= n || s[i + 3] != ' ')
        return 0;
    for (size_t k = 0; k < 8; k++)
        if (s[i] == (uint32_t)alts[k][0] && s[i + 1] == (uint32_t)alts[k][1] &&
            s[i + 2] == (uint32_t)alts[k][2])
            return 1;
    return 0;
}

static size_t p_clitic2(const uint32_t *s, size_t n, uint32_t *d)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\'' && s[i] != ' ' && clitic2_at(s, n, i + 1)) {
            PUT(s[i]);
            PUT(' ');
            PUT(s[i + 1]);
            PUT(s[i + 2]);
            PUT(s[i + 3]);
            PUT(' ');
            i += 5;
            continue;
        }
        PUT(s[i++]);
    }
    return o;
}

/* CONTRACTIONS2 in one pass: the eight patterns match different words that
 * all start at a word boundary, so no two matches can overlap and applying
 * them together equals applying them one after another. */
static size_t p_contractions(const uint32_t *s, size_t n, uint32_t *d)
{
    static const char *const pat[][2] = {{"can", "not"}, {"d", "'ye"}, {"gim", "me"},
                                         {"gon", "na"},  {"got", "ta"}, {"lem", "me"},
                                         {"more", "'n"}, {"wan", "na"}};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i] | 32;
        if ((c == 'c' || c == 'd' || c == 'g' || c == 'l' || c == 'm' || c == 'w') && s[i] < 128 &&
            (i == 0 || !wn_isword(s[i - 1]))) {
            size_t k, e = 0, la = 0;
            for (k = 0; k < 8; k++) {
                la = strlen(pat[k][0]);
                size_t lb = strlen(pat[k][1]);
                if (!ci_str(s, n, i, pat[k][0]) || !ci_str(s, n, i + la, pat[k][1]))
                    continue;
                e = i + la + lb;
                if (k == 7 ? (e < n && wn_isspace(s[e])) : (e >= n || !wn_isword(s[e])))
                    break;
            }
            if (k < 8) {
                PUT(' ');
                for (size_t j = i; j < i + la; j++)
                    PUT(s[j]);
                PUT(' ');
                for (size_t j = i + la; j < e; j++)
                    PUT(s[j]);
                PUT(' ');
                i = e;
                continue;
            }
        }
        PUT(s[i++]);
    }
    return o;
}

/* (?i) ('t)(is|was)\b -> " \1 \2 " */
static size_t p_tis(const uint32_t *s, size_t n, uint32_t *d, const char *b)
{
    size_t lb = strlen(b), o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ' && i + 2 < n && s[i + 1] == '\'' && ci(s[i + 2], 't') &&
            ci_str(s, n, i + 3, b) && (i + 3 + lb >= n || !wn_isword(s[i + 3 + lb]))) {
            PUT(' ');
            PUT('\'');
            PUT(s[i + 2]);
            PUT(' ');
            for (size_t k = i + 3; k < i + 3 + lb; k++)
                PUT(s[k]);
            PUT(' ');
            i += 3 + lb;
            continue;
        }
        PUT(s[i++]);
    }
    return o;
}

/* Which characters occur: an ASCII bitmap and the Unicode quotes, to skip
 * the passes that could not change anything. */
typedef struct seen {
    uint64_t lo, hi;
    int open_quote, close_quote; /* «“‘„ and »”’ */
} seen;

static void scan(const uint32_t *s, size_t n, seen *v)
{
    v->lo = v->hi = 0;
    v->open_quote = v->close_quote = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c < 64)
            v->lo |= 1ull << c;
        else if (c < 128)
            v->hi |= 1ull << (c - 64);
        else if (is_open_quote(c))
            v->open_quote = 1;
        else if (is_close_quote(c))
            v->close_quote = 1;
    }
}

static int has_any(const seen *v, const char *chars)
{
    for (; *chars; chars++) {
        unsigned u = (unsigned char)*chars;
        if (u < 64 ? (v->lo >> u) & 1 : (v->hi >> (u - 64)) & 1)
            return 1;
    }
    return 0;
}

static int has(const seen *v, char c)
{
    unsigned u = (unsigned char)c;
    return u < 64 ? (v->lo >> u) & 1 : (v->hi >> (u - 64)) & 1;
}

static int contractions_possible(const uint32_t *s, size_t n);
static int tis_possible(const uint32_t *s, size_t n);

/* Pre-scans: a pass whose pattern cannot match would only copy its input,
 * so each rarely matching pass first looks for a pair of characters every
 * match contains (a superset of the matches; the reference path,
 * all_passes, skips them, and the tests compare the two). */
#define MAY(cond) (t.all_passes || (cond))

/* Is there an a followed by one of the ASCII characters in next? */
static int pair_possible(const uint32_t *s, size_t n, uint32_t a, const char *next)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == a && s[i + 1] < 128 && strchr(next, (int)s[i + 1]) && s[i + 1])
            return 1;
    return 0;
}

/* ([ \(\[{<])(\"|\'{2}): an opener, then '"' or "''" */
static int open_dquote_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t c = s[i];
        if ((c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') &&
            (s[i + 1] == '"' || (s[i + 1] == '\'' && i + 2 < n && s[i + 2] == '\'')))
            return 1;
    }
    return 0;
}

/* (\')(?!...)(\w)\b: a quote, one word character, then a non-word one or the end */
static int quote_letter_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '\'' && wn_isword(s[i + 1]) && (i + 2 >= n || !wn_isword(s[i + 2])))
            return 1;
    return 0;
}

#define RUN(expr)                   \
    do {                            \
        if (reserve(&t))            \
            return -1;              \
        uint32_t *d = t.dst;        \
        swap(&t, (expr));           \
        (void)d;                    \
    } while (0)

/* NLTK's substitutions in order on sent; the result is left in tp->src
 * (tp->n code points), to be split on whitespace. */
static int tb_run(tb *tp, const uint32_t *sent, size_t n)
{
    tb t = *tp;
    t.n = 0;
    if (n * 4 + 16 > t.cap) {
        t.cap = n * 8 + 64;
        t.src = wn_arena_alloc(t.a, t.cap * sizeof *t.src);
        t.dst = wn_arena_alloc(t.a, t.cap * sizeof *t.dst);
        if (!t.src || !t.dst)
            return -1;
    }
    memcpy(t.src, sent, n * sizeof *sent);
    t.n = n;
    seen v;
    scan(sent, n, &v);
    int ch;

    /* STARTING_QUOTES */
    if (v.open_quote || has(&v, '`'))
        RUN(p_start_quotes(t.src, t.n, t.dst));
    if (t.n && t.src[0] == '"') {
        /* ^\" -> `` */
        if (reserve(&t))
            return -1;
        t.dst[0] = '`';
        t.dst[1] = '`';
        memcpy(t.dst + 2, t.src + 1, (t.n - 1) * sizeof *t.dst);
        swap(&t, t.n + 1);
        v.hi |= 1ull << ('`' - 64);
    }
    if (has(&v, '`') && MAY(pair_possible(t.src, t.n, '`', "`")))
        RUN(p_double_backtick(t.src, t.n, t.dst));
    if ((has(&v, '"') || has(&v, '\'')) && MAY(open_dquote_possible(t.src, t.n)))
        RUN(p_open_dquote(t.src, t.n, t.dst));
    if (has(&v, '\'') && MAY(quote_letter_possible(t.src, t.n)))
        RUN(p_quote_letter(t.src, t.n, t.dst));

    /* PUNCTUATION */
    if (has(&v, '.')) {
        if (reserve(&t))
            return -1;
        size_t m = p_final_period(t.src, t.n, t.dst, closer1, 1, &ch);
        if (ch)
            swap(&t, m);
    }
    if (has(&v, ':') || has(&v, ',')) {
        RUN(p_colon_comma(t.src, t.n, t.dst));
        if (reserve(&t))
            return -1;
        size_t m = p_colon_comma_end(t.src, t.n, t.dst, &ch);
        if (ch)
            swap(&t, m);
    }
    if (has(&v, '.') && MAY(pair_possible(t.src, t.n, '.', ".")))
        RUN(p_dots(t.src, t.n, t.dst));
    if (has(&v, ';') || has(&v, '@') || has(&v, '#') || has(&v, '$') || has(&v, '%') ||
        has(&v, '&'))
        RUN(pad_chars(t.src, t.n, t.dst, is_semi_etc));
    if (has(&v, '.')) {
        if (reserve(&t))
            return -1;
        size_t m = p_final_period(t.src, t.n, t.dst, closer2, 0, &ch);
        if (ch)
            swap(&t, m);
    }
    if (has(&v, '?') || has(&v, '!'))
        RUN(pad_chars(t.src, t.n, t.dst, is_qe));
    if (has(&v, '\'') && MAY(pair_possible(t.src, t.n, '\'', " ")))
        RUN(p_quote_space(t.src, t.n, t.dst));
    if (has(&v, '*'))
        RUN(pad_chars(t.src, t.n, t.dst, is_star));
    if (has(&v, '[') || has(&v, ']') || has(&v, '(') || has(&v, ')') || has(&v, '{') ||
        has(&v, '}') || has(&v, '<') || has(&v, '>'))
        RUN(pad_chars(t.src, t.n, t.dst, is_paren));
    if (has(&v, '-') && MAY(pair_possible(t.src, t.n, '-', "-")))
        RUN(p_pad_pair(t.src, t.n, t.dst, '-', '-'));

    /* " " + text + " " */
    if (reserve(&t))
        return -1;
    t.dst[0] = ' ';
    memcpy(t.dst + 1, t.src, t.n * sizeof *t.dst);
    t.dst[t.n + 1] = ' ';
    swap(&t, t.n + 2);

    /* ENDING_QUOTES */
    if (v.close_quote)
        RUN(pad_chars(t.src, t.n, t.dst, is_close_quote));
    if ((has(&v, '\'') || has(&v, '"')) && MAY(pair_possible(t.src, t.n, '\'', "'")))
        RUN(p_pad_pair(t.src, t.n, t.dst, '\'', '\''));
    if (has(&v, '"'))
        RUN(p_dquote(t.src, t.n, t.dst));
    if (has(&v, '\'') || has(&v, '"')) {
        if (MAY(pair_possible(t.src, t.n, '\'', " sSmMdD")))
            RUN(p_clitic1(t.src, t.n, t.dst));
        if (MAY(pair_possible(t.src, t.n, '\'', "lLrRvVtT")))
            RUN(p_clitic2(t.src, t.n, t.dst));
    }

    /* CONTRACTIONS2 and 3 */
    if (has_any(&v, "cdglmwCDGLMW") && MAY(contractions_possible(t.src, t.n)))
        RUN(p_contractions(t.src, t.n, t.dst));
    if ((has(&v, '\'') || has(&v, '"')) && MAY(tis_possible(t.src, t.n))) {
        RUN(p_tis(t.src, t.n, t.dst, "is"));
        RUN(p_tis(t.src, t.n, t.dst, "was"));
    }

    *tp = t;
    return 0;
}

/* ---- the fast path ----
 *
 * Most whitespace-separated chunks of a sentence are "plain": no substitution
 * ever changes them, inserts a space into them, or looks at their characters
 * except to see that they are not whitespace, not a closing quote or bracket
 * and not ':' or ',' at the very end (every pattern that inspects a neighbour
 * of a special character finds it in the same chunk or in the whitespace
 * around it). A chunk is plain when it has none of " ' ` ; @ # $ % & ? ! *
 * brackets and Unicode quotes, no "..", no "--", a ',' or ':' only before a
 * digit (so "3,000" and "10:30" stay whole), no MacIntyre contraction, and no
 * '.' that could be the sentence's final period (one with nothing but
 * closing quotes, brackets and whitespace after it). Each plain chunk is one
 * token, itself. Two more shapes are decided directly: plain + ',' or ':'
 * (two tokens) and, as the sentence's last chunk, plain + '.' (two tokens).
 *
 * So are chunks cut by "pad" characters, ( ) [ ] { } < > ; @ # $ % & ? ! *
 * and the Unicode quotes « “ ‘ „ » ” ’: the substitutions that see them only
 * put a space on each side (the other patterns never contain them, except
 * the final period's closers: a chunk reaching past the sentence's last
 * non-closer stays special), so such a chunk is its pad characters as
 * tokens and, between them, plain pieces (as above; the last piece may end
 * in ',', ':' or, in the sentence's last chunk, '.'), as in "(see", "it’s",
 * "$9.99", "100%", "why?".
 *
 * Every chunk decided directly stands in the substitutions as a placeholder
 * with exactly the properties the patterns could see (0x110000, which no
 * decoded text contains), and the substitutions run only when some other
 * chunk remains. tests/test_filter_tokenize.c checks the result against the
 * full substitutions on every sentence of the parity corpus and on random
 * text. */

#define PLACEHOLDER 0x110000u

static const unsigned char ALWAYS_SPECIAL[128] = {
    ['"'] = 1, ['\''] = 1, ['`'] = 1, [';'] = 1, ['@'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1,
    ['&'] = 1, ['?'] = 1, ['!'] = 1, ['*'] = 1, ['['] = 1, [']'] = 1, ['('] = 1, [')'] = 1,
    ['{'] = 1, ['}'] = 1, ['<'] = 1, ['>'] = 1,
};

static int always_special(uint32_t c)
{
    if (c < 128)
        return ALWAYS_SPECIAL[c];
    return c == 0xAB || c == 0xBB || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D ||
           c == 0x201E || c >= PLACEHOLDER;
}

/* Could a contraction pattern match inside this chunk? (cannot, gimme,
 * gonna, gotta, lemme, wanna; d'ye and more'n contain a quote.) Five ASCII
 * characters are compared at once, lower-cased, as one packed word; a
 * non-ASCII one (IGNORECASE matches 'ı' and 'İ' to 'i') takes the slow way. */
static int has_contraction(const uint32_t *s, size_t n)
{
    static const char *const words[4][3] = {{"cannot"}, {"gimme", "gonna", "gotta"},
                                            {"lemme"}, {"wanna"}};
#define PACK5(a, b, c, d, e)                                                                     \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 |           \
     (uint64_t)(e) << 32)
    static const uint64_t five[6] = {PACK5('c', 'a', 'n', 'n', 'o'), PACK5('g', 'i', 'm', 'm', 'e'),
                                     PACK5('g', 'o', 'n', 'n', 'a'), PACK5('g', 'o', 't', 't', 'a'),
                                     PACK5('l', 'e', 'm', 'm', 'e'), PACK5('w', 'a', 'n', 'n', 'a')};
#undef PACK5
#define P2(a, b) ((uint32_t)(a) << 8 | (uint32_t)(b))
    for (size_t i = 0; i + 5 <= n; i++) {
        uint32_t c0 = s[i] | 32, c1 = s[i + 1];
        if (s[i] >= 128 || (c0 != 'c' && c0 != 'g' && c0 != 'l' && c0 != 'w'))
            continue;
        if (c1 < 128) { /* the first two letters: ca, gi, go, le or wa */
            uint32_t k2 = P2(c0, c1 | 32);
            if (k2 != P2('c', 'a') && k2 != P2('g', 'i') && k2 != P2('g', 'o') &&
                k2 != P2('l', 'e') && k2 != P2('w', 'a'))
                continue;
        } else if (c0 != 'g' || (c1 != 0x130 && c1 != 0x131)) {
            continue; /* only "gimme" has a letter that matches a non-ASCII one */
        }
        uint64_t key = 0;
        uint32_t big = 0;
        for (int k = 0; k < 5; k++) {
            big |= s[i + k];
            key |= (uint64_t)(s[i + k] | 32) << (8 * k);
        }
        if (big < 128) {
            /* |32 maps some non-letters onto letters ('@' -> '`'...): none
             * of them onto these words' letters but for 'A'..'Z' themselves */
            for (int w = 0; w < 6; w++)
                if (key == five[w] && (w || (i + 6 <= n && (s[i + 5] | 32) == 't')))
                    return 1;
            continue;
        }
        int w;
        switch (c0) {
        case 'c': w = 0; break;
        case 'g': w = 1; break;
        case 'l': w = 2; break;
        default: w = 3; break;
        }
        for (size_t k = 0; k < 3 && words[w][k]; k++)
            if (ci_str(s, n, i, words[w][k]))
                return 1;
    }
#undef P2
    return 0;
}

/* Could a CONTRACTIONS2 pattern match anywhere in s? Each starts at a word
 * boundary with c, d, g, l, m or w (ASCII, either case) followed by a, ', i
 * (or U+0130, U+0131), o or e; no such pair means the pass would copy. */
static int contractions_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t c = s[i] | 32, c2 = s[i + 1];
        if (s[i] >= 128 || (c != 'c' && c != 'd' && c != 'g' && c != 'l' && c != 'm' && c != 'w'))
            continue;
        if (c2 < 128) {
            c2 |= 32;
            if (c2 != 'a' && c2 != 'i' && c2 != 'o' && c2 != 'e' && c2 != ('\'' | 32))
                continue;
        } else if (c2 != 0x130 && c2 != 0x131) {
            continue;
        }
        if (i == 0 || !wn_isword(s[i - 1]))
            return 1;
    }
    return 0;
}

/* Could (?i) ('t)(is|was)\b match: " 't" or " 'T" anywhere? */
static int tis_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '\'' && i > 0 && s[i - 1] == ' ' && ci(s[i + 1], 't'))
            return 1;
    return 0;
}

/* Is s[0..n) plain? final_limit: a '.' at an index >= it (relative to s)
 * could be the sentence's final period. */
static int is_plain(const uint32_t *s, size_t n, size_t final_limit)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c >= 128) {
            if (always_special(c))
                return 0;
            continue;
        }
        if (ALWAYS_SPECIAL[c])
            return 0;
        if (c == '.') {
            if (i >= final_limit || (i + 1 < n && s[i + 1] == '.'))
                return 0;
        } else if (c == '-') {
            if (i + 1 < n && s[i + 1] == '-')
                return 0;
        } else if (c == ',' || c == ':') {
            if (i + 1 >= n || !wn_isdecimal(s[i + 1]))
                return 0;
        }
    }
    return n < 5 || !has_contraction(s, n);
}

static int closer_any(uint32_t c)
{
    return c == ']' || c == ')' || c == '}' || c == '>' || c == '"' || c == '\'' || c == 0xBB ||
           c == 0x201D || c == 0x2019;
}

typedef struct tbx {
    tb t;
    uint32_t *red; /* the reduced sentence */
    size_t red_cap;
    wn_ustr *dtok;   /* the tokens of the chunks decided directly, in order */
    size_t *gcount;  /* how many of them each placeholder stands for */
    struct chunk *chunks; /* every chunk of the sentence */
    uint32_t *pool; /* storage for tokens the substitutions made */
    size_t pool_used, pool_cap;
} tbx;

static const uint32_t PUNCT_TOKENS[] = {',', ':', '.'};

static const uint32_t *punct_token(uint32_t c)
{
    return c == ',' ? &PUNCT_TOKENS[0] : c == ':' ? &PUNCT_TOKENS[1] : &PUNCT_TOKENS[2];
}

static const uint32_t *keep_token(tbx *x, const uint32_t *s, size_t n)
{
    if (x->pool_used + n > x->pool_cap) {
        size_t cap = n > 16384 ? n : 16384;
        x->pool = wn_arena_alloc(x->t.a, cap * sizeof *x->pool);
        if (!x->pool)
            return NULL;
        x->pool_cap = cap;
        x->pool_used = 0;
    }
    uint32_t *d = x->pool + x->pool_used;
    memcpy(d, s, n * sizeof *s);
    x->pool_used += n;
    return d;
}

/* The tokens of a plain piece s[0..n), which may end in ',' or ':' (any
 * piece that is last in its chunk) or '.' (last = 2: the sentence's last
 * chunk), into d; how many (1 or 2), or 0 when it is not such a piece.
 * limit as for is_plain(). */
static size_t plain_piece(const uint32_t *s, size_t n, size_t limit, int last, wn_ustr *d)
{
    if (is_plain(s, n, limit)) {
        d[0] = (wn_ustr){s, n};
        return 1;
    }
    if (!last || n < 1)
        return 0;
    uint32_t c = s[n - 1];
    size_t k = 0;
    if (c == ',' || c == ':') {
        if (n > 1 && !is_plain(s, n - 1, limit))
            return 0;
    } else if (c == '.' && last == 2) {
        if (n > 1 && (s[n - 2] == '.' || !is_plain(s, n - 1, n)))
            return 0;
    } else {
        return 0;
    }
    if (n > 1)
        d[k++] = (wn_ustr){s, n - 1};
    d[k++] = (wn_ustr){punct_token(c), 1};
    return k;
}

static int is_pad(uint32_t c)
{
    static const unsigned char PAD[128] = {
        ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, ['<'] = 1, ['>'] = 1,
        [';'] = 1, ['@'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['?'] = 1, ['!'] = 1,
        ['*'] = 1};
    if (c < 128)
        return PAD[c];
    return is_open_quote(c) || is_close_quote(c);
}

/* A chunk cut by pad characters (see above) into d; how many tokens, or 0. */
static size_t pad_split(const uint32_t *s, size_t n, size_t limit, int last, wn_ustr *d)
{
    size_t nt = 0, a = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && !is_pad(s[k]))
            continue;
        if (k > a) {
            size_t m = plain_piece(s + a, k - a, limit > a ? limit - a : 0, k == n ? last : 0,
                                   d + nt);
            if (!m)
                return 0;
            nt += m;
        }
        if (k < n)
            d[nt++] = (wn_ustr){s + k, 1};
        a = k + 1;
    }
    return nt;
}

/* ASCII classes for the chunk scan: a chunk none of whose characters has a
 * class beyond C_CONTR is plain without looking closer. */
enum { C_SPACE = 1, C_SPECIAL = 2, C_DOT = 4, C_DASH = 8, C_COMMA = 16, C_CONTR = 32 };
static const unsigned char TB_CLASS[128] = {
    [9] = C_SPACE, [10] = C_SPACE, [11] = C_SPACE, [12] = C_SPACE, [13] = C_SPACE,
    [28] = C_SPACE, [29] = C_SPACE, [30] = C_SPACE, [31] = C_SPACE, [' '] = C_SPACE,
    ['"'] = C_SPECIAL, ['\''] = C_SPECIAL, ['`'] = C_SPECIAL, [';'] = C_SPECIAL,
    ['@'] = C_SPECIAL, ['#'] = C_SPECIAL, ['$'] = C_SPECIAL, ['%'] = C_SPECIAL,
    ['&'] = C_SPECIAL, ['?'] = C_SPECIAL, ['!'] = C_SPECIAL, ['*'] = C_SPECIAL,
    ['['] = C_SPECIAL, [']'] = C_SPECIAL, ['('] = C_SPECIAL, [')'] = C_SPECIAL,
    ['{'] = C_SPECIAL, ['}'] = C_SPECIAL, ['<'] = C_SPECIAL, ['>'] = C_SPECIAL,
    ['.'] = C_DOT, ['-'] = C_DASH, [','] = C_COMMA, [':'] = C_COMMA,
    ['c'] = C_CONTR, ['g'] = C_CONTR, ['l'] = C_CONTR, ['w'] = C_CONTR,
    ['C'] = C_CONTR, ['G'] = C_CONTR, ['L'] = C_CONTR, ['W'] = C_CONTR,
};

typedef struct chunk {
    size_t a, b;   /* [a, b) in the sentence */
    size_t ntok;   /* decided directly: its tokens; 0 = special */
} chunk;

static int tb_sentence(tbx *x, const uint32_t *s, size_t n, wn_ustr_vec *out)
{
    wn_arena *a = x->t.a;
    if (n + 1 > x->red_cap) {
        x->red_cap = n * 2 + 64;
        x->red = wn_arena_alloc(a, x->red_cap * sizeof *x->red);
        x->dtok = wn_arena_alloc(a, x->red_cap * sizeof *x->dtok);
        x->gcount = wn_arena_alloc(a, x->red_cap * sizeof *x->gcount);
        x->chunks = wn_arena_alloc(a, x->red_cap * sizeof *x->chunks);
        if (!x->red || !x->dtok || !x->gcount || !x->chunks)
            return -1;
    }
    /* the last character that is neither whitespace nor a closer: a '.'
     * before it cannot be the final period (one at or after it might be:
     * the substitutions decide) */
    size_t z = n, end = n;
    while (end > 0 && wn_isspace(s[end - 1]))
        end--;
    for (size_t i = end; i > 0; i--)
        if (!closer_any(s[i - 1]) && !wn_isspace(s[i - 1])) {
            z = i - 1;
            break;
        }
    /* the chunks, each decided directly when it can be */
    size_t nc = 0, nt = 0, nspecial = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i];
        if (c < 128 ? TB_CLASS[c] & C_SPACE : wn_isspace(c)) {
            i++;
            continue;
        }
        unsigned acc = 0;
        size_t j = i;
        for (; j < n; j++) {
            c = s[j];
            if (c < 128) {
                unsigned k = TB_CLASS[c];
                if (k & C_SPACE)
                    break;
                acc |= k;
            } else {
                if (wn_isspace(c))
                    break;
                if (always_special(c))
                    acc |= C_SPECIAL;
            }
        }
        size_t len = j - i, limit = z >= i ? z - i : 0;
        int last = j == end ? 2 : 1;
        size_t m;
        if (!(acc & (C_SPECIAL | C_DOT | C_DASH | C_COMMA))) {
            m = len < 5 || !(acc & C_CONTR) || !has_contraction(s + i, len);
            x->dtok[nt] = (wn_ustr){s + i, len};
        } else {
            m = plain_piece(s + i, len, limit, last, x->dtok + nt);
            /* pads: not past the last non-closer (the final period's closers) */
            if (!m && (acc & C_SPECIAL) && j <= z + 1)
                m = pad_split(s + i, len, limit, last, x->dtok + nt);
        }
        nt += m;
        if (!m)
            nspecial++;
        x->chunks[nc++] = (chunk){i, j, m};
        i = j;
    }
    if (!nspecial) {
        if (!nt)
            return 0;
        if (wn_ustr_vec_reserve(a, out, nt))
            return -1;
        memcpy(out->v + out->n, x->dtok, nt * sizeof *x->dtok);
        out->n += nt;
        return 0;
    }
    /* The reduced sentence: a run of directly decided chunks becomes one
     * placeholder, keeping only the whitespace next to the special chunks
     * around it: the whitespace inside the run is never looked at either. */
    size_t rn = 0, ng = 0, pos = 0;
    size_t ws_start = 0; /* where the whitespace before the current chunk began in red */
    int in_group = 0;
    for (size_t k = 0; k < nc; k++) {
        const chunk *ck = &x->chunks[k];
        while (pos < ck->a)
            x->red[rn++] = s[pos++];
        if (ck->ntok) {
            if (in_group) {
                /* drop the whitespace since the group's placeholder but its last char */
                if (rn - ws_start > 1) {
                    x->red[ws_start] = x->red[rn - 1];
                    rn = ws_start + 1;
                }
                x->gcount[ng - 1] += ck->ntok;
            } else {
                x->red[rn++] = PLACEHOLDER;
                x->gcount[ng++] = ck->ntok;
                in_group = 1;
            }
            ws_start = rn;
        } else {
            memcpy(x->red + rn, s + ck->a, (ck->b - ck->a) * sizeof *s);
            rn += ck->b - ck->a;
            in_group = 0;
        }
        pos = ck->b;
    }
    while (pos < n)
        x->red[rn++] = s[pos++];
    if (tb_run(&x->t, x->red, rn))
        return -1;
    const uint32_t *f = x->t.src;
    size_t m = x->t.n, next = 0, group = 0;
    for (size_t i = 0; i < m;) {
        while (i < m && wn_isspace(f[i]))
            i++;
        size_t j = i;
        while (j < m && !wn_isspace(f[j]))
            j++;
        if (j == i)
            break;
        if (j - i == 1 && f[i] == PLACEHOLDER && group < ng) {
            size_t gn = x->gcount[group++];
            if (wn_ustr_vec_reserve(a, out, gn))
                return -1;
            memcpy(out->v + out->n, x->dtok + next, gn * sizeof *x->dtok);
            out->n += gn;
            next += gn;
        } else {
            const uint32_t *k = keep_token(x, f + i, j - i);
            if (!k || wn_ustr_vec_push(a, out, k, j - i))
                return -1;
        }
        i = j;
    }
    return 0;
}

int wn_treebank_tokenize(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out)
{
    tbx x = {.t = {.a = a}};
    return tb_sentence(&x, sent, n, out);
}

int wn_treebank_tokenize_ref(wn_arena *a, const uint32_t *sent, size_t n, wn_ustr_vec *out)
{
    tbx x = {.t = {.a = a, .all_passes = 1}};
    if (tb_run(&x.t, sent, n))
        return -1;
    const uint32_t *f = x.t.src;
    size_t m = x.t.n;
    for (size_t i = 0; i < m;) {
        while (i < m && wn_isspace(f[i]))
            i++;
        size_t j = i;
        while (j < m && !wn_isspace(f[j]))
            j++;
        if (j > i && wn_ustr_vec_push(a, out, f + i, j - i))
            return -1;
        i = j;
    }
    return 0;
}

static uint64_t sent_hash(const wn_ustr *s) { return wn_u32_hash(s->s, s->n); }

/* The index of an earlier sentence with these characters (hash h), or -1. */
static long memo_lookup(const wn_sent_memo *m, const wn_ustr *s, uint64_t h)
{
    for (size_t p = h & m->mask; m->slot[p]; p = (p + 1) & m->mask) {
        size_t k = m->slot[p] - 1;
        if (m->hash[k] == h && m->sent[k].n == s->n &&
            !memcmp(m->sent[k].s, s->s, s->n * sizeof *s->s))
            return (long)k;
    }
    return -1;
}

static void memo_insert(wn_sent_memo *m, size_t k)
{
    size_t p = m->hash[k] & m->mask;
    while (m->slot[p])
        p = (p + 1) & m->mask;
    m->slot[p] = (uint32_t)(k + 1);
}

int wn_word_tokenize_memo(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                          wn_ustr_vec *out, wn_sent_memo *memo)
{
    wn_ustr_vec sents = {0};
    if (wn_sent_tokenize(a, pm, text, n, &sents))
        return -1;
    uint32_t *count = NULL;
    if (memo) {
        count = wn_arena_alloc(a, (sents.n + 1) * sizeof *count);
        if (!count)
            return -1;
    }
    tbx x = {.t = {.a = a}};
    for (size_t k = 0; k < sents.n; k++) {
        size_t before = out->n;
        if (tb_sentence(&x, sents.v[k].s, sents.v[k].n, out))
            return -1;
        if (count)
            count[k] = (uint32_t)(out->n - before);
    }
    if (memo)
        *memo = (wn_sent_memo){.sent = sents.v, .count = count, .n = sents.n};
    return 0;
}

/* The memo's hash table, built when a rewritten text first needs it (most
 * texts are never rewritten, and sentences rarely repeat within one). */
static int memo_index(wn_arena *a, wn_sent_memo *m)
{
    size_t cap = 16;
    while (cap < m->n * 2)
        cap <<= 1;
    m->mask = cap - 1;
    m->slot = wn_arena_calloc(a, cap, sizeof *m->slot);
    m->hash = wn_arena_alloc(a, (m->n + 1) * sizeof *m->hash);
    if (!m->slot || !m->hash)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        m->hash[k] = sent_hash(&m->sent[k]);
        memo_insert(m, k);
    }
    return 0;
}

int wn_word_tokenize(wn_arena *a, const uint32_t *text, size_t n, wn_ustr_vec *out)
{
    return wn_word_tokenize_memo(a, NULL, text, n, out, NULL);
}

int wn_word_count(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                  wn_sent_memo *memo, size_t *count)
{
    wn_ustr_vec sents = {0};
    if (wn_sent_tokenize(a, pm, text, n, &sents))
        return -1;
    int use = memo && memo->n;
    if (use && !memo->slot && memo_index(a, memo))
        return -1;
    tbx x = {.t = {.a = a}};
    wn_ustr_vec scratch = {0};
    size_t total = 0;
    for (size_t k = 0; k < sents.n; k++) {
        long c = -1;
        if (use) {
            long j = memo_lookup(memo, &sents.v[k], sent_hash(&sents.v[k]));
            if (j >= 0)
                c = (long)memo->count[j];
        }
        if (c < 0) {
            scratch.n = 0;
            if (tb_sentence(&x, sents.v[k].s, sents.v[k].n, &scratch))
                return -1;
            c = (long)scratch.n;
        }
        total += (size_t)c;
    }
    *count = total;
    return 0;
}
