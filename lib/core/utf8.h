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

/* Encode cp into out (room for 4); returns the byte count. */
size_t wn_utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s[0..n). */
size_t wn_utf8_valid_prefix(const unsigned char *s, size_t n);

/* Offset of the first C0 control character other than tab and newline
 * (a byte below 0x20 that is not '\t' or '\n'), or n when there is none. */
size_t wn_utf8_find_control(const unsigned char *s, size_t n);

/* Number of code points in a valid UTF-8 string. */
size_t wn_utf8_count(const char *s, size_t n);

#endif
