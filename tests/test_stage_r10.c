/*
 * test_stage_r10.c - the filter stage's own shortcuts against plain
 * versions of what they replace.
 *
 * The helpers are static in filter.c, so this file includes it to call
 * them directly (its public symbol, wn_stage_filter, then comes from here,
 * and the linker leaves out the library's copy).
 *
 * cut_offsets (the starts of code points counted over the text's bytes,
 * sixteen at a time, with the decoder's steps when the count shows an
 * invalid continuation byte) against the offset table wn_utf8_offsets
 * makes: random texts of ASCII, 2- to 4-byte characters, literal U+FFFD and
 * every kind of invalid byte (lone continuation bytes, C0/C1, F5-FF,
 * sequences cut short), random cuts in order (empty ones, adjacent ones, at
 * both ends), cuts out of order, and a wrong code point count (for texts
 * without invalid continuation bytes: the code points must be the text's).
 *
 * put_result (written into a buffer of result_bound bytes, value names
 * from a per-thread cache) against a frozen copy of the old writer (a heap
 * buffer grown as needed, every name through the escaper): random results
 * with names that need escapes, names too long for the cache, a name whose
 * text changes at the same address, integers at both ends of long long,
 * doubles of every exponent, NaN-free values of every kind, strings with
 * invalid bytes.
 *
 * wn_utf8_to_u32_into (core's decoder, which the stage now calls) at each
 * SIMD level against the filters' wn_utf8_to_u32: the same random texts
 * (every kind of invalid byte, sequences cut short at the text's end,
 * runs of non-ASCII, blocks of ASCII) cut at every length up to 80 and at
 * random lengths up to 700, and every 2- and 3-byte form's neighbours.
 *
 * wn_buf_put_u64 (two digits a step) against printf's %llu.
 *
 * wn_doc_apply with edits in order (no sort made) and shuffled (sorted)
 * against a plain application of the sorted edits.
 */
#include "../lib/filter/filter.c"

#include <float.h>
#include <limits.h>
#include <stdio.h>

#include "core/doc.h"
#include "core/json.h"
#include "harness.h"

static unsigned long long g_rng = 0x243f6a8885a308d3ull;

static uint32_t rnd32(void)
{
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g_rng >> 32);
}

static uint64_t rnd64(void) { return (uint64_t)rnd32() << 32 | rnd32(); }

/* A text of up to cap bytes: mostly ASCII or mostly not, with invalid bytes
 * when bad is set. */
static size_t random_text(unsigned char *t, size_t cap, int bad)
{
    size_t n = rnd32() % (cap - 8), i = 0;
    int mix = (int)(rnd32() % 4); /* 0: ASCII only, 3: mostly multi-byte */
    while (i < n) {
        uint32_t r = rnd32() % 100;
        if (mix == 0 || r >= (unsigned)(mix * 15)) {
            t[i++] = rnd32() % 2 ? (unsigned char)('a' + rnd32() % 26) : (unsigned char)" \n.\t"[rnd32() % 4];
            continue;
        }
        uint32_t kind = rnd32() % (bad ? 9 : 5);
        char u[4];
        size_t k;
        switch (kind) {
        case 0: k = wn_utf8_encode(0x80 + rnd32() % 0x780, u); break;
        case 1: k = wn_utf8_encode(0x800 + rnd32() % 0xd000, u); break;
        case 2: k = wn_utf8_encode(0x10000 + rnd32() % 0x100000, u); break;
        case 3: k = wn_utf8_encode(0xfffd, u); break;
        case 4: k = wn_utf8_encode(0xe000 + rnd32() % 0x2000, u); break;
        case 5: u[0] = (char)(0x80 + rnd32() % 0x40), k = 1; break; /* lone continuation */
        case 6: u[0] = (char)"\xc0\xc1\xf5\xff"[rnd32() % 4], k = 1; break;
        case 7: /* a sequence cut short */
            k = wn_utf8_encode(0x800 + rnd32() % 0xd000, u) - 1 - rnd32() % 2;
            break;
        default: /* a lead byte and a wrong second byte */
            u[0] = (char)"\xe0\xed\xf0\xf4"[rnd32() % 4];
            u[1] = (char)(u[0] == (char)0xe0 || u[0] == (char)0xf0 ? 0x80 : 0xa0 + rnd32() % 0x20);
            k = 2;
            break;
        }
        if (k < 1)
            k = 1;
        if (i + k > n)
            break;
        memcpy(t + i, u, k);
        i += k;
    }
    return i;
}

TEST(cut_offsets_against_offset_table)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    int texts = getenv("R10_TEST_TEXTS") ? atoi(getenv("R10_TEST_TEXTS")) : 30000;
    int bad = 0, fallback = 0, lead_path = 0, ascii = 0;
    for (int iter = 0; iter < texts && a; iter++) {
        unsigned char text[700];
        size_t len = random_text(text, iter % 10 ? 120 : sizeof text, iter % 3 == 0);
        wn_arena_reset(a);
        size_t ncp, cnt;
        uint32_t *u = wn_utf8_to_u32(a, (const char *)text, len, &ncp);
        size_t *tab = wn_utf8_offsets(a, (const char *)text, len, &cnt);
        CHECK(u && tab && cnt == ncp);
        if (!u || !tab)
            break;
        /* the walk over starting bytes applies when every step holds one */
        size_t starts = 0;
        for (size_t i = 0; i < len; i++)
            starts += (text[i] & 0xc0) != 0x80;
        ascii += len == ncp;
        lead_path += len != ncp && starts == ncp;
        fallback += starts != ncp;
        wn_c4_cut cuts[12];
        size_t nc = rnd32() % 12, pos = 0;
        for (size_t k = 0; k < nc; k++) {
            size_t step = ncp - pos ? rnd32() % (ncp - pos + 1) : 0;
            cuts[k].a = pos + (rnd32() % 4 ? step / 2 : 0);
            cuts[k].b = cuts[k].a + (rnd32() % 5 ? (pos + step - cuts[k].a) : 0);
            pos = cuts[k].b;
            cuts[k].rule = "r";
            cuts[k].newline = 0;
        }
        size_t off[24];
        int rc = cut_offsets((const char *)text, len, ncp, cuts, nc, off);
        int ok = rc == 0;
        for (size_t k = 0; ok && k < nc; k++)
            ok = off[2 * k] == tab[cuts[k].a] && off[2 * k + 1] == tab[cuts[k].b];
        if (!ok && bad++ < 3) {
            fprintf(stderr, "cut offsets differ (rc %d) on a text of %zu bytes, %zu code points\n",
                    rc, len, ncp);
            CHECK(0);
        }
        /* out of order: refused */
        if (nc >= 2 && cuts[nc - 1].b > cuts[0].a) {
            wn_c4_cut sw[12];
            memcpy(sw, cuts, nc * sizeof *cuts);
            sw[0] = cuts[nc - 1];
            sw[nc - 1] = cuts[0];
            CHECK(cut_offsets((const char *)text, len, ncp, sw, nc, off) == -1);
        }
        /* a count the text does not decode to: refused (a count equal to
         * the byte length is taken as one byte per code point, as before;
         * and the code points must be the text's: with an invalid
         * continuation byte, a count one short matches the starting bytes) */
        size_t wrong = ncp + (rnd32() % 2 ? 1 : (size_t)-1);
        if (ncp && wrong != len && starts == ncp) {
            size_t m = 0;
            for (size_t k = 0; k < nc && cuts[k].b <= wrong; k++)
                m = k + 1;
            CHECK(cut_offsets((const char *)text, len, wrong, cuts, m, off) == -1);
        }
    }
    /* the generator must reach every path */
    CHECK(ascii > texts / 20 && lead_path > texts / 5 && fallback > texts / 10);
    wn_arena_free(a);
}

TEST(decoder_against_ftext)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    int texts = getenv("R10_TEST_TEXTS") ? atoi(getenv("R10_TEST_TEXTS")) : 30000;
    int bad = 0, levels = wn_utf8_simd(2) + 1;
    uint32_t got[710];
    for (int iter = 0; iter < texts && a; iter++) {
        unsigned char text[700];
        size_t full = random_text(text, sizeof text, iter % 2);
        if (iter < 256) { /* every lead byte with every kind of byte after it */
            full = 0;
            for (unsigned b = (unsigned)iter & 1; b < 256; b += 2) {
                text[full++] = (unsigned char)iter;
                text[full++] = (unsigned char)b;
                text[full++] = (unsigned char)(0x80 + (b & 0x3f));
                text[full++] = 'x';
            }
        }
        for (size_t len = 0; len <= full; len += len < 80 ? 1 : 1 + rnd32() % 97) {
            wn_arena_reset(a);
            size_t want_n;
            uint32_t *want = wn_utf8_to_u32(a, (const char *)text, len, &want_n);
            for (int lv = 0; lv < levels && want; lv++) {
                wn_utf8_simd(lv);
                size_t n = wn_utf8_to_u32_into((const char *)text, len, got);
                if ((n != want_n || memcmp(got, want, (n + 1) * sizeof *got)) && bad++ < 3) {
                    fprintf(stderr, "decode differs at level %d, %zu bytes\n", lv, len);
                    CHECK(0);
                }
            }
        }
    }
    wn_utf8_simd(-1);
    wn_arena_free(a);
}

/* The writer as it was before round 10: the frozen reference. */
static int old_put_int(wn_buf *b, long long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return wn_buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

static int old_put_result(wn_buf *b, const char *name, const wn_fres *r)
{
    int e = 0;
    e |= wn_json_put_string(b, name, strlen(name));
    e |= wn_buf_puts(b, ":{\"kept\":");
    e |= wn_buf_puts(b, r->kept ? "true" : "false");
    e |= wn_buf_puts(b, ",\"reason\":");
    if (r->reason)
        e |= wn_json_put_string(b, r->reason, strlen(r->reason));
    else
        e |= wn_buf_puts(b, "null");
    if (r->error) {
        e |= wn_buf_puts(b, ",\"error\":");
        e |= wn_json_put_string(b, r->error, strlen(r->error));
    }
    e |= wn_buf_puts(b, ",\"values\":{");
    for (size_t i = 0; i < r->nv; i++) {
        const wn_fval *v = &r->v[i];
        if (i)
            e |= wn_buf_putc(b, ',');
        e |= wn_json_put_string(b, v->name, strlen(v->name));
        e |= wn_buf_putc(b, ':');
        if (v->kind == 'i')
            e |= old_put_int(b, v->i);
        else if (v->kind == 'd') {
            char num[40];
            wn_json_format_double(v->d, num, sizeof num);
            e |= wn_buf_puts(b, num);
            if (!strpbrk(num, ".eEn"))
                e |= wn_buf_puts(b, ".0");
        } else if (v->kind == 's')
            e |= wn_json_put_string(b, v->s, v->slen);
        else
            e |= wn_buf_puts(b, "null");
    }
    e |= wn_buf_puts(b, "}}");
    return e ? -1 : 0;
}

static const char *const NAMES[] = {"text_len", "n_words", "top_2_gram_frac", "dup_10_gram_chars",
                                    "a\"quote", "back\\slash", "tab\there", "caf\xc3\xa9",
                                    "bad\xff byte", "",
                                    "a_name_much_longer_than_the_cache_holds_in_one_slot_x"};

static double random_double(void)
{
    switch (rnd32() % 6) {
    case 0: return (double)(rnd32() % 5000) / (double)(1 + rnd32() % 20000);
    case 1: return (double)(long long)(rnd64() >> (rnd32() % 64)) * (rnd32() % 2 ? 1 : -1);
    case 2: return 0.0;
    case 3: return rnd32() % 2 ? DBL_MIN / 3 : DBL_MAX;
    default: {
        uint64_t bits = rnd64() & ~(0x7ffull << 52);
        bits |= (uint64_t)(900 + rnd32() % 250) << 52; /* 1e-37 .. 1e38 */
        double d;
        memcpy(&d, &bits, sizeof d);
        return d;
    }
    }
}

TEST(record_against_frozen_writer)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    char moving[16]; /* a name whose text changes at one address */
    int records = getenv("R10_TEST_TEXTS") ? atoi(getenv("R10_TEST_TEXTS")) : 30000;
    int bad = 0;
    static wn_fres r;
    for (int iter = 0; iter < records && a; iter++) {
        wn_arena_reset(a);
        memset(&r, 0, sizeof r);
        r.kept = (int)(rnd32() % 2);
        r.reason = rnd32() % 2 ? NULL : NAMES[rnd32() % 11];
        r.error = rnd32() % 8 ? NULL : "err\n";
        snprintf(moving, sizeof moving, "m%u", rnd32() % 3);
        r.nv = rnd32() % (WN_FRES_MAX + 1);
        for (size_t i = 0; i < r.nv; i++) {
            wn_fval *v = &r.v[i];
            v->name = rnd32() % 6 ? NAMES[rnd32() % 11] : moving;
            v->kind = "idsn"[rnd32() % 4];
            if (v->kind == 'i') {
                uint32_t w = rnd32() % 4;
                v->i = w == 0 ? LLONG_MIN : w == 1 ? LLONG_MAX : (long long)(rnd64() >> (rnd32() % 64));
            } else if (v->kind == 'd') {
                v->d = random_double();
            } else if (v->kind == 's') {
                static const char *const S[] = {"of the", "\"q\" \\ \x01", "\xe2\x80\x9c ok", "\xc3", ""};
                v->s = S[rnd32() % 5];
                v->slen = strlen(v->s);
            }
        }
        wn_buf ref;
        wn_buf_init(&ref, 0);
        CHECK(old_put_result(&ref, "gopher_quality", &r) == 0);
        size_t bound = result_bound("gopher_quality", &r) + 1;
        char *json = wn_arena_alloc(a, bound);
        wn_buf b = {.data = json, .len = 0, .cap = bound, .max = bound - 1};
        int rc = put_result(&b, "gopher_quality", &r);
        if ((rc || b.len != ref.len || memcmp(b.data, ref.data, ref.len)) && bad++ < 3) {
            fprintf(stderr, "record differs:\n  got:  %.*s\n  want: %s\n", (int)b.len, b.data,
                    ref.data);
            CHECK(0);
        }
        wn_buf_release(&ref);
    }
    wn_arena_free(a);
}

TEST(put_u64_against_printf)
{
    int bad = 0;
    for (int iter = 0; iter < 200000; iter++) {
        uint64_t v = iter < 1000 ? (uint64_t)iter : rnd64() >> (rnd32() % 64);
        if (iter == 1000)
            v = UINT64_MAX;
        char want[32];
        snprintf(want, sizeof want, "%llu", (unsigned long long)v);
        wn_buf b;
        wn_buf_init(&b, 0);
        CHECK(wn_buf_put_u64(&b, v) == 0);
        if ((!b.data || strcmp(b.data, want)) && bad++ < 3) {
            fprintf(stderr, "put_u64 %s: got %s\n", want, b.data ? b.data : "(null)");
            CHECK(0);
        }
        wn_buf_release(&b);
    }
}

/* Edits applied by hand, in the order given (already sorted). */
static char *plain_apply(const char *text, size_t len, const wn_edit *e, size_t n, size_t *out)
{
    char *t = malloc(len + 64 * n + 1);
    size_t o = 0, pos = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(t + o, text + pos, e[i].start - pos);
        o += e[i].start - pos;
        memcpy(t + o, e[i].repl ? e[i].repl : "", e[i].repl_len);
        o += e[i].repl_len;
        pos = e[i].end;
    }
    memcpy(t + o, text + pos, len - pos);
    o += len - pos;
    t[o] = 0;
    *out = o;
    return t;
}

TEST(doc_apply_sorted_and_shuffled)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    int bad = 0;
    for (int iter = 0; iter < 20000 && a; iter++) {
        wn_arena_reset(a);
        char text[200];
        size_t len = rnd32() % sizeof text;
        for (size_t i = 0; i < len; i++)
            text[i] = (char)('a' + rnd32() % 26);
        wn_edit e[40];
        size_t n = 0, pos = 0;
        while (n < 40 && pos < len && rnd32() % 8) {
            size_t st = pos + rnd32() % (len - pos + 1) / 2;
            size_t en = st + rnd32() % (len - st + 1) / 2;
            if (en == st && n && e[n - 1].end == st)
                en = st < len ? st + 1 : st; /* no two edits with the same span */
            if (en == st && n && e[n - 1].start == st)
                break;
            e[n] = (wn_edit){.start = st, .end = en, .reason = WN_REASON_FILTER, .rule = "r",
                             .repl = rnd32() % 2 ? "\n" : NULL};
            e[n].repl_len = e[n].repl ? 1 : 0;
            pos = en;
            n++;
            if (pos == len)
                break;
        }
        size_t want_len;
        char *want = plain_apply(text, len, e, n, &want_len);
        for (int shuffled = 0; shuffled < 2; shuffled++) {
            wn_doc *d = wn_doc_new(a);
            CHECK(d && !wn_doc_set_text(d, text, len));
            if (!d)
                break;
            wn_edit c[40];
            memcpy(c, e, n * sizeof *e);
            for (size_t i = n; shuffled && i > 1; i--) {
                size_t j = rnd32() % i;
                wn_edit tmp = c[i - 1];
                c[i - 1] = c[j];
                c[j] = tmp;
            }
            int rc = wn_doc_apply(d, c, n);
            size_t nonempty = 0;
            for (size_t i = 0; i < n; i++)
                nonempty += e[i].start != e[i].end || e[i].repl_len;
            int ok = rc == 0 && d->len == want_len && !memcmp(d->text, want, want_len) &&
                     d->spans.n == nonempty;
            for (size_t i = 0, k = 0; ok && i < n; i++) {
                if (e[i].start == e[i].end && !e[i].repl_len)
                    continue;
                ok = d->spans.v[k].e.start == e[i].start && d->spans.v[k].e.end == e[i].end;
                k++;
            }
            if (!ok && bad++ < 3) {
                fprintf(stderr, "doc_apply differs (shuffled %d, %zu edits)\n", shuffled, n);
                CHECK(0);
            }
        }
        free(want);
    }
    wn_arena_free(a);
}

int main(void)
{
    RUN(cut_offsets_against_offset_table);
    RUN(decoder_against_ftext);
    RUN(record_against_frozen_writer);
    RUN(put_u64_against_printf);
    RUN(doc_apply_sorted_and_shuffled);
    return harness_done();
}
