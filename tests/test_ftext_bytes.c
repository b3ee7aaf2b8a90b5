/*
 * test_ftext_bytes.c - wn_ftext_words leaves the narrowed bytes of the whole
 * text in t->bytes without clearing them first (gopher.c): this holds only
 * if the tokenizer writes every one of them at every classifier level. The
 * arena is filled with 0xAA before each text, so a byte not written shows.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "core/arena.h"
#include "filter/filters.h"
#include "filter/ftext.h"

static const uint32_t ALPHABET[] = {'a', 'b', 'T', ' ', ' ', '\n', '.', ',', '\'', '"', '(',
                                    '!', '?', '-', '1', 0xe9, 0xff, 0x100, 0x2014, 0x4e2d,
                                    0x1f600, '\t', ':', ';', '$', '`'};

TEST(every_byte_written)
{
    wn_punkt_model *pm = wn_punkt_model_build();
    wn_arena *a = wn_arena_create((size_t)64 << 20);
    CHECK(pm && a);
    if (!pm || !a)
        return;
    unsigned seed = 12345;
    int best = wn_treebank_simd(-1), bad = 0;
    for (int level = 0; level <= best; level++) {
        wn_treebank_simd(level);
        for (int k = 0; k < 3000; k++) {
            wn_arena_reset(a);
            size_t junk = 1 << 16;
            unsigned char *j = wn_arena_alloc(a, junk);
            if (j)
                memset(j, 0xAA, junk);
            wn_arena_reset(a);
            seed = seed * 1103515245u + 12345u;
            size_t n = (seed >> 8) % 2000;
            uint32_t *s = wn_arena_alloc(a, (n + 1) * sizeof *s);
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                s[i] = ALPHABET[(seed >> 8) % (sizeof ALPHABET / sizeof *ALPHABET)];
            }
            wn_ftext t = {.a = a, .pm = pm, .s = s, .n = n};
            if (wn_ftext_words(&t)) {
                bad++;
                continue;
            }
            for (size_t i = 0; i < n; i++)
                bad += t.bytes[i] != (s[i] > 255 ? 255 : s[i]);
            for (size_t i = n; i < n + 64; i++)
                bad += t.bytes[i] != 0;
        }
    }
    wn_treebank_simd(-1);
    CHECK_EQ_INT(bad, 0);
    wn_arena_free(a);
    wn_punkt_model_free(pm);
}

int main(void)
{
    RUN(every_byte_written);
    return harness_done();
}
