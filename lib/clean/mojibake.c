/*
 * mojibake.c - mojibake: UTF-8 text that was decoded as Windows-1252 or
 * Latin-1 somewhere upstream and re-encoded, so "don’t" reads "donâ€™t" and
 * "été" reads "Ã©tÃ©". Repaired in place.
 *
 * The damage is reversible: every character of the garbled run is one byte
 * of the original UTF-8 under the wrong code page. So we take each maximal
 * run of non-ASCII characters that the code page can encode, turn it back
 * into those bytes, and decode the parts that form valid multi-byte UTF-8.
 * A real accented word rarely does (é alone is the lone byte E9, never valid
 * UTF-8), and we also demand that what comes out is a character a text would
 * plausibly hold, so "groß”" (DF 94, which decodes to an N'Ko letter) stays.
 * Text garbled twice is undone by repeating the step, at most three times.
 */
#include <string.h>

#include "clean/clean.h"
#include "core/utf8.h"

/* Windows-1252's characters in 0x80-0x9F; 0 marks a hole, which Latin-1
 * decoders turn into the C1 control of the same value. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The byte a code point was under cp1252 / Latin-1, or -1. */
static int byte_of(uint32_t cp)
{
    if (cp >= 0x80 && cp <= 0xFF)
        return (int)cp; /* Latin-1, and the C1 holes of cp1252 */
    for (int i = 0; i < 32; i++)
        if (cp1252_hi[i] == cp)
            return 0x80 + i;
    return -1;
}

static int plausible(uint32_t cp)
{
    return (cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x370 && cp <= 0x52F) ||
           (cp >= 0x5D0 && cp <= 0x6FF) || (cp >= 0x900 && cp <= 0xDFF) ||
           (cp >= 0xE00 && cp <= 0xE7F) || (cp >= 0x1E00 && cp <= 0x1FFF) ||
           (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* One repair step over cps[0..n): returns the new length (in place), and
 * sets *changed. */
static size_t step(uint32_t *cps, size_t n, int *changed)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int b0 = byte_of(cps[i]);
        if (b0 >= 0xC2 && b0 <= 0xF4) {
            unsigned char bytes[4];
            size_t need = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4, k;
            for (k = 0; k < need && i + k < n; k++) {
                int b = byte_of(cps[i + k]);
                if (b < 0)
                    break;
                bytes[k] = (unsigned char)b;
            }
            uint32_t cp;
            if (k == need && wn_utf8_decode(bytes, need, &cp) == need && plausible(cp)) {
                cps[o++] = cp;
                i += need;
                *changed = 1;
                continue;
            }
        }
        cps[o++] = cps[i++];
    }
    return o;
}

int wn_clean_mojibake(wn_cctx *c, size_t li)
{
    const wn_cline *l = &c->ln[li];
    const unsigned char *s = (const unsigned char *)c->s;
    size_t i = l->start;
    while (i < l->end) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        /* a maximal run of characters the code page can encode */
        size_t ra = i, count = 0;
        while (i < l->end && s[i] >= 0x80) {
            uint32_t cp;
            size_t len = wn_utf8_decode(s + i, l->end - i, &cp);
            if (!len || byte_of(cp) < 0)
                break;
            i += len;
            count++;
        }
        size_t rb = i;
        if (count < 2) {
            if (rb == ra) { /* a character outside the code page: skip it */
                uint32_t cp;
                size_t len = wn_utf8_decode(s + i, l->end - i, &cp);
                i += len ? len : 1;
            }
            continue;
        }
        uint32_t *cps = wn_arena_alloc(c->d->arena, count * sizeof *cps);
        if (!cps)
            return -1;
        size_t n = 0;
        for (size_t p = ra; p < rb;) {
            p += wn_utf8_decode(s + p, rb - p, &cps[n]);
            n++;
        }
        int changed = 0, rounds = 0;
        for (int again = 1; again && rounds < 3; rounds++) {
            again = 0;
            n = step(cps, n, &again);
            changed |= again;
        }
        if (!changed)
            continue;
        char *out = wn_arena_alloc(c->d->arena, 4 * n + 1);
        if (!out)
            return -1;
        size_t o = 0;
        for (size_t k = 0; k < n; k++)
            o += wn_utf8_encode(cps[k], out + o);
        out[o] = 0;
        char *was = wn_clean_json_str(c->d, c->s + ra, rb - ra);
        char *now = wn_clean_json_str(c->d, out, o);
        const char *det = was && now ? wn_doc_printf(c->d, "{\"was\":%s,\"now\":%s}", was, now) : NULL;
        if (!det || wn_clean_push(c, ra, rb, WN_REASON_MOJIBAKE, "mojibake.cp1252", det, out, o))
            return -1;
    }
    return 0;
}
