/*
 * utf8.h - strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), shared by every stage that walks text.
 */
#ifndef WN_UTF8_H
#define WN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[0..n). Returns its byte length (1..4) and sets
 * *cp; on an invalid or truncated sequence returns 0 and sets *cp to the
 * number of bytes (>= 1) that form the maximal invalid subpart, which is
 * what one U+FFFD replaces (Unicode "substitution of maximal subparts"). */
size_t wn_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Byte length (2..4) of the valid sequence at s[0..n) whose lead byte s[0] is
 * >= 0x80, or 0 when it is invalid or truncated (then wn_utf8_decode() gives
 * the maximal invalid subpart). Inline for the scanning loops: the two- and
 * three-byte forms that need no range check beyond "a continuation byte" are
 * answered here, the rest by wn_utf8_decode(). */
static inline size_t wn_utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c - 0xC2u <= 0xDFu - 0xC2u)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (n >= 3 && (c - 0xE1u <= 0xECu - 0xE1u || c == 0xEE || c == 0xEF))
        return (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    uint32_t cp;
    return wn_utf8_decode(s, n, &cp);
}

/* Encode cp into out (room for 4); returns the byte count. */
size_t wn_utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s[0..n). */
size_t wn_utf8_valid_prefix(const unsigned char *s, size_t n);

/* Offset of the first C0 control character other than tab and newline
 * (a byte below 0x20 that is not '\t' or '\n'), or n when there is none. */
size_t wn_utf8_find_control(const unsigned char *s, size_t n);

/* Length of the longest prefix of s[0..n) that is valid UTF-8 holding no C0
 * control other than tab and newline: n exactly when the text needs no
 * repair. It always ends on a character boundary. */
size_t wn_utf8_clean_prefix(const unsigned char *s, size_t n);

/* Decode s[0..n) into out (room for n + 1): one code point per valid
 * sequence, U+FFFD for each invalid byte, then a 0; returns the count.
 * The same code points as the filters' wn_utf8_to_u32 (tests compare them),
 * ASCII widened 32 bytes at a time with AVX2 where the CPU has it. */
size_t wn_utf8_to_u32_into(const char *s, size_t n, uint32_t *out);
/* For tests: decode in plain C (0), with SSE2 (1) or AVX2 (2), at most
 * what this build and CPU have; -1 lets the CPU choose (the default).
 * Returns the level in use. Not thread-safe: call it while nothing decodes. */
int wn_utf8_simd(int level);

/* Number of code points in a valid UTF-8 string. */
size_t wn_utf8_count(const char *s, size_t n);

#endif
