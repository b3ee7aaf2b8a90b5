/*
 * json.h - the JSON the pipeline needs and no more: split one JSONL object
 * into its top-level members (raw byte spans, so fields winnow does not touch
 * are copied through byte for byte), decode string values, and write escaped
 * strings and round-trip numbers.
 */
#ifndef WN_JSON_H
#define WN_JSON_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef struct wn_json_member {
    const char *key; /* decoded, NUL-terminated (arena) */
    size_t key_len;
    size_t raw_start, raw_end; /* the member's value, raw bytes in the line */
    char type;                 /* 's' string, 'n' number, 'o' object, 'a' array, 't' 'f' 'z'(null) */
    const char *str;           /* the decoded value when the parser decoded it (arena, NUL-terminated), else NULL */
    size_t str_len;
} wn_json_member;

#define WN_JSON_MAX_DEPTH 256

/* Parse s[0..n), which must hold exactly one JSON object (whitespace around it
 * allowed). On success returns 0 and an arena array of members in input order.
 * On error returns -1, sets *err to a static message and *err_off to the byte
 * offset where the problem is. Raw invalid UTF-8 and raw control bytes inside
 * strings are accepted (the UTF-8 repair stage deals with them, with evidence);
 * anything else that is not JSON is an error. */
int wn_json_parse_object(const char *s, size_t n, wn_arena *a, wn_json_member **members,
                         size_t *count, const char **err, size_t *err_off);

/* The same, and a top-level string value whose key is written exactly as
 * decode_key (no escapes) is decoded while it is checked: member.str holds
 * what wn_json_unescape() would give, saving a second pass over a long
 * value. member.str is NULL when the arena had no room for that (decode it
 * then as usual) and for every other member. */
int wn_json_parse_object_decode(const char *s, size_t n, wn_arena *a, const char *decode_key,
                                wn_json_member **members, size_t *count, const char **err, size_t *err_off);

/* Decode the JSON string literal raw[0..n) (with its quotes) into UTF-8 in the
 * arena. Lone surrogate escapes become U+FFFD. NULL when out of memory. */
char *wn_json_unescape(wn_arena *a, const char *raw, size_t n, size_t *out_len);

/* Append s[0..n) as a JSON string literal with quotes. Invalid UTF-8 bytes are
 * written as \ufffd so the output is always valid JSON. */
int wn_json_put_string(wn_buf *b, const char *s, size_t n);
/* Shortest decimal that reads back as the same double; non-finite -> null. */
int wn_json_put_number(wn_buf *b, double v);
/* Shortest round-trip text of v into out (>= 32 bytes). */
void wn_json_format_double(double v, char *out, size_t outlen);

#endif
