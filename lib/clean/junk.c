/*
 * junk.c - junk_span: spans inside a line that are not language. A digit
 * run glued to a word ("34234234123123Summer"), keyboard mash ("asdfghjkl"),
 * hex and base64 blobs, tracking ids, tokens longer than any word. The span
 * goes, the rest of the line stays; a line made only of junk goes whole.
 *
 * Plausible numbers are left alone: years, prices, phone numbers and ISBNs
 * are short or separated, and a number standing alone is only junk when it
 * is longer than any quantity a sentence would state. URLs, e-mail addresses
 * and paths are never junk: they are long for a reason.
 */
#define _GNU_SOURCE /* strncasecmp */
#include <string.h>
#include <strings.h>

#include "clean/clean.h"
#include "core/utf8.h"

#define GLUED_DIGITS 7   /* a digit run this long glued to a word */
#define LONE_DIGITS 20   /* a bare digit run this long */
#define BLOB_LEN 32      /* hex / base64 */
#define LONG_TOKEN 60

static int is_digit(char ch) { return (unsigned)(ch - '0') <= 9; }
static int is_alpha(char ch) { return (unsigned)((ch | 0x20) - 'a') < 26; }
static int is_vowel(char ch)
{
    switch (ch | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        return 1;
    }
    return 0;
}

/* QWERTY rows: consecutive letters that are neighbours on one row are what a
 * hand sliding over the keyboard types. Row * 16 + column per letter. */
static int kb_neighbours(char a, char b)
{
    static const unsigned char pos[26] = {
        /* a */ 16, 36, 34, 18, 2, 19, 20, 21, 7, 22, 23, 24, 38, 37, 8, 9, 0, 3, 17, 4, 6, 35, 1,
        /* x */ 33, 5, 32};
    int x = pos[(a | 0x20) - 'a'], y = pos[(b | 0x20) - 'a'];
    return (x >> 4) == (y >> 4) && (x - y == 1 || y - x == 1);
}

static int lead_punct(char ch)
{
    return ch == '(' || ch == '[' || ch == '{' || ch == '"' || ch == '\'' || ch == '<' || ch == '*';
}

static int trail_punct(char ch)
{
    return ch == ')' || ch == ']' || ch == '}' || ch == '"' || ch == '\'' || ch == '>' ||
           ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '*';
}

static const char *mash(const char *s, size_t n)
{
    if (n < 6)
        return NULL;
    /* three shapes; give up as soon as the token can match none of them,
     * which for a real word happens within its first few letters */
    size_t vowels = 0, off_row = 0, distinct = 0;
    size_t off_row_max = n >= 7 ? (n - 1) - ((n - 1) * 8 + 9) / 10 : 0;
    unsigned seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_alpha(s[i]))
            return NULL;
        if (i && s[i] >= 'A' && s[i] <= 'Z')
            return NULL; /* CamelCase and acronyms are names, not mash */
        vowels += is_vowel(s[i]);
        if (i && !kb_neighbours(s[i - 1], s[i]))
            off_row++;
        unsigned bit = 1u << ((s[i] | 0x20) - 'a');
        distinct += !(seen & bit);
        seen |= bit;
        if (vowels && (n < 7 || off_row > off_row_max) && (n < 8 || distinct > 2))
            return NULL;
    }
    return "junk.keyboard_mash";
}

static const char *blob(const char *s, size_t n)
{
    if (n < BLOB_LEN)
        return NULL;
    size_t hex = 0, digit = 0, upper = 0, lower = 0, b64 = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        digit += is_digit(ch);
        upper += ch >= 'A' && ch <= 'Z';
        lower += ch >= 'a' && ch <= 'z';
        hex += is_digit(ch) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f');
        b64 += is_digit(ch) || is_alpha(ch) || ch == '+' || ch == '/' || ch == '=' || ch == '_' ||
               ch == '-';
    }
    if (hex == n && digit && digit < n)
        return "junk.hex_blob";
    /* base64 of random bytes switches between upper case, lower case and
     * digits at nearly every character; CamelCase identifiers do not */
    if (b64 == n && upper && lower && (digit || s[n - 1] == '=')) {
        size_t switches = 0;
        for (size_t i = 1; i < n; i++) {
            int x = is_digit(s[i - 1]) ? 0 : s[i - 1] >= 'a' ? 1 : 2;
            int y = is_digit(s[i]) ? 0 : s[i] >= 'a' ? 1 : 2;
            switches += x != y;
        }
        if (switches * 4 >= n)
            return "junk.base64_blob";
    }
    return NULL;
}

/* URLs and their query strings, e-mail addresses, paths, domain and file names */
static int protected_token(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '/' || s[i] == '@' || s[i] == '\\' || s[i] == '.' || s[i] == '&' ||
            s[i] == '%')
            return 1;
    return 0;
}

int wn_clean_junk(wn_cctx *c, size_t li)
{
    wn_cline *l = &c->ln[li];
    const char *s = c->s;
    size_t a0 = l->start, b0 = l->end;
    size_t first_edit = c->nev, junk_bytes = 0, text_bytes = 0;
    for (size_t i = a0; i < b0;) {
        while (i < b0 && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t ta = i;
        while (i < b0 && s[i] != ' ' && s[i] != '\t')
            i++;
        size_t tb = i;
        if (ta == tb)
            break;
        text_bytes += tb - ta;
        /* the core of the token, without surrounding punctuation */
        size_t a = ta, b = tb;
        while (a < b && lead_punct(s[a]))
            a++;
        while (b > a && trail_punct(s[b - 1]))
            b--;
        if (b - a < 6)
            continue; /* nothing shorter is junk by any rule below */
        int digits = 0;
        for (size_t k = a; k < b && !digits; k++)
            digits = is_digit(s[k]);
        if (protected_token(s + a, b - a))
            continue;
        const char *rule = NULL;
        size_t ja = a, jb = b; /* the junk span */
        int whole = 0;
        if ((rule = blob(s + a, b - a)) || (rule = mash(s + a, b - a)))
            whole = 1;
        else if (b - a >= LONG_TOKEN) {
            size_t ascii = 0;
            for (size_t k = a; k < b; k++)
                ascii += (unsigned char)s[k] < 0x80 && s[k] != '-';
            if (ascii == b - a)
                rule = "junk.long_token", whole = 1;
        }
        if (!rule && digits) {
            /* digit runs: glued to letters, or absurdly long on their own */
            for (size_t k = a; k < b && !rule;) {
                if (!is_digit(s[k])) {
                    k++;
                    continue;
                }
                size_t da = k;
                while (k < b && is_digit(s[k]))
                    k++;
                size_t dl = k - da;
                size_t la = da, lb = k; /* letters before and after (any script) */
                while (la > a && (is_alpha(s[la - 1]) || (unsigned char)s[la - 1] >= 0x80))
                    la--;
                while (lb < b && (is_alpha(s[lb]) || (unsigned char)s[lb] >= 0x80))
                    lb++;
                size_t before = da - la, after = lb - k;
                int isbn = before >= 4 && (!strncasecmp(s + la, "isbn", 4) ||
                                           !strncasecmp(s + la, "issn", 4));
                size_t word = before > after ? before : after;
                if (dl >= GLUED_DIGITS && (word >= 2 || (word >= 1 && dl >= 8)) && !isbn &&
                    (before == 0 || after == 0))
                    rule = "junk.glued_digits", ja = da, jb = k;
                else if (dl >= LONE_DIGITS && da == a && k == b)
                    rule = "junk.digit_run", whole = 1;
            }
        }
        if (!rule)
            continue;
        if (whole) {
            ja = ta, jb = tb;
            /* take one neighbouring space so no double space is left */
            if (jb < b0 && (s[jb] == ' ' || s[jb] == '\t'))
                jb++;
            else if (ja > a0 && (s[ja - 1] == ' ' || s[ja - 1] == '\t'))
                ja--;
        }
        size_t shown = wn_utf8_valid_prefix((const unsigned char *)s + ja, jb - ja > 64 ? 64 : jb - ja);
        const char *det = wn_clean_json_str(c->d, s + ja, shown);
        det = det ? wn_doc_printf(c->d, "{\"text\":%s,\"bytes\":%zu}", det, jb - ja) : NULL;
        if (!det || wn_clean_push(c, ja, jb, WN_REASON_JUNK_SPAN, rule, det, NULL, 0))
            return -1;
        junk_bytes += jb - ja;
    }
    if (c->nev > first_edit && junk_bytes >= text_bytes) {
        /* nothing but junk: remove the line itself */
        const char *rule = c->ev[first_edit].rule, *det = c->ev[first_edit].detail;
        c->nev = first_edit;
        wn_clean_verdict(c, li, WN_REASON_JUNK_SPAN, rule, det);
    }
    return 0;
}
