/*
 * test_r13_cli_cut.c - filter.c's cut_offsets, which finds the byte offsets
 * of c4_quality's cuts 64 bytes a step (a mask of the bytes that start a
 * code point, the wanted one picked by select64, a 64-byte window with no
 * continuation byte taken as one byte per code point), against the offset
 * table of wn_utf8_offsets. test_stage_r10 covers short texts dense with
 * multi-byte and invalid sequences; these are long web-like texts, mostly
 * ASCII with a multi-byte character every few dozen to few hundred bytes,
 * and many cuts (some of equal ends, some at the very end), so that cut
 * ends fall in ASCII windows, in mixed ones, and in the tail under 64 bytes.
 * select64 itself is checked against a bit-by-bit count on random masks.
 *
 * filter.c's helpers are static: this file includes it.
 */
#include "../lib/filter/filter.c"

#include <stdlib.h>

#include "harness.h"

static uint64_t g_x = 0x853C49E6748FEA9Bull;

static uint32_t rnd32(void)
{
    g_x ^= g_x << 13, g_x ^= g_x >> 7, g_x ^= g_x << 17;
    return (uint32_t)(g_x >> 16);
}

TEST(select64_against_bit_count)
{
    pthread_once(&select8_once, select8_build);
    long bad = 0;
    for (int iter = 0; iter < 200000; iter++) {
        uint64_t m = (uint64_t)rnd32() << 32 | rnd32();
        if (iter % 3 == 0)
            m &= (uint64_t)rnd32() << 32 | rnd32(); /* sparser */
        if (iter % 7 == 0)
            m = ~(uint64_t)0 << (rnd32() % 64);
        unsigned total = 0;
        for (int b = 0; b < 64; b++)
            total += (unsigned)(m >> b & 1);
        unsigned j = rnd32() % 66, count = 0;
        unsigned at = select64(m, j, &count), want = 64;
        for (unsigned b = 0, seen = 0; b < 64 && want == 64; b++)
            if (m >> b & 1 && seen++ == j)
                want = b;
        if ((count != total || at != want) && bad++ < 3)
            fprintf(stderr, "  select64(%016llx, %u) = %u (count %u), want %u (count %u)\n", (unsigned long long)m,
                    j, at, count, want, total);
    }
    CHECK_EQ_INT(bad, 0);
}

/* Web-like text: ASCII words, spaces and newlines, with a multi-byte
 * character (or, when bad, an invalid byte) every `every` bytes or so. */
static size_t web_text(unsigned char *t, size_t n, unsigned every, int bad)
{
    size_t i = 0;
    while (i + 4 < n) {
        if (rnd32() % every) {
            uint32_t r = rnd32() % 8;
            t[i++] = r == 0 ? ' ' : r == 1 ? '\n' : (unsigned char)('a' + rnd32() % 26);
            continue;
        }
        uint32_t kind = rnd32() % (bad ? 5 : 3);
        if (kind == 3) {
            t[i++] = (unsigned char)(0x80 + rnd32() % 0x40); /* lone continuation */
        } else if (kind == 4) {
            t[i++] = 0xe2; /* cut short */
            t[i++] = 0x80;
        } else {
            uint32_t cp = kind == 0 ? 0x2019 : kind == 1 ? 0xe9 : 0x1f600;
            i += wn_utf8_encode(cp, (char *)t + i);
        }
    }
    return i;
}

TEST(cut_offsets_on_long_texts)
{
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    static unsigned char text[5000];
    int bad = 0, ascii_windows = 0, checked = 0;
    for (int iter = 0; iter < 20000 && a; iter++) {
        static const unsigned every[] = {8, 30, 60, 200, 1000};
        size_t len = web_text(text, 64 + rnd32() % (sizeof text - 64), every[iter % 5], iter % 4 == 3);
        wn_arena_reset(a);
        size_t ncp, cnt;
        uint32_t *u = wn_utf8_to_u32(a, (const char *)text, len, &ncp);
        size_t *tab = wn_utf8_offsets(a, (const char *)text, len, &cnt);
        CHECK(u && tab && cnt == ncp);
        if (!u || !tab)
            break;
        /* cuts in order: short gaps (lines) and long ones, some empty,
         * some ending where the next starts, one maybe at the very end */
        wn_c4_cut cuts[200];
        size_t nc = 0, pos = 0;
        while (nc < 200 && pos < ncp && rnd32() % 60) {
            size_t gap = rnd32() % 3 ? rnd32() % 50 : rnd32() % 700;
            size_t a0 = pos + gap < ncp ? pos + gap : ncp;
            size_t b0 = a0 + (rnd32() % 4 ? rnd32() % 80 : 0);
            if (b0 > ncp)
                b0 = ncp;
            cuts[nc].a = a0;
            cuts[nc].b = b0;
            cuts[nc].rule = "r";
            cuts[nc].newline = 0;
            nc++;
            pos = b0;
        }
        size_t *off = wn_arena_alloc(a, (2 * nc + 1) * sizeof *off);
        int rc = cut_offsets((const char *)text, len, ncp, cuts, nc, off);
        int ok = rc == 0;
        for (size_t k = 0; ok && k < nc; k++)
            ok = off[2 * k] == tab[cuts[k].a] && off[2 * k + 1] == tab[cuts[k].b];
        checked += ok;
        if (!ok && bad++ < 3)
            fprintf(stderr, "  cut offsets differ (rc %d) on a text of %zu bytes, %zu code points, %zu cuts\n", rc,
                    len, ncp, nc);
        for (size_t w = 0; w + 64 <= len; w += 64) {
            int plain = 1;
            for (size_t b = w; b < w + 64 && plain; b++)
                plain = (text[b] & 0xc0) != 0x80;
            ascii_windows += plain;
        }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK(checked > 15000 && ascii_windows > 100000); /* the paths were taken */
    wn_arena_free(a);
}

int main(void)
{
    RUN(select64_against_bit_count);
    RUN(cut_offsets_on_long_texts);
    return harness_done();
}
