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
#include <assert.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#define WN_HAVE_AVX2_PATH 1 /* chosen at run time, see masks_avx2() */
#include <immintrin.h>
#endif

#include "ftext.h"

typedef struct tb {
    wn_arena *a;
    int all_passes; /* the reference path: no skipping on a pre-scan */
    uint32_t *src, *dst;
    size_t n, scap, dcap; /* src holds n code points of scap, dst dcap */
} tb;

static void swap(tb *t, size_t n)
{
    uint32_t *x = t->src;
    size_t c = t->scap;
    t->src = t->dst;
    t->scap = t->dcap;
    t->dst = x;
    t->dcap = c;
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
    static const unsigned char len[][2] = {{3, 3}, {1, 3}, {3, 2}, {3, 2}, {3, 2}, {3, 2},
                                           {4, 2}, {3, 2}};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i] | 32;
        if ((c == 'c' || c == 'd' || c == 'g' || c == 'l' || c == 'm' || c == 'w') && s[i] < 128 &&
            (i == 0 || !wn_isword(s[i - 1]))) {
            size_t k, e = 0, la = 0;
            for (k = 0; k < 8; k++) {
                if ((uint32_t)pat[k][0][0] != c) /* s[i] is ASCII: ci() is this */
                    continue;
                la = len[k][0];
                size_t lb = len[k][1];
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
static size_t contraction_starts(const uint32_t *s, size_t n);
static size_t tis_starts(const uint32_t *s, size_t n);

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

/* The characters of a sentence counted, to bound what one pass can add
 * once the text has outgrown the generous bound (see ROOM): made on first
 * use, as most sentences never need it. The passes only insert spaces,
 * but that STARTING_QUOTES makes a '"' or a '' into `` and ENDING_QUOTES
 * a '"' into '', so until ENDING_QUOTES the sentence's counts bound the
 * text's (but for the `` made of a first '"'); the passes of
 * ENDING_QUOTES about quotes count in the text. */
typedef struct tally {
    const uint32_t *s;
    size_t n;
    int done;
    size_t c[128], open_quote, close_quote; /* «“‘„ and »”’ */
} tally;

#define OPEN_QUOTES 1
#define CLOSE_QUOTES 2

/* How many of chars (and of the Unicode quotes in unicode) the sentence
 * holds. */
static size_t count_of(tally *k, const char *chars, int unicode)
{
    if (!k->done) {
        memset(k->c, 0, sizeof k->c);
        k->open_quote = k->close_quote = 0;
        for (size_t i = 0; i < k->n; i++) {
            uint32_t c = k->s[i];
            if (c < 128)
                k->c[c]++;
            else if (is_open_quote(c))
                k->open_quote++;
            else if (is_close_quote(c))
                k->close_quote++;
        }
        k->done = 1;
    }
    size_t sum = 0;
    for (; *chars; chars++)
        sum += k->c[(unsigned char)*chars];
    if (unicode & OPEN_QUOTES)
        sum += k->open_quote;
    if (unicode & CLOSE_QUOTES)
        sum += k->close_quote;
    return sum;
}

/* How many times c occurs in s. */
static size_t count_char(const uint32_t *s, size_t n, uint32_t c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

/* The '\'' after a character other than '\'' and ' ': every match of the
 * two clitic patterns holds one ([^' ] then ', or n't), and the '' a '"'
 * became holds none (it stands between spaces). */
static size_t clitic_quotes(const uint32_t *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 1; i < n; i++)
        c += s[i] == '\'' && s[i - 1] != '\'' && s[i - 1] != ' ';
    return c;
}

/* Make dst hold need code points. Only dst is made anew (src holds the
 * text, which fits), with room to grow by half again before the next
 * (tests/test_filter_r13_tbmem.c makes it none, so that a pass that wrote
 * more than it counted would write past dst). */
#define TB_ROOM_SLACK_USUAL(need) ((need) / 2)
#ifndef TB_ROOM_SLACK
#define TB_ROOM_SLACK(need) TB_ROOM_SLACK_USUAL(need)
#endif

static int room(tb *t, size_t need)
{
    if (need <= t->dcap)
        return 0;
    size_t cap = need + TB_ROOM_SLACK(need);
    uint32_t *d = wn_arena_alloc(t->a, cap * sizeof *d);
    if (!d) { /* near the arena's cap: exactly what this pass needs */
        cap = need;
        d = wn_arena_alloc(t->a, cap * sizeof *d);
        if (!d)
            return -1;
    }
    t->dst = d;
    t->dcap = cap;
    return 0;
}

/* Room in dst for the next pass's output: 4n+8 holds any pass's (a '"'
 * becoming " '' " is the most growth of one), and when that does not fit,
 * the current length plus grow, the most this pass can add: a few code
 * points per character or match of some kind, counted from the tally or
 * the text (the expressions at the passes). */
#define ROOM(grow) (t.n * 4 + 8 <= t.dcap ? 0 : room(&t, t.n + (grow)))

#define RUN(grow, expr)             \
    do {                            \
        if (ROOM(grow))             \
            return -1;              \
        uint32_t *d = t.dst;        \
        swap(&t, (expr));           \
        (void)d;                    \
    } while (0)

/* A buffer of at least need code points in place of one of *cap: twice
 * the old when that is more, so that a text's ever longer sentences make
 * few of them. */
static uint32_t *fresh(wn_arena *a, size_t *cap, size_t need)
{
    size_t c = *cap * 2 > need ? *cap * 2 : need;
    uint32_t *p = wn_arena_alloc(a, c * sizeof *p);
    if (p)
        *cap = c;
    return p;
}

/* What each of tb_run's buffers holds at first: what the first pass can
 * need (see ROOM), and twice that for a sentence shorter than SHORT_SENTENCE, where
 * the room to grow costs little and spares making the buffers again for
 * the next longer sentences (as scratch and bitmaps do).
 * tests/test_filter_r13_tbmem.c makes it less, so that every pass counts. */
#define SHORT_SENTENCE 16384
#define TB_FIRST_ROOM_USUAL(n) ((n) < SHORT_SENTENCE ? (n) * 8 + 32 : (n) * 4 + 16)
#ifndef TB_FIRST_ROOM
#define TB_FIRST_ROOM(n) TB_FIRST_ROOM_USUAL(n)
#endif

/* NLTK's substitutions in order on sent; the result is left in tp->src
 * (tp->n code points), to be split on whitespace. The two buffers stay
 * for the next sentence. */
static int tb_run(tb *tp, const uint32_t *sent, size_t n)
{
    tb t = *tp;
    t.n = 0;
    /* a sentence that grows beyond the first room counts what each later
     * pass can add */
    size_t first = TB_FIRST_ROOM(n);
    if (first > t.scap && !(t.src = fresh(t.a, &t.scap, first)))
        return -1;
    if (first > t.dcap && !(t.dst = fresh(t.a, &t.dcap, first)))
        return -1;
    memcpy(t.src, sent, n * sizeof *sent);
    t.n = n;
    tally k; /* its counts are made when first read */
    k.s = sent;
    k.n = n;
    k.done = 0;
    seen v;
    scan(sent, n, &v);
    int ch;

    /* STARTING_QUOTES */
    if (v.open_quote || has(&v, '`'))
        RUN(2 * count_of(&k, "`", OPEN_QUOTES), p_start_quotes(t.src, t.n, t.dst));
    if (t.n && t.src[0] == '"') {
        /* ^\" -> `` */
        if (ROOM(1))
            return -1;
        t.dst[0] = '`';
        t.dst[1] = '`';
        memcpy(t.dst + 2, t.src + 1, (t.n - 1) * sizeof *t.dst);
        swap(&t, t.n + 1);
        v.hi |= 1ull << ('`' - 64);
    }
    /* two per "``" (^\" may have made one); three per match, which takes
     * a '"' or two '\''; one per '\'' */
    if (has(&v, '`') && MAY(pair_possible(t.src, t.n, '`', "`")))
        RUN(count_of(&k, "`", 0) + 2, p_double_backtick(t.src, t.n, t.dst));
    if ((has(&v, '"') || has(&v, '\'')) && MAY(open_dquote_possible(t.src, t.n)))
        RUN(3 * count_of(&k, "\"'", 0), p_open_dquote(t.src, t.n, t.dst));
    if (has(&v, '\'') && MAY(quote_letter_possible(t.src, t.n)))
        RUN(count_of(&k, "'", 0), p_quote_letter(t.src, t.n, t.dst));

    /* PUNCTUATION */
    if (has(&v, '.')) {
        if (ROOM(3))
            return -1;
        size_t m = p_final_period(t.src, t.n, t.dst, closer1, 1, &ch);
        if (ch)
            swap(&t, m);
    }
    if (has(&v, ':') || has(&v, ',')) {
        RUN(2 * count_of(&k, ",:", 0), p_colon_comma(t.src, t.n, t.dst));
        if (ROOM(2))
            return -1;
        size_t m = p_colon_comma_end(t.src, t.n, t.dst, &ch);
        if (ch)
            swap(&t, m);
    }
    /* two per run of two or more */
    if (has(&v, '.') && MAY(pair_possible(t.src, t.n, '.', ".")))
        RUN(count_of(&k, ".", 0), p_dots(t.src, t.n, t.dst));
    if (has(&v, ';') || has(&v, '@') || has(&v, '#') || has(&v, '$') || has(&v, '%') ||
        has(&v, '&'))
        RUN(2 * count_of(&k, ";@#$%&", 0), pad_chars(t.src, t.n, t.dst, is_semi_etc));
    if (has(&v, '.')) {
        if (ROOM(2))
            return -1;
        size_t m = p_final_period(t.src, t.n, t.dst, closer2, 0, &ch);
        if (ch)
            swap(&t, m);
    }
    if (has(&v, '?') || has(&v, '!'))
        RUN(2 * count_of(&k, "?!", 0), pad_chars(t.src, t.n, t.dst, is_qe));
    if (has(&v, '\'') && MAY(pair_possible(t.src, t.n, '\'', " ")))
        RUN(count_of(&k, "'", 0), p_quote_space(t.src, t.n, t.dst));
    if (has(&v, '*'))
        RUN(2 * count_of(&k, "*", 0), pad_chars(t.src, t.n, t.dst, is_star));
    if (has(&v, '[') || has(&v, ']') || has(&v, '(') || has(&v, ')') || has(&v, '{') ||
        has(&v, '}') || has(&v, '<') || has(&v, '>'))
        RUN(2 * count_of(&k, "[](){}<>", 0), pad_chars(t.src, t.n, t.dst, is_paren));
    if (has(&v, '-') && MAY(pair_possible(t.src, t.n, '-', "-")))
        RUN(count_of(&k, "-", 0), p_pad_pair(t.src, t.n, t.dst, '-', '-'));

    /* " " + text + " " */
    if (ROOM(2))
        return -1;
    t.dst[0] = ' ';
    memcpy(t.dst + 1, t.src, t.n * sizeof *t.dst);
    t.dst[t.n + 1] = ' ';
    swap(&t, t.n + 2);

    /* ENDING_QUOTES: two per "''", three per '"', one per clitic */
    if (v.close_quote)
        RUN(2 * count_of(&k, "", CLOSE_QUOTES), pad_chars(t.src, t.n, t.dst, is_close_quote));
    if ((has(&v, '\'') || has(&v, '"')) && MAY(pair_possible(t.src, t.n, '\'', "'")))
        RUN(count_of(&k, "'", 0), p_pad_pair(t.src, t.n, t.dst, '\'', '\''));
    if (has(&v, '"'))
        RUN(3 * count_char(t.src, t.n, '"'), p_dquote(t.src, t.n, t.dst));
    if (has(&v, '\'') || has(&v, '"')) {
        if (MAY(pair_possible(t.src, t.n, '\'', " sSmMdD")))
            RUN(clitic_quotes(t.src, t.n), p_clitic1(t.src, t.n, t.dst));
        if (MAY(pair_possible(t.src, t.n, '\'', "lLrRvVtT")))
            RUN(clitic_quotes(t.src, t.n), p_clitic2(t.src, t.n, t.dst));
    }

    /* CONTRACTIONS2 and 3: three, two per match */
    if (has_any(&v, "cdglmwCDGLMW") && MAY(contractions_possible(t.src, t.n)))
        RUN(3 * contraction_starts(t.src, t.n), p_contractions(t.src, t.n, t.dst));
    if ((has(&v, '\'') || has(&v, '"')) && MAY(tis_possible(t.src, t.n))) {
        RUN(2 * tis_starts(t.src, t.n), p_tis(t.src, t.n, t.dst, "is"));
        RUN(2 * tis_starts(t.src, t.n), p_tis(t.src, t.n, t.dst, "was"));
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
 * So are chunks cut into pieces by "cuts", each of which the substitutions
 * only put a space on each side of (and no pattern sees across once they
 * have): the pad characters ( ) [ ] { } < > ; @ # $ % & ? ! * « “ ‘ „ » ” ’;
 * '"', which becomes `` (at the sentence's start, after '"' there, or after
 * a space, an opening bracket or quote) or ''; runs of two or more '.'
 * ("..." is one token); even runs of '-' ("--" tokens; in an odd run the
 * last '-' stays on what follows); ',' and ':' before a non-digit (not
 * next to another ',' or ':': ([:,])([^\d]) takes the character after
 * it along, so two in a row pair up). The pieces between the cuts are
 * plain, or one of the shapes of piece() and apostrophe_word(): a trailing
 * ',' or ':' or final period split off, words with clitics ("it's",
 * "don't", "we'll", "students'", "'quoted'"), the MacIntyre contractions
 * ("cannot"). Examples: "(see", "it’s", "$9.99", "100%", "why?", "\"Hi\",",
 * "--a", "wait...", "http://x". The sentence's last chunk may end in its
 * final period followed by closing brackets and quotes but '\'' ("it.)\"").
 * A chunk reaching past the sentence's last non-closer otherwise stays
 * special when that character is a '.', the final period's closers being
 * the substitutions' business.
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
/* Could one of has_contraction's words start at s (two code points)? */
static inline int contraction_start(const uint32_t *s)
{
#define P2(a, b) ((uint32_t)(a) << 8 | (uint32_t)(b))
    uint32_t c0 = s[0] | 32, c1 = s[1];
    if (s[0] >= 128 || (c0 != 'c' && c0 != 'g' && c0 != 'l' && c0 != 'w'))
        return 0;
    if (c1 < 128) { /* the first two letters: ca, gi, go, le or wa */
        uint32_t k2 = P2(c0, c1 | 32);
        return k2 == P2('c', 'a') || k2 == P2('g', 'i') || k2 == P2('g', 'o') ||
               k2 == P2('l', 'e') || k2 == P2('w', 'a');
    }
    /* only "gimme" has a letter that matches a non-ASCII one */
    return c0 == 'g' && (c1 == 0x130 || c1 == 0x131);
#undef P2
}

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
    for (size_t i = 0; i + 5 <= n; i++) {
        if (!contraction_start(s + i))
            continue;
        uint32_t c0 = s[i] | 32;
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
    return 0;
}

/* Could a CONTRACTIONS2 pattern match at s[i] (i + 1 < n)? Each starts at
 * a word boundary with c, d, g, l, m or w (ASCII, either case) followed by
 * a, ', i (or U+0130, U+0131), o or e; no such pair means the pass would
 * copy. */
static inline int contraction_at(const uint32_t *s, size_t i)
{
    uint32_t c = s[i] | 32, c2 = s[i + 1];
    if (s[i] >= 128 || (c != 'c' && c != 'd' && c != 'g' && c != 'l' && c != 'm' && c != 'w'))
        return 0;
    if (c2 < 128) {
        c2 |= 32;
        if (c2 != 'a' && c2 != 'i' && c2 != 'o' && c2 != 'e' && c2 != ('\'' | 32))
            return 0;
    } else if (c2 != 0x130 && c2 != 0x131) {
        return 0;
    }
    return i == 0 || !wn_isword(s[i - 1]);
}

static int contractions_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (contraction_at(s, i))
            return 1;
    return 0;
}

/* How many places contraction_at() accepts: each match starts at one. */
static size_t contraction_starts(const uint32_t *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i + 1 < n; i++)
        c += (size_t)contraction_at(s, i);
    return c;
}

/* Could (?i) ('t)(is|was)\b match at s[i]: " 't" or " 'T"? */
static inline int tis_at(const uint32_t *s, size_t n, size_t i)
{
    return s[i] == '\'' && i > 0 && i + 2 < n && s[i - 1] == ' ' && ci(s[i + 1], 't');
}

static int tis_possible(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (tis_at(s, n, i))
            return 1;
    return 0;
}

/* How many places tis_at() accepts: each match starts at one. */
static size_t tis_starts(const uint32_t *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i + 2 < n; i++)
        c += (size_t)tis_at(s, n, i);
    return c;
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
    size_t *gcount; /* how many directly decided tokens each placeholder stands for */
    size_t scratch_cap; /* code points of red (gcount has scratch_cap / 2 + 2) */
    unsigned char *bytes; /* the sentence as bytes, for the chunk scan */
    uint64_t *sp, *bad, *dbl; /* its bitmaps (see tb_masks) */
    /* when non-NULL, the classifiers also mark, for punkt, '.' '?' '!' in
     * enders, the code points above 127 in high, in after the characters
     * an ender must be followed by to be a candidate (punkt's non-word
     * ones, whitespace, non-ASCII), with others (the always-special ones
     * and ':'), and in stop those and '-' '.' ',' (see wn_text_marks) */
    uint64_t *enders, *high, *after, *stop;
    size_t mask_cap; /* bytes of bytes; the bitmaps have mask_cap / 64 words */
    uint32_t *pool; /* storage for tokens the substitutions made */
    size_t pool_used, pool_cap;
    /* the text the sentences lie in and its bitmaps, made in one pass
     * (see text_masks), or NULL: each sentence then classifies its own
     * characters */
    const uint32_t *text;
    const uint64_t *tsp, *tbad, *tdbl;
} tbx;

/* Tokens the fast path makes that may not be in the sentence as such: a
 * ',' ':' or '.' split off, "--", and the `` or '' a '"' becomes. */
static const uint32_t PUNCT_TOKENS[] = {',', ':', '.', '-', '-', '`', '`', '\'', '\''};
#define TOK_DDASH (PUNCT_TOKENS + 3)
#define TOK_OPEN_DQ (PUNCT_TOKENS + 5)
#define TOK_CLOSE_DQ (PUNCT_TOKENS + 7)

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

/* ASCII \w */
static int is_word_ascii(uint32_t c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_';
}

/* The tokens of a word with apostrophes, into d; how many, or 0 for the
 * shapes left to the substitutions. The shapes: w1'w2 or w1' (w1, w2 ASCII
 * \w, w1 not empty) and 'w or 'w' (w two or more ASCII \w, not starting
 * with t: ' 'tis' and ' 'twas' are CONTRACTIONS3's). space_after: NLTK sees
 * a ' ' right after the word when the clitic patterns run (a cut or a
 * trailing ',' puts one there).
 *
 * Of STARTING_QUOTES only (\')(?!re|ve|ll|m|t|s|d|n)(\w)\b could see such
 * a word, when a quote is followed by one \w that is not excluded (left to
 * the substitutions); d'ye and more'n are CONTRACTIONS2's (also left). The
 * rest is ([^'])' in PUNCTUATION and, in ENDING_QUOTES,
 * ([^' ])('[sS]|'[mM]|'[dD]|') and ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T)
 * followed by a space, which split off the clitic or the closing quote;
 * a leading quote has no character before it but whitespace, so it stays. */
static size_t apostrophe_word(const uint32_t *s, size_t n, int space_after, wn_ustr *d)
{
    if (s[0] == '\'') {
        size_t e = n > 1 && s[n - 1] == '\'' ? n - 1 : n;
        if (e < 3 || (s[1] | 32) == 't')
            return 0;
        for (size_t k = 1; k < e; k++)
            if (!is_word_ascii(s[k]))
                return 0;
        if (n >= 5 && has_contraction(s, n))
            return 0;
        if (e == n || !space_after) {
            d[0] = (wn_ustr){s, n};
            return 1;
        }
        d[0] = (wn_ustr){s, e};
        d[1] = (wn_ustr){s + e, 1};
        return 2;
    }
    size_t q = n;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '\'') {
            if (q < n)
                return 0;
            q = k;
        } else if (!is_word_ascii(s[k])) {
            return 0;
        }
    }
    if (q == n || (n >= 5 && has_contraction(s, n)))
        return 0;
    size_t l1 = q, l2 = n - q - 1;
    if ((l1 == 1 && (s[0] | 32) == 'd') ||
        (l1 == 4 && (s[0] | 32) == 'm' && (s[1] | 32) == 'o' && (s[2] | 32) == 'r' &&
         (s[3] | 32) == 'e'))
        return 0;
    const uint32_t *w2 = s + q + 1;
    if (l2 == 0) { /* ([^' ])(') followed by a space */
        if (!space_after)
            goto whole;
        d[0] = (wn_ustr){s, l1};
        d[1] = (wn_ustr){s + q, 1};
        return 2;
    }
    if (l2 == 1) {
        uint32_t c = w2[0];
        switch (c) {
        case 's': case 'S': case 'm': case 'M': case 'd': case 'D':
            if (!space_after)
                goto whole;
            break;
        case 't': case 'T':
            /* n't, N'T: the 'n' goes with the clitic and needs a
             * character before it */
            if (space_after && l1 >= 2 && s[q - 1] == (c == 't' ? 'n' : 'N')) {
                d[0] = (wn_ustr){s, l1 - 1};
                d[1] = (wn_ustr){s + q - 1, 3};
                return 2;
            }
            if (l1 == 1 && (s[0] | 32) == 'n')
                return 0;
            goto whole;
        case 'n': case 'N':
            goto whole;
        default:
            return 0;
        }
        d[0] = (wn_ustr){s, l1};
        d[1] = (wn_ustr){s + q, 2};
        return 2;
    }
    if (l2 == 2 && space_after) {
        uint32_t a = w2[0], b = w2[1];
        if ((a == 'l' && b == 'l') || (a == 'L' && b == 'L') || (a == 'r' && b == 'e') ||
            (a == 'R' && b == 'E') || (a == 'v' && b == 'e') || (a == 'V' && b == 'E')) {
            d[0] = (wn_ustr){s, l1};
            d[1] = (wn_ustr){s + q, 3};
            return 2;
        }
    }
whole:
    d[0] = (wn_ustr){s, n};
    return 1;
}

/* CONTRACTIONS2 on a whole word of ASCII letters: cannot, gimme, gonna,
 * gotta, lemme and wanna, in any case, split after their third letter
 * (wanna only before whitespace, which a piece always has after it once
 * the cuts are padded). Into d: 2 tokens, or 0 for another word. */
static size_t contraction_word(const uint32_t *s, size_t n, wn_ustr *d)
{
    static const char *const words[] = {"cannot", "gimme", "gonna", "gotta", "lemme", "wanna"};
    for (size_t w = 0; w < 6; w++) {
        const char *p = words[w];
        size_t k = 0;
        while (k < n && p[k] && s[k] < 128 && (s[k] | 32) == (uint32_t)p[k])
            k++;
        if (k == n && !p[k]) {
            d[0] = (wn_ustr){s, 3};
            d[1] = (wn_ustr){s + 3, n - 3};
            return 2;
        }
    }
    return 0;
}

/* The context of one piece of a chunk for piece(). */
typedef struct pctx {
    const uint32_t *s; /* the sentence */
    size_t z;          /* see tb_sentence: a '.' at or after it may be the final period */
    int cut_after;     /* a cut follows the piece inside its chunk */
    int chunk_end;     /* the piece ends its chunk */
    int final;         /* ... and that chunk is the sentence's last */
    int space_after;   /* the character after the chunk is ' ' (or there is none) */
} pctx;

/* The tokens of a piece s[a..b) (a chunk, or a part of one between cuts)
 * into d; how many, or 0 when it is not one of the shapes decided here:
 * plain, or plain or an apostrophe word followed by ',' or ':' (at the end
 * of its chunk or before a cut: NLTK's ([:,])([^\d]) or ([:,])$ then pads
 * it) or by the sentence's final period. */
static size_t piece(const pctx *p, size_t a, size_t b, wn_ustr *d)
{
    const uint32_t *s = p->s + a;
    size_t n = b - a, lim = p->z > a ? p->z - a : 0;
    if (is_plain(s, n, lim)) {
        d[0] = (wn_ustr){s, n};
        return 1;
    }
    uint32_t c = s[n - 1];
    const uint32_t *punct = NULL;
    if ((c == ',' || c == ':') && (p->cut_after || p->chunk_end))
        punct = punct_token(c);
    else if (c == '.' && p->final && a + n - 1 == p->z && !(n > 1 && s[n - 2] == '.'))
        punct = punct_token(c);
    size_t k = 0;
    if (punct) {
        if (n > 1) {
            if (is_plain(s, n - 1, lim))
                d[k++] = (wn_ustr){s, n - 1};
            else if (!(k = apostrophe_word(s, n - 1, 1, d)) &&
                     !(k = contraction_word(s, n - 1, d)))
                return 0;
        }
        d[k++] = (wn_ustr){punct, 1};
        return k;
    }
    k = apostrophe_word(s, n, p->cut_after || p->space_after, d);
    return k ? k : contraction_word(s, n, d);
}

/* Characters NLTK pads with a space on each side wherever they are (the
 * brackets, ;@#$%&?!* and the Unicode quotes). */
static const unsigned char PAD[128] = {
    ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, ['<'] = 1, ['>'] = 1,
    [';'] = 1, ['@'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['?'] = 1, ['!'] = 1,
    ['*'] = 1};

static int is_pad(uint32_t c)
{
    if (c < 128)
        return PAD[c];
    return is_open_quote(c) || is_close_quote(c);
}

/* Does a '"' after c become `` ? ([ \(\[{<])(\"|\'{2}) sees it after the
 * first starting-quote pattern has padded «“‘„. */
static int dq_opener(uint32_t c)
{
    return c == ' ' || c == '(' || c == '[' || c == '{' || c == '<' || is_open_quote(c);
}

/* A special chunk s[i..j) cut into tokens (see "the fast path"); how many
 * tokens into d, or 0 when it is left to the substitutions. */
static size_t split_chunk(const uint32_t *s, size_t n, size_t i, size_t j, size_t z, size_t end,
                          wn_ustr *d)
{
    int final_dot = z < n && s[z] == '.';
    size_t stop = j;
    if (final_dot && j > z + 1) {
        /* body '.' closers, the sentence's last chunk: the final period's
         * pattern pads the '.' and the closers group; each closer is then
         * padded on its own ('"' as '') */
        if (z <= i || j != end || s[z - 1] == '.')
            return 0;
        for (size_t k = z + 1; k < j; k++)
            if (s[k] == '\'' || !closer_any(s[k]))
                return 0;
        stop = z;
    }
    pctx p = {.s = s, .z = z, .final = j == end, .space_after = j == n || s[j] == ' '};
    size_t nt = 0, a = i;
    for (size_t k = i;;) {
        size_t cut = 0; /* length of the cut at k */
        if (k < stop) {
            uint32_t c = s[k];
            if (is_pad(c) || c == '"') {
                cut = 1;
            } else if ((c == ',' || c == ':') && k + 1 < stop && !wn_isdecimal(s[k + 1])) {
                /* ([:,])([^\d]) takes the next character with it: two
                 * of them in a row pair up, left to the substitutions */
                if (s[k + 1] == ',' || s[k + 1] == ':' || (k > i && (s[k - 1] == ',' || s[k - 1] == ':')))
                    return 0;
                cut = 1;
            } else if ((c == '-' || c == '.') && k + 1 < stop && s[k + 1] == c) {
                while (k + cut < stop && s[k + cut] == c)
                    cut++;
                if (c == '-' && (cut & 1)) /* "---": the last '-' stays on what follows */
                    return 0;
            } else {
                k++;
                continue;
            }
        }
        if (k > a) {
            p.cut_after = k < stop || stop < j;
            p.chunk_end = k == j;
            size_t m = piece(&p, a, k, d + nt);
            if (!m)
                return 0;
            nt += m;
        }
        if (k == stop)
            break;
        uint32_t c = s[k];
        if (c == '"') {
            int open = k == 0 || (k == 1 && s[0] == '"') || dq_opener(s[k - 1]);
            d[nt++] = (wn_ustr){open ? TOK_OPEN_DQ : TOK_CLOSE_DQ, 2};
        } else if (c == '-' && cut > 1) {
            for (size_t r = 0; r < cut; r += 2)
                d[nt++] = (wn_ustr){TOK_DDASH, 2};
        } else {
            d[nt++] = (wn_ustr){s + k, cut};
        }
        k += cut;
        a = k;
    }
    if (stop < j) {
        d[nt++] = (wn_ustr){punct_token('.'), 1};
        for (size_t k = z + 1; k < j; k++)
            d[nt++] = s[k] == '"' ? (wn_ustr){TOK_CLOSE_DQ, 2} : (wn_ustr){s + k, 1};
    }
    return nt;
}

/* ---- the chunk scan ----
 *
 * Most chunks are plain words, so the scan finds them with bitmaps over the
 * sentence (bit k for character k): sp, the ASCII whitespace; bad, the
 * characters that might make a chunk special (every non-ASCII one, the
 * always-special ones, '.' before '.' or at or after z, "--", ',' or ':'
 * not before an ASCII digit); dbl, a doubled n, m or t in either case,
 * which each of cannot, gimme, gonna, gotta, lemme and wanna contains. A
 * chunk with no bad bit is plain unless it has a dbl bit and a contraction;
 * the others are looked at character by character. With SSE2 (every
 * x86-64) the sentence is first narrowed to bytes (code points above 255
 * saturate to 255, still non-ASCII) and classified sixteen at a time. */

static int tb_masks_alloc(tbx *x, size_t n)
{
    size_t need = (n + 64) / 64 * 64 + 64;
    if (need <= x->mask_cap)
        return 0;
    size_t cap = n < SHORT_SENTENCE ? need * 2 : need; /* room to grow as for tb_run's buffers */
    cap = x->mask_cap * 2 > cap ? x->mask_cap * 2 : cap;
    x->bytes = wn_arena_alloc(x->t.a, cap + 64);
    x->sp = wn_arena_alloc(x->t.a, cap / 64 * sizeof *x->sp);
    x->bad = wn_arena_alloc(x->t.a, cap / 64 * sizeof *x->bad);
    x->dbl = wn_arena_alloc(x->t.a, cap / 64 * sizeof *x->dbl);
    if (!x->bytes || !x->sp || !x->bad || !x->dbl)
        return -1;
    x->mask_cap = cap;
    return 0;
}

/* The bytes and bitmaps one code point at a time: the definition the
 * vector versions below compute sixteen or thirty-two at a time. */
static void masks_scalar(tbx *x, const uint32_t *s, size_t n, size_t words)
{
    unsigned char *b = x->bytes;
    for (size_t i = 0; i < n; i++)
        b[i] = s[i] < 255 ? (unsigned char)s[i] : 255;
    memset(b + n, 0, words * 64 + 33 - n);
    for (size_t w = 0; w < words; w++) {
        uint64_t msp = 0, mbad = 0, mdbl = 0, mend = 0, mhigh = 0, mafter = 0, mstop = 0;
        for (size_t k = 0; k < 64; k++) {
            unsigned c = b[w * 64 + k], nx = b[w * 64 + k + 1];
            int bad = c >= 128 || ALWAYS_SPECIAL[c] || ((c == '.' || c == '-') && nx == c) ||
                      ((c == ',' || c == ':') && !(nx >= '0' && nx <= '9'));
            int dbl = (c | 32) == (nx | 32) && ((c | 32) == 'n' || (c | 32) == 'm' ||
                                                (c | 32) == 't');
            msp |= (uint64_t)(c < 64 && ((0x1f0003e00ull >> c) & 1)) << k;
            mbad |= (uint64_t)bad << k;
            mdbl |= (uint64_t)dbl << k;
            mend |= (uint64_t)(c == '.' || c == '?' || c == '!') << k;
            mhigh |= (uint64_t)(c >= 128) << k;
            int after = c >= 128 || ALWAYS_SPECIAL[c] || c == ':' ||
                        (c < 64 && ((0x1f0003e00ull >> c) & 1));
            mafter |= (uint64_t)after << k;
            mstop |= (uint64_t)(after || c == '-' || c == '.' || c == ',') << k;
        }
        x->sp[w] = msp;
        x->bad[w] = mbad;
        x->dbl[w] = mdbl;
        if (x->enders) {
            x->enders[w] = mend;
            x->high[w] = mhigh;
            x->after[w] = mafter;
            x->stop[w] = mstop;
        }
    }
}

#ifdef __SSE2__
static void masks_sse2(tbx *x, const uint32_t *s, size_t n, size_t words)
{
    unsigned char *b = x->bytes;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(s + i + 4));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(s + i + 8));
        __m128i v3 = _mm_loadu_si128((const __m128i *)(s + i + 12));
        __m128i w = _mm_packus_epi16(_mm_packs_epi32(v0, v1), _mm_packs_epi32(v2, v3));
        _mm_storeu_si128((__m128i *)(b + i), w);
    }
    for (; i < n; i++)
        b[i] = s[i] < 255 ? (unsigned char)s[i] : 255;
    memset(b + n, 0, words * 64 + 33 - n);
    const __m128i sp32 = _mm_set1_epi8(' '), c8 = _mm_set1_epi8(8), c14 = _mm_set1_epi8(14);
    const __m128i c27 = _mm_set1_epi8(27), c20 = _mm_set1_epi8(0x20), c2b = _mm_set1_epi8(0x2B);
    const __m128i c3a = _mm_set1_epi8(0x3A), c41 = _mm_set1_epi8(0x41), eq = _mm_set1_epi8('=');
    const __m128i lb = _mm_set1_epi8('{'), rb = _mm_set1_epi8('}'), bt = _mm_set1_epi8('`');
    const __m128i dot = _mm_set1_epi8('.'), dash = _mm_set1_epi8('-');
    const __m128i comma = _mm_set1_epi8(','), colon = _mm_set1_epi8(':');
    const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
    const __m128i ln = _mm_set1_epi8('n'), lm = _mm_set1_epi8('m'), lt = _mm_set1_epi8('t');
    const __m128i qm = _mm_set1_epi8('?'), ex = _mm_set1_epi8('!');
    for (size_t w = 0; w < words; w++) {
        uint64_t msp = 0, mbad = 0, mdbl = 0, mend = 0, mhigh = 0, mafter = 0, mstop = 0;
        for (int q = 0; q < 4; q++) {
            const unsigned char *p = b + w * 64 + q * 16;
            __m128i v = _mm_loadu_si128((const __m128i *)p);
            __m128i nx = _mm_loadu_si128((const __m128i *)(p + 1));
            /* signed compares: the non-ASCII bytes are negative */
            __m128i isp = _mm_or_si128(
                _mm_cmpeq_epi8(v, sp32),
                _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v, c8), _mm_cmplt_epi8(v, c14)),
                             _mm_and_si128(_mm_cmpgt_epi8(v, c27), _mm_cmplt_epi8(v, sp32))));
            __m128i l = _mm_or_si128(v, c20), lnx = _mm_or_si128(nx, c20);
            /* !"#$%&'()* ;<>?@ [] {} ` */
            __m128i spec = _mm_or_si128(
                _mm_and_si128(_mm_cmpgt_epi8(v, c20), _mm_cmplt_epi8(v, c2b)),
                _mm_andnot_si128(_mm_cmpeq_epi8(v, eq),
                                 _mm_and_si128(_mm_cmpgt_epi8(v, c3a), _mm_cmplt_epi8(v, c41))));
            spec = _mm_or_si128(spec, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(l, lb),
                                                                _mm_cmpeq_epi8(l, rb)),
                                                   _mm_cmpeq_epi8(l, bt)));
            __m128i pair = _mm_or_si128(
                _mm_and_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(nx, dot)),
                _mm_and_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(nx, dash)));
            __m128i digit_next = _mm_and_si128(_mm_cmpgt_epi8(nx, d0), _mm_cmplt_epi8(nx, d9));
            __m128i cc = _mm_andnot_si128(
                digit_next, _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, colon)));
            __m128i bad = _mm_or_si128(_mm_or_si128(spec, pair), cc);
            __m128i dbl = _mm_and_si128(
                _mm_cmpeq_epi8(l, lnx),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(l, ln), _mm_cmpeq_epi8(l, lm)),
                             _mm_cmpeq_epi8(l, lt)));
            msp |= (uint64_t)(unsigned)_mm_movemask_epi8(isp) << (q * 16);
            unsigned high = (unsigned)_mm_movemask_epi8(v);
            mbad |= (uint64_t)((unsigned)_mm_movemask_epi8(bad) | high) << (q * 16);
            mhigh |= (uint64_t)high << (q * 16);
            mdbl |= (uint64_t)(unsigned)_mm_movemask_epi8(dbl) << (q * 16);
            if (x->enders) {
                __m128i e = _mm_or_si128(_mm_cmpeq_epi8(v, dot),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, qm), _mm_cmpeq_epi8(v, ex)));
                mend |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << (q * 16);
                __m128i af = _mm_or_si128(_mm_or_si128(isp, spec), _mm_cmpeq_epi8(v, colon));
                mafter |= (uint64_t)((unsigned)_mm_movemask_epi8(af) | high) << (q * 16);
                __m128i st = _mm_or_si128(
                    _mm_or_si128(af, _mm_cmpeq_epi8(v, dot)),
                    _mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, comma)));
                mstop |= (uint64_t)((unsigned)_mm_movemask_epi8(st) | high) << (q * 16);
            }
        }
        x->sp[w] = msp;
        x->bad[w] = mbad;
        x->dbl[w] = mdbl;
        if (x->enders) {
            x->enders[w] = mend;
            x->high[w] = mhigh;
            x->after[w] = mafter;
            x->stop[w] = mstop;
        }
    }
}
#endif

#ifdef WN_HAVE_AVX2_PATH

/* Thirty-two code points narrowed to bytes as masks_sse2 does: 256-bit
 * packs work within 128-bit lanes, so the permutation puts the four-byte
 * groups back in order. */
__attribute__((target("avx2"))) static inline __m256i narrow32(const uint32_t *s)
{
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    __m256i v0 = _mm256_loadu_si256((const __m256i *)s);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(s + 8));
    __m256i v2 = _mm256_loadu_si256((const __m256i *)(s + 16));
    __m256i v3 = _mm256_loadu_si256((const __m256i *)(s + 24));
    __m256i w = _mm256_packus_epi16(_mm256_packs_epi32(v0, v1), _mm256_packs_epi32(v2, v3));
    return _mm256_permutevar8x32_epi32(w, order);
}

/* The first rem (< 32) code points at s narrowed the same way, the rest
 * zero: masked loads do not touch the lanes they leave out, so nothing
 * past the sentence is read. */
__attribute__((target("avx2"))) static inline __m256i narrow_part(const uint32_t *s, size_t rem)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i v[4];
    for (int g = 0; g < 4; g++) {
        __m256i keep = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rem - 8 * g), lane);
        v[g] = _mm256_maskload_epi32((const int *)(s + 8 * g), keep);
    }
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    __m256i w = _mm256_packus_epi16(_mm256_packs_epi32(v[0], v[1]), _mm256_packs_epi32(v[2], v[3]));
    return _mm256_permutevar8x32_epi32(w, order);
}

/* The bitmaps of 32 bytes v, nx being the bytes one further on, as
 * masks_sse2 makes them, and punkt's after (see tbx). Each ASCII byte's
 * classes come from two table lookups, on its low and its high four bits,
 * ANDed: a class that is a product (high nibbles) x (low nibbles) is one
 * bit set in both tables, and the others are unions of a few products.
 * The tables give 0 for every non-ASCII byte (high nibble 8 to 15). A
 * ninth-bit test of "any of these classes" is a saturating add of 0x7f. */
enum {
    /* first table pair */
    CA_SP1 = 0x01,  /* \t to \r: high 0, low 9-13 */
    CA_SP2 = 0x02,  /* \x1c to \x1f: high 1, low 12-15 */
    CA_SP3 = 0x04,  /* ' ': high 2, low 0 */
    CA_SPC1 = 0x08, /* ! " # $ % & ' ( ) *: high 2, low 1-10 */
    CA_SPC2 = 0x10, /* ; < > ?: high 3, low 11 12 14 15 */
    CA_SPC3 = 0x20, /* @ `: high 4 and 6, low 0 */
    CA_SPC4 = 0x40, /* [ ] { }: high 5 and 7, low 11 13 */
    CA_DIGIT = 0x80, /* high 3, low 0-9 */
    /* second table pair */
    CB_DOT = 0x01,   /* high 2, low 14 */
    CB_DASH = 0x02,  /* high 2, low 13 */
    CB_COMMA = 0x04, /* high 2, low 12 */
    CB_COLON = 0x08, /* high 3, low 10 */
    CB_MN = 0x10,    /* M N m n: high 4 and 6, low 13 14 */
    CB_T = 0x20,     /* T t: high 5 and 7, low 4 */
    CB_EXCL = 0x40,  /* !: high 2, low 1 */
    CB_QUEST = 0x80, /* ?: high 3, low 15 */
};
#define CA_SP (CA_SP1 | CA_SP2 | CA_SP3)
#define CA_SPEC (CA_SPC1 | CA_SPC2 | CA_SPC3 | CA_SPC4)

__attribute__((target("avx2"))) static inline __m256i any_class(__m256i cls, int m)
{
    return _mm256_adds_epu8(_mm256_and_si256(cls, _mm256_set1_epi8((char)m)),
                            _mm256_set1_epi8(0x7f));
}

typedef struct masks32 {
    uint32_t sp, bad, dbl, enders, high, after, stop;
} masks32;

__attribute__((target("avx2"))) static inline masks32 classify32(__m256i v, __m256i nx)
{
#define B16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15)                  \
    _mm256_setr_epi8(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a0, a1,  \
                     a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15)
    const __m256i a_lo = B16(CA_SP3 | CA_SPC3 | CA_DIGIT, CA_SPC1 | CA_DIGIT, CA_SPC1 | CA_DIGIT,
                             CA_SPC1 | CA_DIGIT, CA_SPC1 | CA_DIGIT, CA_SPC1 | CA_DIGIT,
                             CA_SPC1 | CA_DIGIT, CA_SPC1 | CA_DIGIT, CA_SPC1 | CA_DIGIT,
                             CA_SP1 | CA_SPC1 | CA_DIGIT, CA_SP1 | CA_SPC1, CA_SP1 | CA_SPC2 | CA_SPC4,
                             CA_SP1 | CA_SP2 | CA_SPC2, CA_SP1 | CA_SP2 | CA_SPC4, CA_SP2 | CA_SPC2,
                             CA_SP2 | CA_SPC2);
    const __m256i a_hi = B16(CA_SP1, CA_SP2, CA_SP3 | CA_SPC1, CA_SPC2 | CA_DIGIT, CA_SPC3, CA_SPC4,
                             CA_SPC3, CA_SPC4, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i b_lo = B16(0, CB_EXCL, 0, 0, CB_T, 0, 0, 0, 0, 0, CB_COLON, 0, CB_COMMA,
                             CB_DASH | CB_MN, CB_DOT | CB_MN, CB_QUEST);
    const __m256i b_hi = B16(0, 0, CB_DOT | CB_DASH | CB_COMMA | CB_EXCL, CB_COLON | CB_QUEST, CB_MN,
                             CB_T, CB_MN, CB_T, 0, 0, 0, 0, 0, 0, 0, 0);
#undef B16
    const __m256i low4 = _mm256_set1_epi8(0x0f), c20 = _mm256_set1_epi8(0x20);
    __m256i lo = _mm256_and_si256(v, low4);
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low4);
    __m256i ca = _mm256_and_si256(_mm256_shuffle_epi8(a_lo, lo), _mm256_shuffle_epi8(a_hi, hi));
    __m256i cb = _mm256_and_si256(_mm256_shuffle_epi8(b_lo, lo), _mm256_shuffle_epi8(b_hi, hi));
    __m256i digit_next = _mm256_and_si256(_mm256_cmpgt_epi8(nx, _mm256_set1_epi8('0' - 1)),
                                          _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), nx));
    __m256i spec = any_class(ca, CA_SPEC);
    __m256i pair = _mm256_and_si256(_mm256_cmpeq_epi8(v, nx), any_class(cb, CB_DOT | CB_DASH));
    __m256i cc = _mm256_andnot_si256(digit_next, any_class(cb, CB_COMMA | CB_COLON));
    __m256i bad = _mm256_or_si256(_mm256_or_si256(spec, pair), _mm256_or_si256(cc, v));
    __m256i dbl = _mm256_and_si256(
        _mm256_cmpeq_epi8(_mm256_or_si256(v, c20), _mm256_or_si256(nx, c20)),
        any_class(cb, CB_MN | CB_T));
    __m256i after = _mm256_or_si256(_mm256_or_si256(any_class(ca, CA_SP | CA_SPEC), v),
                                    any_class(cb, CB_COLON));
    return (masks32){
        .sp = (uint32_t)_mm256_movemask_epi8(any_class(ca, CA_SP)),
        .bad = (uint32_t)_mm256_movemask_epi8(bad),
        .dbl = (uint32_t)_mm256_movemask_epi8(dbl),
        .enders = (uint32_t)_mm256_movemask_epi8(any_class(cb, CB_DOT | CB_EXCL | CB_QUEST)),
        .high = (uint32_t)_mm256_movemask_epi8(v),
        .after = (uint32_t)_mm256_movemask_epi8(after),
        .stop = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(after, any_class(cb, CB_DOT | CB_DASH | CB_COMMA)))};
}

/* masks_sse2 thirty-two at a time, for the CPUs that have AVX2 (chosen at
 * run time: the library is built for the x86-64 baseline). The bytes stay
 * in registers: each block of 32 is narrowed once, one block ahead, and
 * the next characters are the block shifted by one with the next block's
 * first byte after it (loading them from a byte copy just written stalls:
 * the load spans two stores). */
__attribute__((target("avx2"))) static void masks_avx2(tbx *x, const uint32_t *s, size_t n,
                                                       size_t words, unsigned char *keep)
{
    size_t full = n / 32, rem = n % 32;
    __m256i cur = full ? narrow32(s) : narrow_part(s, rem);
    for (size_t w = 0; w < words; w++) {
        masks32 m[2];
        for (int q = 0; q < 2; q++) {
            size_t k = w * 2 + q + 1; /* the next block */
            __m256i v = cur;
            if (keep) /* the blocks past the sentence are zeros */
                _mm256_storeu_si256((__m256i *)(keep + (k - 1) * 32), v);
            cur = k < full ? narrow32(s + k * 32)
                  : k == full && rem ? narrow_part(s + k * 32, rem) : _mm256_setzero_si256();
            __m256i nx = _mm256_alignr_epi8(_mm256_permute2x128_si256(v, cur, 0x21), v, 1);
            m[q] = classify32(v, nx);
        }
#define JOIN(f) (m[0].f | (uint64_t)m[1].f << 32)
        x->sp[w] = JOIN(sp);
        x->bad[w] = JOIN(bad);
        x->dbl[w] = JOIN(dbl);
        if (x->enders) {
            x->enders[w] = JOIN(enders);
            x->high[w] = JOIN(high);
            x->after[w] = JOIN(after);
            x->stop[w] = JOIN(stop);
        }
#undef JOIN
    }
}
#endif

/* -1: choose by CPU; else the level wn_treebank_simd() set (tests). */
static int g_simd_level = -1;

static int simd_level(void)
{
    if (g_simd_level >= 0)
        return g_simd_level;
#ifdef WN_HAVE_AVX2_PATH
    if (__builtin_cpu_supports("avx2"))
        return 2;
#endif
#ifdef __SSE2__
    return 1;
#else
    return 0;
#endif
}

int wn_treebank_simd(int level)
{
    int best = 0;
#ifdef __SSE2__
    best = 1;
#endif
#ifdef WN_HAVE_AVX2_PATH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        best = 2;
#endif
    g_simd_level = level < 0 ? -1 : level < best ? level : best;
    return simd_level();
}

/* The bitmaps of a sentence at off in text, taken from the text's
 * (text_masks): a character's bits depend on it and the next one alone, so
 * they are the text's, shifted, but for the sentence's last character,
 * which the sentence's own scan sees followed by a 0 (past the sentence,
 * no bit is read). */
static void sentence_masks(tbx *x, size_t off, size_t n)
{
    size_t words = (n + 63) / 64, g = off >> 6;
    unsigned sh = off & 63;
    if (sh) {
        for (size_t w = 0; w < words; w++) {
            x->sp[w] = x->tsp[g + w] >> sh | x->tsp[g + w + 1] << (64 - sh);
            x->bad[w] = x->tbad[g + w] >> sh | x->tbad[g + w + 1] << (64 - sh);
            x->dbl[w] = x->tdbl[g + w] >> sh | x->tdbl[g + w + 1] << (64 - sh);
        }
    } else {
        memcpy(x->sp, x->tsp + g, words * sizeof *x->sp);
        memcpy(x->bad, x->tbad + g, words * sizeof *x->bad);
        memcpy(x->dbl, x->tdbl + g, words * sizeof *x->dbl);
    }
    /* before a 0: ',' and ':' are bad (no digit follows), no '.' or '-'
     * pair, no doubled letter */
    size_t last = n - 1;
    uint32_t c = x->text[off + last];
    uint64_t bit = 1ull << (last & 63);
    int bad = c >= 128 || ALWAYS_SPECIAL[c] || c == ',' || c == ':';
    x->bad[last >> 6] = (x->bad[last >> 6] & ~bit) | (bad ? bit : 0);
    x->dbl[last >> 6] &= ~bit;
}

/* The bitmaps of all of text at once, for the sentences of
 * wn_word_tokenize_bytes, wn_word_count and wn_sent_tokenize_classified (one pass instead of one per
 * sentence, each with a
 * partial block at its end), with the enders and the non-ASCII code points
 * for punkt (the space map is the same as theirs: see wn_text_marks), and
 * its narrowed bytes into keep when non-NULL. */
static int text_masks(tbx *x, const uint32_t *text, size_t n, unsigned char *keep)
{
    size_t words = (n + 63) / 64;
    int level = simd_level();
    uint64_t *m = wn_arena_alloc(x->t.a, 7 * (words + 1) * sizeof *m);
    /* the AVX2 classifier keeps the narrowed bytes in registers, the
     * others write them to x->bytes first */
    if (!m || (level < 2 && tb_masks_alloc(x, n)))
        return -1;
    uint64_t *sp = x->sp, *bad = x->bad, *dbl = x->dbl;
    x->sp = m;
    x->bad = m + words + 1;
    x->dbl = m + 2 * (words + 1);
    x->enders = m + 3 * (words + 1);
    x->high = m + 4 * (words + 1);
    x->after = m + 5 * (words + 1);
    x->stop = m + 6 * (words + 1);
    switch (level) {
#ifdef WN_HAVE_AVX2_PATH
    case 2: masks_avx2(x, text, n, words, keep); keep = NULL; break;
#endif
#ifdef __SSE2__
    case 1: masks_sse2(x, text, n, words); break;
#endif
    default: masks_scalar(x, text, n, words); break;
    }
    if (keep)
        memcpy(keep, x->bytes, n);
    /* a zero word after each, read by sentence_masks' shifts */
    x->sp[words] = x->bad[words] = x->dbl[words] = x->enders[words] = x->high[words] = 0;
    x->after[words] = x->stop[words] = 0;
    /* an ender not followed by one of after's characters is never a
     * candidate: punkt need not look at it */
    for (size_t w = 0; w < words; w++)
        x->enders[w] &= x->after[w] >> 1 | x->after[w + 1] << 63;
    /* a dbl bit p matters only to piece_contraction's window at p - 2
     * (has_contraction's words have their doubled letter at offset 2):
     * one whose window cannot start a word is cleared, so that its run
     * need not go to scan_run (a doubled letter in "little", "common",
     * "better") */
    for (size_t w = 0; w < words; w++)
        for (uint64_t v = x->dbl[w] & (w ? ~0ull : ~3ull); v; v &= v - 1) {
            size_t p = (w << 6) + (size_t)__builtin_ctzll(v);
            if (!contraction_start(text + p - 2))
                x->dbl[w] &= ~(1ull << (p & 63));
        }
    x->tsp = x->sp;
    x->tbad = x->bad;
    x->tdbl = x->dbl;
    x->sp = sp;
    x->bad = bad;
    x->dbl = dbl;
    return 0;
}

static void tb_masks(tbx *x, const uint32_t *s, size_t n, size_t z)
{
    size_t words = (n + 63) / 64;
    if (x->tsp) {
        sentence_masks(x, (size_t)(s - x->text), n);
    } else {
        switch (simd_level()) {
#ifdef WN_HAVE_AVX2_PATH
        case 2: masks_avx2(x, s, n, words, NULL); break;
#endif
#ifdef __SSE2__
        case 1: masks_sse2(x, s, n, words); break;
#endif
        default: masks_scalar(x, s, n, words); break;
        }
    }
    for (size_t k = z; k < n; k++)
        if (s[k] == '.')
            x->bad[k >> 6] |= 1ull << (k & 63);
}

/* The first index >= i, below n, whose bit in m is (set) or is not (!set)
 * set; n when none. */
static inline size_t find_bit(const uint64_t *m, size_t i, size_t n, int set)
{
    if (i >= n)
        return n;
    uint64_t flip = set ? 0 : ~0ull;
    size_t w = i >> 6, words = (n + 63) >> 6;
    uint64_t v = (m[w] ^ flip) & (~0ull << (i & 63));
    while (!v) {
        if (++w >= words)
            return n;
        v = m[w] ^ flip;
    }
    size_t r = (w << 6) + (size_t)__builtin_ctzll(v);
    return r < n ? r : n;
}

/* Is any bit of m in [i, j) set? (i < j) */
static inline int any_bit(const uint64_t *m, size_t i, size_t j)
{
    size_t w = i >> 6, wl = (j - 1) >> 6;
    uint64_t lo = ~0ull << (i & 63), hi = ~0ull >> (63 - ((j - 1) & 63));
    if (w == wl)
        return (m[w] & lo & hi) != 0;
    if (m[w] & lo)
        return 1;
    for (w++; w < wl; w++)
        if (m[w])
            return 1;
    return (m[wl] & hi) != 0;
}

/* One chunk s[i..j) that has a bad bit, decided character by character
 * into d: how many tokens, or 0 when it is special. */
static size_t slow_chunk(const uint32_t *s, size_t n, size_t i, size_t j, size_t z, size_t end,
                         wn_ustr *d)
{
    pctx p = {.s = s, .z = z, .chunk_end = 1, .final = j == end,
              .space_after = j == n || s[j] == ' '};
    size_t m = piece(&p, i, j, d);
    return m ? m : split_chunk(s, n, i, j, z, end, d);
}

/* Room for a reduced sentence of n characters: a placeholder stands for
 * one or more chunks, so the reduced one is no longer; and as chunks are
 * separated by whitespace and a group of decided ones by a special one,
 * there are fewer than n / 4 + 2 groups. Room to grow as for tb_run's
 * buffers. */
static int tb_scratch(tbx *x, size_t n)
{
    if (n <= x->scratch_cap)
        return 0;
    size_t cap = n < SHORT_SENTENCE ? n * 2 : n;
    cap = x->scratch_cap * 2 > cap ? x->scratch_cap * 2 : cap;
    x->red = wn_arena_alloc(x->t.a, cap * sizeof *x->red);
    x->gcount = wn_arena_alloc(x->t.a, (cap / 2 + 2) * sizeof *x->gcount);
    if (!x->red || !x->gcount)
        return -1;
    x->scratch_cap = cap;
    return 0;
}

/* The state of one sentence's chunk scan. */
typedef struct tbs {
    tbx *x;
    const uint32_t *s;
    size_t n, z, end;
    wn_ustr *d;        /* the directly decided tokens (in out's spare room) */
    size_t nt;         /* how many */
    size_t rn, ng;     /* the reduced sentence's length and placeholders */
    size_t prev_end;   /* where the previous chunk ended */
    int reducing, in_group;
} tbs;

/* Record chunk s[i..j): m tokens already in st->d + st->nt, or special
 * (m = 0). */
static int chunk_done(tbs *st, size_t i, size_t j, size_t m)
{
    tbx *x = st->x;
    const uint32_t *s = st->s;
    if (m && !st->reducing) {
        st->nt += m;
    } else if (m) {
        if (st->in_group) {
            x->gcount[st->ng - 1] += m;
        } else {
            memcpy(x->red + st->rn, s + st->prev_end, (i - st->prev_end) * sizeof *s);
            st->rn += i - st->prev_end;
            x->red[st->rn++] = PLACEHOLDER;
            x->gcount[st->ng++] = m;
            st->in_group = 1;
        }
        st->nt += m;
    } else {
        if (!st->reducing) {
            if (tb_scratch(x, st->n))
                return -1;
            st->reducing = 1;
            /* the chunks so far: leading whitespace and one placeholder */
            size_t first = 0;
            while (first < st->n && wn_isspace(s[first]))
                first++;
            memcpy(x->red, s, first * sizeof *s);
            st->rn = first;
            if (st->nt) {
                x->red[st->rn++] = PLACEHOLDER;
                x->gcount[st->ng++] = st->nt;
            } else {
                st->prev_end = first;
            }
        }
        memcpy(x->red + st->rn, s + st->prev_end, (j - st->prev_end) * sizeof *s);
        st->rn += j - st->prev_end;
        st->in_group = 0;
    }
    st->prev_end = j;
    return 0;
}

/* A run s[i..j) without ASCII whitespace that has a bad bit: cut at any
 * other whitespace, each chunk decided character by character. */
static int slow_run(tbs *st, size_t i, size_t j)
{
    const uint32_t *s = st->s;
    while (i < j) {
        if (wn_isspace(s[i])) {
            i++;
            continue;
        }
        size_t e = i + 1;
        while (e < j && !(s[e] >= 128 && wn_isspace(s[e])))
            e++;
        size_t m = slow_chunk(s, st->n, i, e, st->z, st->end, st->d + st->nt);
        if (chunk_done(st, i, e, m))
            return -1;
        i = e;
    }
    return 0;
}

#define NOT_THIS ((size_t)-1)

/* A piece s[a..k) of a chunk with no bad bit but maybe non-ASCII letters:
 * could it hold a contraction? (has_contraction on the few windows that
 * can: each of the words has its doubled letter at offset 2, and only a
 * non-ASCII letter can match another way.) */
static int piece_contraction(const tbs *st, size_t a, size_t k, int nonascii)
{
    if (k - a < 5)
        return 0;
    if (nonascii)
        return has_contraction(st->s + a, k - a);
    const uint64_t *dbl = st->x->dbl;
    for (size_t p = find_bit(dbl, a + 2, k, 1); p + 3 <= k; p = find_bit(dbl, p + 1, k, 1)) {
        size_t w = k - (p - 2) < 6 ? k - (p - 2) : 6;
        if (has_contraction(st->s + p - 2, w))
            return 1;
    }
    return 0;
}

/* The common special chunks, decided from the bitmaps by visiting only
 * their bad bits: split_chunk's answer (the same cuts and pieces) for the
 * chunks whose cuts are pads, '"', dot and even dash runs and ',' or ':'
 * before an ASCII non-digit, whose pieces are plain or apostrophe words,
 * the last maybe followed by a ',' or ':' or the final period, and whose
 * non-ASCII characters are pads or neither whitespace nor special. How
 * many tokens into d, or NOT_THIS for any other chunk (then split_chunk
 * decides). */
static size_t bit_chunk(const tbs *st, size_t i, size_t j, wn_ustr *d)
{
    const uint32_t *s = st->s;
    const uint64_t *badm = st->x->bad;
    if (st->z < st->n && s[st->z] == '.' && j > st->z + 1)
        return NOT_THIS;
    size_t nt = 0, a = i;
    int nonascii = 0, quote = 0;
    for (size_t k = find_bit(badm, i, j, 1);;) {
        size_t cut = 0;             /* the cut at k and its length */
        const uint32_t *punct = NULL; /* or the last piece's ',' ':' or '.' */
        if (k < j) {
            uint32_t c = s[k];
            if (c < 128) {
                if (PAD[c] || c == '"') {
                    cut = 1;
                } else if (c == '\'') {
                    quote = 1;
                } else if (c == '.' || c == '-') {
                    if (k + 1 < j && s[k + 1] == c) {
                        while (k + cut < j && s[k + cut] == c)
                            cut++;
                        if (c == '-' && (cut & 1))
                            return NOT_THIS;
                    } else if (c == '.' && k + 1 == j && k == st->z && j == st->end) {
                        punct = punct_token(c);
                    } else {
                        return NOT_THIS;
                    }
                } else if (c == ',' || c == ':') {
                    /* one before it was a bad bit already seen */
                    if (k + 1 == j)
                        punct = punct_token(c);
                    else if (s[k + 1] < 128 && s[k + 1] != ',' && s[k + 1] != ':')
                        cut = 1;
                    else
                        return NOT_THIS;
                } else {
                    return NOT_THIS;
                }
            } else if (is_open_quote(c) || is_close_quote(c)) {
                cut = 1;
            } else if (c >= PLACEHOLDER || wn_isspace(c)) {
                return NOT_THIS;
            } else {
                nonascii = 1;
            }
            if (!cut && !punct) {
                k = find_bit(badm, k + 1, j, 1);
                continue;
            }
        }
        if (k > a) {
            if (quote) {
                int space_after = cut || punct || (j == st->n || s[j] == ' ');
                size_t m = apostrophe_word(s + a, k - a, space_after, d + nt);
                if (!m)
                    return NOT_THIS;
                nt += m;
            } else {
                if (piece_contraction(st, a, k, nonascii))
                    return NOT_THIS;
                d[nt++] = (wn_ustr){s + a, k - a};
            }
        }
        if (k >= j)
            return nt;
        if (punct) {
            d[nt++] = (wn_ustr){punct, 1};
            return nt;
        }
        if (s[k] == '"') {
            int open = k == 0 || (k == 1 && s[0] == '"') || dq_opener(s[k - 1]);
            d[nt++] = (wn_ustr){open ? TOK_OPEN_DQ : TOK_CLOSE_DQ, 2};
        } else if (s[k] == '-') {
            for (size_t r = 0; r < cut; r += 2)
                d[nt++] = (wn_ustr){TOK_DDASH, 2};
        } else {
            d[nt++] = (wn_ustr){s + k, cut};
        }
        a = k + cut;
        nonascii = quote = 0;
        k = find_bit(badm, a, j, 1);
    }
}

/* A run s[i..j) without ASCII whitespace: a chunk, unless it has other
 * whitespace. The common shapes are decided from the bitmaps: no bad bit
 * (one token), or the only bad bit on a last ',' or ':', or on the
 * sentence's final period (two tokens, or one when the chunk is that
 * character alone). */
static inline int scan_run(tbs *st, size_t i, size_t j)
{
    tbx *x = st->x;
    const uint32_t *s = st->s;
    uint64_t bad, dbl;
    size_t w = i >> 6;
    if (w == (j - 1) >> 6) {
        uint64_t mk = (~0ull >> (64 - (j - i))) << (i & 63);
        bad = x->bad[w] & mk;
        dbl = x->dbl[w] & mk;
    } else {
        bad = any_bit(x->bad, i, j);
        dbl = any_bit(x->dbl, i, j);
    }
    size_t m, body = j - i;
    if (bad) {
        uint32_t c = s[j - 1];
        size_t last = j - 1;
        int only_last = w == last >> 6 ? bad == 1ull << (last & 63)
                                       : (x->bad[last >> 6] >> (last & 63) & 1) &&
                                             (i == last || !any_bit(x->bad, i, last));
        if (!only_last ||
            !(c == ',' || c == ':' || (c == '.' && j == st->end && last == st->z))) {
            m = bit_chunk(st, i, j, st->d + st->nt);
            if (m == NOT_THIS)
                return slow_run(st, i, j);
            if (m && !st->reducing) { /* as below */
                st->nt += m;
                st->prev_end = j;
                return 0;
            }
            return chunk_done(st, i, j, m);
        }
        body--;
    }
    if (dbl && piece_contraction(st, i, i + body, 0))
        return slow_run(st, i, j); /* "cannot" and the like */
    wn_ustr *d = st->d + st->nt;
    m = 0;
    if (body)
        d[m++] = (wn_ustr){s + i, body};
    if (bad)
        d[m++] = (wn_ustr){punct_token(s[j - 1]), 1};
    if (m && !st->reducing) { /* the usual case: chunk_done's first */
        st->nt += m;
        st->prev_end = j;
        return 0;
    }
    return chunk_done(st, i, j, m);
}

/* The runs between ASCII whitespace, one 64-bit word of the bitmaps at a
 * time, for words 0 to n >> 6 (when n is a multiple of 64, the last is a
 * word of whitespace after the bitmaps, where the last run ends): their
 * starts, their ends (the whitespace after each) and the ends of the runs
 * holding a bad or dbl bit, which are the runs scan_run must look at (all
 * others are one token). Those are found for all of a word's runs at once:
 * adding the bits to the mask of non-whitespace characters carries out of
 * each run that holds one into the whitespace after it, and a carry that
 * leaves the word enters the next. */
typedef struct runs {
    uint64_t starts, ends, hit;
    uint64_t carry, top; /* carry: into this word; top: the last word's bit 63 */
} runs;

static inline void word_runs(const tbx *x, size_t n, size_t w, runs *r)
{
    uint64_t sw = ~0ull, look = 0;
    if (w < (n + 63) / 64) {
        sw = x->sp[w];
        look = x->bad[w] | x->dbl[w];
    }
    if (w == n >> 6)
        sw |= ~0ull << (n & 63);
    uint64_t in = ~sw, sum = in + (look & in), c = sum < in;
    sum += r->carry;
    r->carry = c | (sum < r->carry);
    uint64_t before = (in << 1) | r->top;
    r->starts = in & ~before;
    r->ends = ~in & before;
    r->hit = sum & r->ends;
    r->top = in >> 63;
}

/* What both scans start with: z, end, room for n more tokens in out and
 * the bitmaps. 0 when the sentence is all whitespace (no token), 1 when
 * ready, -1 when the arena is full. */
static int tb_begin(tbx *x, const uint32_t *s, size_t n, wn_ustr_vec *out, tbs *st)
{
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
    if (!end)
        return 0;
    /* A sentence of n characters has at most n tokens: every token but
     * the padded '"' (one character, two code points) covers characters of
     * its own. */
    if (tb_masks_alloc(x, n) || wn_ustr_vec_reserve(x->t.a, out, n))
        return -1;
    tb_masks(x, s, n, z);
    *st = (tbs){.x = x, .s = s, .n = n, .z = z, .end = end, .d = out->v + out->n};
    return 1;
}

static int tb_sentence(tbx *x, const uint32_t *s, size_t n, wn_ustr_vec *out)
{
    tbs st;
    int r = tb_begin(x, s, n, out, &st);
    if (r <= 0)
        return r;
    runs rw = {0};
    size_t open = 0; /* where a run that began in an earlier word began */
    /* the usual chunk's count and end in registers: st goes to scan_run
     * by address, so its fields would be stored and loaded again for
     * every token; they are handed over around each call */
    wn_ustr *d = st.d;
    size_t nt = st.nt, prev_end = st.prev_end;
    int reducing = 0;
    for (size_t w = 0; w <= n >> 6; w++) {
        int from_before = (int)rw.top;
        word_runs(x, n, w, &rw);
        size_t base = w << 6;
        while (rw.ends) {
            size_t e = (size_t)__builtin_ctzll(rw.ends), i = open;
            rw.ends &= rw.ends - 1;
            if (!from_before) {
                i = base + (size_t)__builtin_ctzll(rw.starts);
                rw.starts &= rw.starts - 1;
            }
            from_before = 0;
            if (((rw.hit >> e) & 1) | reducing) {
                st.nt = nt;
                st.prev_end = prev_end;
                if (scan_run(&st, i, base + e))
                    return -1;
                nt = st.nt;
                prev_end = st.prev_end;
                reducing = st.reducing;
            } else { /* the usual chunk */
                d[nt++] = (wn_ustr){s + i, base + e - i};
                prev_end = base + e;
            }
        }
        if (rw.starts)
            open = base + (size_t)__builtin_ctzll(rw.starts);
    }
    st.prev_end = prev_end;
    if (!st.reducing) {
        out->n += nt;
        return 0;
    }
    size_t rn = st.rn, ng = st.ng;
    memcpy(x->red + rn, s + st.prev_end, (n - st.prev_end) * sizeof *s);
    rn += n - st.prev_end;
    /* The direct tokens move up in the token list (within the n entries
     * tb_begin made room for) and the substitutions' tokens are merged in
     * below them. Each of those holds a character of the reduced sentence
     * other than a placeholder, so there are at most rn - ng of them, and
     * the merged tokens never overtake those not yet merged; and as each
     * placeholder stands for at least as many characters as tokens, rn -
     * ng + nt <= n. */
    size_t w = out->n, unread = out->n + rn - ng;
    memmove(out->v + unread, d, nt * sizeof *d);
    if (tb_run(&x->t, x->red, rn))
        return -1;
    const uint32_t *f = x->t.src;
    size_t m = x->t.n, group = 0;
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
            memmove(out->v + w, out->v + unread, gn * sizeof *out->v);
            w += gn;
            unread += gn;
        } else {
            const uint32_t *k = keep_token(x, f + i, j - i);
            if (!k)
                return -1;
            assert(w < unread);
            out->v[w++] = (wn_ustr){k, j - i};
        }
        i = j;
    }
    out->n = w;
    return 0;
}

/* How many tokens tb_sentence would give, without making most of them:
 * the number of runs (see word_runs), plus, for each run with a bad or dbl
 * bit, what scan_run makes of it less one. A sentence that needs the
 * substitutions is tokenized instead. scratch receives what scan_run
 * writes. */
static int tb_count(tbx *x, const uint32_t *s, size_t n, wn_ustr_vec *scratch, size_t *count)
{
    tbs st;
    int r = tb_begin(x, s, n, scratch, &st);
    *count = 0;
    if (r <= 0)
        return r;
    runs rw = {0};
    size_t nruns = 0, marked = 0, open = 0;
    for (size_t w = 0; w <= n >> 6; w++) {
        word_runs(x, n, w, &rw);
        nruns += (size_t)__builtin_popcountll(rw.starts);
        while (rw.hit) {
            unsigned e = (unsigned)__builtin_ctzll(rw.hit);
            rw.hit &= rw.hit - 1;
            /* the run ending at e began at the last start below it */
            uint64_t below = rw.starts & ((1ull << e) - 1);
            size_t i = below ? (w << 6) + 63 - (size_t)__builtin_clzll(below) : open;
            if (scan_run(&st, i, (w << 6) + e))
                return -1;
            if (st.reducing) {
                size_t before_n = scratch->n;
                if (tb_sentence(x, s, n, scratch))
                    return -1;
                *count = scratch->n - before_n;
                return 0;
            }
            marked++;
        }
        if (rw.starts)
            open = (w << 6) + 63 - (size_t)__builtin_clzll(rw.starts);
    }
    *count = nruns - marked + st.nt;
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

struct wn_tb_maps {
    const uint32_t *text;
    const uint64_t *sp, *bad, *dbl;
};

int wn_treebank_count_spans(wn_arena *a, const wn_tb_maps *maps, const wn_ustr *spans,
                            size_t nspans, size_t *count)
{
    /* one scan state for all of them: the bitmaps and scratch are made
     * once, at the longest sentence's size, instead of per sentence */
    tbx x = {.t = {.a = a}};
    if (maps) { /* each sentence's bitmaps are the text's, shifted */
        x.text = maps->text;
        x.tsp = maps->sp;
        x.tbad = maps->bad;
        x.tdbl = maps->dbl;
    }
    wn_ustr_vec scratch = {0};
    size_t total = 0;
    for (size_t k = 0; k < nspans; k++) {
        size_t m;
        scratch.n = 0;
        if (tb_count(&x, spans[k].s, spans[k].n, &scratch, &m))
            return -1;
        total += m;
    }
    *count = total;
    return 0;
}

/* A sentence's key in the memo: its length and its first and last four
 * code points, not all of them (comparing a whole sentence is many times
 * faster per character than hashing it, and every hit is confirmed by
 * comparison). Sentences that differ only inside share a key, so the memo
 * keeps at most MEMO_SAME_KEY of each key: a sentence it does not find is
 * counted again, which gives the same count. */
#define MEMO_SAME_KEY 4
static uint64_t sent_hash(const wn_ustr *s)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ s->n;
    if (s->n >= 4) {
        uint64_t w[4];
        memcpy(w, s->s, 2 * sizeof *w);
        memcpy(w + 2, s->s + s->n - 4, 2 * sizeof *w);
        h = (h ^ w[0]) * 0xff51afd7ed558ccdull;
        h = (h ^ (h >> 32) ^ w[1]) * 0xc4ceb9fe1a85ec53ull;
        h = (h ^ (h >> 29) ^ w[2]) * 0xff51afd7ed558ccdull;
        h = (h ^ (h >> 32) ^ w[3]) * 0xc4ceb9fe1a85ec53ull;
    } else {
        for (size_t k = 0; k < s->n; k++)
            h = (h ^ s->s[k]) * 0xff51afd7ed558ccdull;
    }
    return h ^ (h >> 31);
}

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
    size_t p = m->hash[k] & m->mask, same = 0;
    for (; m->slot[p]; p = (p + 1) & m->mask)
        if (m->hash[m->slot[p] - 1] == m->hash[k] && ++same == MEMO_SAME_KEY)
            return;
    m->slot[p] = (uint32_t)(k + 1);
}

int wn_word_tokenize_memo(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                          wn_ustr_vec *out, wn_sent_memo *memo)
{
    return wn_word_tokenize_bytes(a, pm, text, n, out, memo, NULL);
}

/* wn_ustr_vec_reserve(a, out, extra), rounded up as it is (the slack
 * takes in texts of shorter tokens), but to no more than most entries
 * beyond out->n. */
static void reserve_hint(wn_arena *a, wn_ustr_vec *out, size_t extra, size_t most)
{
    if (out->cap - out->n >= extra)
        return;
    size_t nc = out->cap ? out->cap * 2 : 64;
    while (nc - out->n < extra)
        nc *= 2;
    nc = nc - out->n > most ? out->n + most : nc;
    wn_ustr *v = wn_arena_realloc(a, out->v, out->cap * sizeof *v, nc * sizeof *v);
    if (v) {
        out->v = v;
        out->cap = nc;
    }
}

int wn_word_tokenize_bytes(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text, size_t n,
                           wn_ustr_vec *out, wn_sent_memo *memo, unsigned char *bytes)
{
    /* the text is classified once, before punkt, which walks its enders */
    wn_ustr_vec sents = {0};
    tbx x = {.t = {.a = a}, .text = text};
    if (text_masks(&x, text, n, bytes))
        return -1;
    wn_text_marks mk = {.enders = x.enders, .space = x.tsp, .high = x.high, .stop = x.stop};
    x.enders = x.high = x.after = x.stop = NULL;
    if (wn_sent_tokenize_marks(a, pm, text, n, &mk, &sents))
        return -1;
    uint32_t *count = NULL;
    if (memo) {
        count = wn_arena_alloc(a, (sents.n + 1) * sizeof *count);
        if (!count)
            return -1;
    }
    /* Room for the tokens at once: each sentence reserves its length
     * (its most tokens), so a list grown as it goes is copied several
     * times over. A token has more than 5 characters on average in web
     * text, so a third of the text plus the longest sentence is rarely
     * outgrown (when it is, the list grows as before). Room for n tokens
     * is never outgrown: a text has at most n, and before each sentence
     * at most as many as the characters before it. Only a hint: when
     * the arena has no room for it, each sentence still reserves what it
     * needs, as before. */
    size_t longest = 0;
    for (size_t k = 0; k < sents.n; k++)
        longest = sents.v[k].n > longest ? sents.v[k].n : longest;
    reserve_hint(a, out, n / 3 + longest < n ? n / 3 + longest : n, n);
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

int wn_treebank_tokenize_spans(wn_arena *a, const uint32_t *text, size_t n, const wn_ustr *spans,
                               size_t nspans, wn_ustr_vec *out)
{
    tbx x = {.t = {.a = a}, .text = text};
    if (text_masks(&x, text, n, NULL))
        return -1;
    x.enders = x.high = x.after = x.stop = NULL;
    for (size_t k = 0; k < nspans; k++)
        if (tb_sentence(&x, spans[k].s, spans[k].n, out))
            return -1;
    return 0;
}

int wn_sent_tokenize_classified(wn_arena *a, const wn_punkt_model *pm, const uint32_t *text,
                                size_t n, wn_ustr_vec *out, const wn_tb_maps **maps)
{
    tbx x = {.t = {.a = a}, .text = text};
    if (text_masks(&x, text, n, NULL))
        return -1;
    wn_text_marks mk = {.enders = x.enders, .space = x.tsp, .high = x.high, .stop = x.stop};
    if (wn_sent_tokenize_marks(a, pm, text, n, &mk, out))
        return -1;
    if (maps) {
        wn_tb_maps *m = wn_arena_alloc(a, sizeof *m);
        if (!m)
            return -1;
        *m = (wn_tb_maps){.text = text, .sp = x.tsp, .bad = x.tbad, .dbl = x.tdbl};
        *maps = m;
    }
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
    /* the text-wide pass costs more than classifying only the sentences
     * not in the memo (about 40% of the characters), but punkt gains
     * more from its marks */
    wn_ustr_vec sents = {0};
    tbx x = {.t = {.a = a}, .text = text};
    if (text_masks(&x, text, n, NULL))
        return -1;
    wn_text_marks mk = {.enders = x.enders, .space = x.tsp, .high = x.high, .stop = x.stop};
    x.enders = x.high = x.after = x.stop = NULL;
    if (wn_sent_tokenize_marks(a, pm, text, n, &mk, &sents))
        return -1;
    int use = memo && memo->n;
    if (use && !memo->slot && memo_index(a, memo))
        return -1;
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
            size_t m;
            scratch.n = 0;
            if (tb_count(&x, sents.v[k].s, sents.v[k].n, &scratch, &m))
                return -1;
            c = (long)m;
        }
        total += (size_t)c;
    }
    *count = total;
    return 0;
}
