/*
 * test_filter_r13_gopher.c - round 13's shortcuts in gopher.c against plain
 * definitions. This file includes gopher.c to reach its static helpers.
 *
 * gopher_repetition splits and hashes its lines from the tokenizer's
 * narrowed bytes (line_hash_bytes: 32 bytes a step, the '\n' found in the
 * same bytes; a line with a byte 255 hashed from its code points instead),
 * at three levels (plain C, SSE2, AVX2). Checked here:
 *
 * - every level gives the plain level's stop and hash for every line of
 *   random texts (runs of '\n', lines of 0 to 100 characters around the
 *   32-byte steps, code points 0, U+00FE, U+00FF, U+0100 and beyond), and
 *   split_lines gives re.split(r"\n+") of the text and its raw paragraphs
 *   re.split(r"\n{2,}") (each hashed as cut_para_hash hashes it), for the
 *   text cut at every length;
 * - a line's hash depends on its characters alone: the same line in other
 *   surroundings (other text before, a '\n', the end of the text or, as
 *   for the paragraphs' cut segments, an end given before other
 *   characters), hashes alike; equal lines in a text hash alike;
 * - the filter's line and paragraph values (n_lines, line_dup_count,
 *   line_dup_chars, n_paragraphs, para_dup_count, para_dup_chars) against
 *   re.split and find_duplicates done the plain way, with the bytes the
 *   tokenizer really leaves, at every tokenizer and line hash level.
 *
 * gopher_quality screens its text for '#', dots, line breaks and U+2026
 * from the narrowed bytes, 32 a step (the 255s looked up exactly in the
 * code points): its counts against str.count and str.splitlines() done
 * the plain way, at every tokenizer level (each leaves the bytes).
 *
 * The id pass folds tokens longer than eight characters eight at a time
 * (fold_long): its bytes against fold() of each code point, for every
 * length to 70 and code points that fold to every byte, and its hash the
 * same for the same folded bytes wherever they come from (code points that
 * fold alike included), different when one byte differs.
 */
#include "../lib/filter/gopher.c"

#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

static unsigned long long g_rng = 0x9e3779b97f4a7c15ull;
static wn_arena *g_a;

static uint32_t rnd32(void)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g_rng >> 32);
}

static unsigned rnd(unsigned n) { return rnd32() % n; }

static int max_level(void)
{
#ifdef WN_GR_AVX2
    if (__builtin_cpu_supports("avx2"))
        return 2;
#endif
#ifdef __SSE2__
    return 1;
#else
    return 0;
#endif
}

/* One character of a line: mostly ASCII, sometimes one that narrows to
 * 0, 254 or 255 (U+00FF itself and the wide ones narrowed alike) */
static uint32_t rnd_char(int wide)
{
    static const uint32_t pick[] = {'a', 'b', 'c', ' ', '\t', '\r', 0, 0xfe, 0xe9,
                                    0xff, 0x100, 0x1ff, 0x4e2d, 0x10ffff, 0x20a};
    return pick[rnd(wide ? sizeof pick / sizeof pick[0] : 9)];
}

/* A random text of n code points: lines of 0 to 100 (lengths near 32 and
 * 64 often), half of them drawn from four made for the text (so that lines
 * repeat), each changed in one character now and then (to one the
 * narrowing may make alike), separated by runs of 1 to 3 '\n', or of 14 to
 * 49 (past a 16-byte mask) */
static void rnd_text(uint32_t *s, size_t n)
{
    enum { POOL = 4, MAXL = 100 };
    uint32_t pool[POOL][MAXL];
    size_t plen[POOL];
    int wide = rnd(3) == 0;
    for (int q = 0; q < POOL; q++) {
        plen[q] = rnd(4) == 0 ? 30 + rnd(5) : rnd(4) == 0 ? 62 + rnd(5) : rnd(MAXL + 1);
        for (size_t k = 0; k < plen[q]; k++)
            pool[q][k] = rnd_char(wide);
    }
    size_t i = 0;
    while (i < n) {
        if (rnd(2)) {
            int q = (int)rnd(POOL);
            size_t start = i;
            for (size_t k = 0; k < plen[q] && i < n; k++)
                s[i++] = pool[q][k];
            if (i > start && rnd(8) == 0) {
                size_t at = start + rnd((unsigned)(i - start));
                s[at] = s[at] == 0x100 ? 0x4e2d : s[at] >= 255 ? 0x100 : s[at] ^ 1;
            }
        } else {
            size_t len = rnd(4) == 0 ? 30 + rnd(5) : rnd(4) == 0 ? 62 + rnd(5) : rnd(MAXL + 1);
            for (size_t k = 0; k < len && i < n; k++)
                s[i++] = rnd_char(wide);
        }
        for (size_t k = rnd(10) == 0 ? 14 + rnd(36) : 1 + rnd(3); k && i < n; k--)
            s[i++] = '\n';
    }
}

/* The narrowed bytes as wn_ftext.bytes holds them: min(c, 255), then 64
 * zeros. */
static unsigned char *narrow(const uint32_t *s, size_t n)
{
    unsigned char *b = wn_arena_alloc(g_a, n + 64);
    for (size_t i = 0; i < n; i++)
        b[i] = s[i] < 255 ? (unsigned char)s[i] : 255;
    memset(b + n, 0, 64);
    return b;
}

static int same_chars(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return na == nb && !memcmp(a, b, na * sizeof *a);
}

TEST(line_hash_bytes_levels_against_plain)
{
    enum { N = 400 };
    uint32_t s[N];
    long texts = 0, lines = 0, paras = 0, bad = 0, collide = 0, equal_pairs = 0, wide_lines = 0;
    int top = max_level();
    for (int iter = 0; iter < 10000 && bad < 10; iter++) {
        wn_arena_reset(g_a);
        size_t n = rnd(N + 1);
        rnd_text(s, n);
        /* the text cut at every length for some, at its own for the rest */
        size_t from = iter % 50 == 0 ? 0 : n;
        for (size_t cut = from; cut <= n && bad < 10; cut++) {
            unsigned char *b = narrow(s, cut);
            texts++;
            /* re.split(r"\n+", s[:cut]) the plain way */
            size_t nl = 0, *la = wn_arena_alloc(g_a, (cut + 2) * sizeof *la),
                   *lb = wn_arena_alloc(g_a, (cut + 2) * sizeof *lb);
            for (size_t i = 0;;) {
                size_t j = i;
                while (j < cut && s[j] != '\n')
                    j++;
                la[nl] = i, lb[nl++] = j;
                if (j == cut)
                    break;
                while (j < cut && s[j] == '\n')
                    j++;
                i = j;
            }
            /* re.split(r"\n{2,}", s[:cut]): the raw paragraphs, by line */
            size_t np = 0, *pa = wn_arena_alloc(g_a, (cut + 2) * sizeof *pa),
                   *pb = wn_arena_alloc(g_a, (cut + 2) * sizeof *pb),
                   *pf = wn_arena_alloc(g_a, (cut + 2) * sizeof *pf);
            for (size_t k = 0; k < nl; k++)
                if (k == 0 || la[k] - lb[k - 1] >= 2)
                    pa[np] = la[k], pf[np] = k, pb[np++] = lb[k];
                else
                    pb[np - 1] = lb[k];
            uint64_t *ref = NULL, *pref = NULL;
            for (int level = 0; level <= top; level++) {
                text_lines tl;
                CHECK(split_lines(g_a, b, s, cut, line_hash_bytes_pick(level), &tl) == 0);
                if (tl.nl != nl || tl.np != np) {
                    if (bad++ < 10)
                        fprintf(stderr, "  level %d, %zu characters: %zu lines and %zu paragraphs, "
                                "want %zu and %zu\n", level, cut, tl.nl, tl.np, nl, np);
                    continue;
                }
                for (size_t k = 0; k < nl; k++)
                    if ((tl.line[k].s != s + la[k] || tl.line[k].n != lb[k] - la[k]) && bad++ < 10)
                        fprintf(stderr, "  level %d: line %zu is [%zu, %zu), want [%zu, %zu)\n",
                                level, k, (size_t)(tl.line[k].s - s),
                                (size_t)(tl.line[k].s - s) + tl.line[k].n, la[k], lb[k]);
                for (size_t k = 0; k < np; k++) {
                    if ((tl.pa[k] != pa[k] || tl.pb[k] != pb[k] || tl.pl[k] != pf[k]) &&
                        bad++ < 10)
                        fprintf(stderr, "  level %d: paragraph %zu is [%zu, %zu) from line %u, "
                                "want [%zu, %zu) from %zu\n", level, k, tl.pa[k], tl.pb[k],
                                tl.pl[k], pa[k], pb[k], pf[k]);
                    /* its hash: its lines' in order, as a cut paragraph's is made
                     * (but for one with an empty line, at the start or the
                     * end of the text: strip() always cuts those) */
                    int empty = 0;
                    for (size_t q = pf[k]; q < (k + 1 < np ? pf[k + 1] : nl); q++)
                        empty |= la[q] == lb[q];
                    if (empty)
                        continue;
                    uint64_t want = cut_para_hash(&tl, b, s, line_hash_bytes_pick(level), pf[k],
                                                  pa[k], pb[k]);
                    if (tl.ph[k] != want && bad++ < 10)
                        fprintf(stderr, "  level %d: paragraph %zu hashed otherwise than cut\n",
                                level, k);
                }
                if (!ref) {
                    ref = tl.lh;
                    pref = tl.ph;
                    continue;
                }
                for (size_t k = 0; k < nl; k++)
                    if (tl.lh[k] != ref[k] && bad++ < 10)
                        fprintf(stderr, "  level %d: line %zu hashed otherwise than plain\n", level,
                                k);
                for (size_t k = 0; k < np; k++)
                    if (tl.ph[k] != pref[k] && bad++ < 10)
                        fprintf(stderr, "  level %d: paragraph %zu hashed otherwise than plain\n",
                                level, k);
            }
            paras += (long)np;
            if (cut != n)
                continue;
            lines += (long)nl;
            for (size_t x = 0; x < nl; x++) {
                int w = 0;
                for (size_t q = la[x]; q < lb[x]; q++)
                    w |= s[q] >= 255;
                wide_lines += w;
                for (size_t y = x + 1; y < nl; y++) {
                    int eq = same_chars(s + la[x], lb[x] - la[x], s + la[y], lb[y] - la[y]);
                    equal_pairs += eq;
                    if (eq && ref[x] != ref[y] && bad++ < 10)
                        fprintf(stderr, "  equal lines %zu and %zu hashed apart\n", x, y);
                    collide += !eq && ref[x] == ref[y];
                }
            }
        }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(collide == 0);
    CHECK(equal_pairs > 1000 && wide_lines > 1000);
    printf("  %ld texts (%ld lines, %ld with a code point >= 255, %ld equal pairs; %ld raw "
           "paragraphs) split and hashed alike at levels 0..%d; %ld unequal pairs hashed alike\n",
           texts, lines, wide_lines, equal_pairs, paras, top, collide);
}

TEST(line_hash_bytes_depends_on_the_line_alone)
{
    enum { MAXL = 100, ROOM = 3 * MAXL };
    uint32_t line[MAXL], buf[ROOM];
    long bad = 0, tried = 0;
    int top = max_level();
    for (int iter = 0; iter < 20000 && bad < 10; iter++) {
        wn_arena_reset(g_a);
        size_t n = (size_t)iter % (MAXL + 1);
        int wide = rnd(2);
        for (size_t k = 0; k < n; k++)
            line[k] = rnd_char(wide);
        if (n && rnd(4) == 0)
            line[rnd((unsigned)n)] = 0xff;
        for (int level = 0; level <= top; level++) {
            line_hash_fn f = line_hash_bytes_pick(level);
            uint64_t first = 0;
            for (int place = 0; place < 4; place++) {
                size_t pre = rnd(40), o = 0, end;
                for (; o < pre; o++)
                    buf[o] = rnd(5) == 0 ? '\n' : rnd_char(1);
                memcpy(buf + o, line, n * sizeof *line);
                o += n;
                switch (place) {
                case 0: end = o; break; /* the end of the text */
                case 1: /* a '\n', then more */
                    buf[o++] = '\n';
                    for (size_t k = rnd(40); k; k--)
                        buf[o++] = rnd_char(1);
                    end = o;
                    break;
                default: /* an end given before other characters (a cut segment) */
                    end = o;
                    for (size_t k = 1 + rnd(40); k; k--)
                        buf[o++] = rnd(3) ? rnd_char(1) : '\n';
                    break;
                }
                unsigned char *b = narrow(buf, o);
                size_t stop;
                uint64_t h = f(b, buf, pre, end, &stop);
                tried++;
                if (stop != pre + n && bad++ < 10)
                    fprintf(stderr, "  level %d, line of %zu: stop %zu, want %zu\n", level, n,
                            stop, pre + n);
                if (place == 0)
                    first = h;
                else if (h != first && bad++ < 10)
                    fprintf(stderr, "  level %d, line of %zu, place %d: another hash\n", level, n,
                            place);
            }
        }
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld lines hashed alike wherever they stand\n", tried);
}

TEST(fold_long_against_plain)
{
    enum { MAXN = 70 };
    uint32_t a[MAXN + 8], b[MAXN + 8];
    uint8_t oa[MAXN + 16], ob[MAXN + 16], want[MAXN];
    long bad = 0, tried = 0, same = 0;
    for (int iter = 0; iter < 40000 && bad < 10; iter++) {
        size_t n = 1 + (size_t)iter % MAXN;
        for (size_t k = 0; k < n; k++) {
            unsigned r = rnd(4);
            a[k] = r == 0 ? rnd(256) : r == 1 ? rnd(0x110000) : 'a' + rnd(26);
            want[k] = fold(a[k]);
            /* another code point that folds to the same byte */
            b[k] = rnd(2) ? a[k] : (a[k] & 0xff0000) ^ (((a[k] >> 8) ^ 0x5a) & 0xff) << 8 ^
                                       ((a[k] & 0xff) ^ 0x5a);
        }
        memset(oa, 0xEE, sizeof oa);
        memset(ob, 0x11, sizeof ob);
        uint64_t ha = fold_long(a, n, oa), hb = fold_long(b, n, ob);
        tried++;
        if (memcmp(oa, want, n) && bad++ < 10)
            fprintf(stderr, "  %zu code points: other folded bytes\n", n);
        if ((memcmp(ob, want, n) || ha != hb) && bad++ < 10)
            fprintf(stderr, "  %zu code points folding alike: other bytes or hash\n", n);
        size_t at = rnd((unsigned)n);
        b[at] = a[at] ^ 1; /* one folded byte changed */
        same += fold_long(b, n, ob) == ha;
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(same < 3);
    printf("  %ld runs folded as fold() does, hashed by their folded bytes alone (%ld changed "
           "ones hashed alike)\n", tried, same);
}

/* text.count("#"), text.count("...") + text.count("\u2026"), and over
 * text.splitlines(): the lines, those whose lstrip() starts with '-' or
 * U+2022, those whose rstrip() ends with "..." or U+2026 */
static void plain_quality_scan(const uint32_t *s, size_t n, long long out[5])
{
    memset(out, 0, 5 * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        out[0] += s[i] == '#';
        out[1] += s[i] == 0x2026;
        if (i + 3 <= n && s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.') {
            out[1]++;
            i += 2;
        }
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !(s[j] == '\n' || s[j] == '\r' || s[j] == 0x0b || s[j] == 0x0c ||
                          (s[j] >= 0x1c && s[j] <= 0x1e) || s[j] == 0x85 || s[j] == 0x2028 ||
                          s[j] == 0x2029))
            j++;
        out[2]++;
        size_t a = i, b = j;
        while (a < b && wn_isspace(s[a]))
            a++;
        while (b > a && wn_isspace(s[b - 1]))
            b--;
        out[3] += a < b && (s[a] == '-' || s[a] == 0x2022);
        out[4] += a < b && (s[b - 1] == 0x2026 ||
                            (b - a >= 3 && s[b - 1] == '.' && s[b - 2] == '.' && s[b - 3] == '.'));
        i = j + (j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') + 1;
    }
}

static long long value(const wn_fres *r, const char *name);

TEST(gopher_quality_scan_against_plain)
{
    static const uint32_t pick[] = {'a', 'b', ' ', ' ', '.', '.', '#', '-', '\t', '\n', '\r',
                                    0x0b, 0x0c, 0x1c, 0x1f, 0x01, 0, 0x7f, 0x85, 0x86, 0xe9,
                                    0xfe, 0xff, 0x100, 0x2022, 0x2025, 0x2026, 0x2027, 0x2028,
                                    0x2029, 0x202a, 0x3000, 0x4e2d, 0x12026};
    static const char *const names[5] = {"hash_count", "ellipsis_count", "n_lines",
                                         "bullet_lines", "end_ellipsis_lines"};
    wn_gq_cfg qc;
    wn_gq_defaults(&qc);
    int tb_top = wn_treebank_simd(-1);
    long bad = 0, docs = 0;
    for (int iter = 0; iter < 6000 && bad < 10; iter++) {
        size_t n = rnd(iter % 10 == 0 ? 700 : 100);
        /* mostly ASCII words, or mostly marks, or beyond Latin-1 */
        unsigned kind = rnd(3);
        for (int tb = 0; tb <= tb_top; tb++) {
            wn_treebank_simd(tb);
            wn_arena_reset(g_a);
            uint32_t *u = wn_arena_alloc(g_a, (n + 1) * sizeof *u);
            unsigned long long keep = g_rng;
            for (size_t k = 0; k < n; k++) {
                unsigned r = rnd(10);
                u[k] = kind == 0 && r < 7 ? 'a' + rnd(26)
                       : kind == 2 && r < 5 ? 0x4e00 + rnd(200)
                                            : pick[rnd(sizeof pick / sizeof pick[0])];
            }
            if (tb < tb_top)
                g_rng = keep; /* the same text at every level */
            u[n] = 0;
            wn_ftext t = {.a = g_a, .s = u, .n = n};
            wn_fres r = {0};
            CHECK(wn_filter_gopher_quality(&qc, &t, &r) == 0);
            long long want[5];
            plain_quality_scan(u, n, want);
            for (int k = 0; k < 5; k++)
                if (value(&r, names[k]) != want[k] && bad++ < 10)
                    fprintf(stderr, "  tokenizer %d, %zu characters: %s = %lld, want %lld\n", tb,
                            n, names[k], value(&r, names[k]), want[k]);
            docs++;
        }
        wn_treebank_simd(-1);
    }
    CHECK_EQ_INT(bad, 0);
    printf("  %ld texts' '#', ellipses, lines, bullets and end ellipses as str.count and "
           "splitlines give them\n", docs);
}

static long long value(const wn_fres *r, const char *name)
{
    for (size_t k = 0; k < r->nv; k++)
        if (!strcmp(r->v[k].name, name))
            return r->v[k].i;
    return -12345;
}

/* datatrove's find_duplicates over pieces [a[k], b[k]) of s, the plain way */
static void plain_dups(const uint32_t *s, const size_t *a, const size_t *b, size_t n,
                       long long *elems, long long *chars)
{
    *elems = *chars = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < k; j++)
            if (same_chars(s + a[j], b[j] - a[j], s + a[k], b[k] - a[k])) {
                (*elems)++;
                *chars += (long long)(b[k] - a[k]);
                break;
            }
}

TEST(gopher_repetition_lines_and_paragraphs_against_plain)
{
    static const char *const words[] = {"the", "cat", "sat", "on", "a", "mat.", "\u00e9t\u00e9",
                                        "\u00ff", "\u4e2d\u6587", "x\u0100y", "x\u4e2dy", "1,5", "(ok)",
                                        "a-very-long-word-that-crosses-a-block", "\"q\"", "'s"};
    static const char *const seps[] = {" ", " ", " ", "\n", "\n\n", "\n\n\n", " \n", "\n \n",
                                       "\t", "  ", "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n",
                                       "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"};
    static const char *const ends[] = {"", " ", "\n", "\n\n", " \n\n ", "\t\n", "\u3000"};
    wn_gr_cfg rc;
    wn_gr_defaults(&rc);
    int tb_top = wn_treebank_simd(-1), top = max_level();
    long docs = 0, bad = 0, dup_lines = 0, dup_paras = 0;
    char text[8192];
    for (int iter = 0; iter < 2500 && bad < 10; iter++) {
        /* a few distinct lines, repeated, so that lines and paragraphs repeat */
        size_t o = (size_t)snprintf(text, sizeof text, "%s", ends[rnd(7)]);
        size_t want = rnd(iter % 10 == 0 ? 300 : 40);
        unsigned nw = 1 + rnd(sizeof words / sizeof words[0]);
        for (size_t k = 0; k < want && o + 64 < sizeof text; k++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", words[rnd(nw)],
                                  seps[rnd(iter % 3 == 0 ? 4 : iter & 1 ? 6 : sizeof seps / sizeof seps[0])]);
        o += (size_t)snprintf(text + o, sizeof text - o, "%s", ends[rnd(7)]);
        for (int tb = 0; tb <= tb_top; tb++) {
            wn_treebank_simd(tb);
            for (int level = 0; level <= top; level++) {
                wn_arena_reset(g_a);
                size_t n;
                uint32_t *u = wn_utf8_to_u32(g_a, text, o, &n);
                /* re.split(r"\n+", text) */
                size_t *la = wn_arena_alloc(g_a, (n + 2) * sizeof *la);
                size_t *lb = wn_arena_alloc(g_a, (n + 2) * sizeof *lb);
                size_t *pa = wn_arena_alloc(g_a, (n + 2) * sizeof *pa);
                size_t *pb = wn_arena_alloc(g_a, (n + 2) * sizeof *pb);
                size_t nl = 0, np = 0;
                for (size_t i = 0;;) {
                    size_t j = i;
                    while (j < n && u[j] != '\n')
                        j++;
                    la[nl] = i, lb[nl++] = j;
                    if (j == n)
                        break;
                    while (j < n && u[j] == '\n')
                        j++;
                    i = j;
                }
                /* re.split(r"\n{2,}", text.strip()) */
                size_t sa = 0, sb = n;
                while (sa < sb && wn_isspace(u[sa]))
                    sa++;
                while (sb > sa && wn_isspace(u[sb - 1]))
                    sb--;
                for (size_t i = sa, p = sa;;) {
                    while (i < sb && !(u[i] == '\n' && i + 1 < sb && u[i + 1] == '\n'))
                        i++;
                    pa[np] = p, pb[np++] = i;
                    if (i == sb)
                        break;
                    while (i < sb && u[i] == '\n')
                        i++;
                    p = i;
                }
                long long ld, lc, pd, pc;
                plain_dups(u, la, lb, nl, &ld, &lc);
                plain_dups(u, pa, pb, np, &pd, &pc);
                line_hash_level = level;
                wn_ftext t = {.a = g_a, .s = u, .n = n};
                wn_fres r = {0};
                CHECK(wn_filter_gopher_repetition(&rc, &t, &r) == 0);
                line_hash_level = -1;
                docs++;
                dup_lines += ld;
                dup_paras += pd;
                int same = value(&r, "n_lines") == (long long)nl &&
                           value(&r, "line_dup_count") == ld && value(&r, "line_dup_chars") == lc &&
                           value(&r, "n_paragraphs") == (long long)np &&
                           value(&r, "para_dup_count") == pd && value(&r, "para_dup_chars") == pc;
                if (!same && bad++ < 10)
                    fprintf(stderr,
                            "  tokenizer %d, lines %d, text \"%.60s\"...: lines %lld %lld %lld "
                            "(want %zu %lld %lld), paragraphs %lld %lld %lld (want %zu %lld "
                            "%lld)\n",
                            tb, level, text, value(&r, "n_lines"), value(&r, "line_dup_count"),
                            value(&r, "line_dup_chars"), nl, ld, lc, value(&r, "n_paragraphs"),
                            value(&r, "para_dup_count"), value(&r, "para_dup_chars"), np, pd, pc);
            }
        }
        wn_treebank_simd(-1);
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(dup_lines > 10000 && dup_paras > 1000);
    printf("  %ld documents' lines and paragraphs as re.split and find_duplicates give them "
           "(%ld repeated lines, %ld repeated paragraphs)\n",
           docs, dup_lines, dup_paras);
}

int main(void)
{
    g_a = wn_arena_create((size_t)64 << 20);
    if (!g_a)
        return 1;
    RUN(line_hash_bytes_levels_against_plain);
    RUN(line_hash_bytes_depends_on_the_line_alone);
    RUN(gopher_repetition_lines_and_paragraphs_against_plain);
    RUN(fold_long_against_plain);
    RUN(gopher_quality_scan_against_plain);
    wn_arena_free(g_a);
    return harness_done();
}
