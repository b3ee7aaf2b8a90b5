/*
 * charset.c - which character set an HTML payload is in, and its UTF-8.
 *
 * The order follows what browsers do (WHATWG "encoding sniffing"): a byte
 * order mark wins, then the HTTP Content-Type charset, then a <meta charset>
 * or http-equiv in the first 4 KiB, then detection. Two corrections keep
 * real pages readable: bytes that are valid UTF-8 with non-ASCII in them are
 * read as UTF-8 whatever the label says (a legacy page is almost never valid
 * UTF-8 by accident, while mislabelled UTF-8 pages are common), and the
 * Latin-1 labels mean windows-1252, as in every browser. The decision and its
 * source go into the evidence.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#include "core/utf8.h"
#include "extract_int.h"

#define PRESCAN 4096

/* charset=VALUE inside s[0..n) into out; 1 when found. */
static int charset_param(const char *s, size_t n, char *out, size_t outlen)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        if (strncasecmp(s + i, "charset", 7))
            continue;
        size_t j = i + 7;
        while (j < n && isspace((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && (isspace((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
            j++;
        size_t k = 0;
        while (j < n && k + 1 < outlen && (isalnum((unsigned char)s[j]) || strchr("-_.:", s[j])))
            out[k++] = (char)tolower((unsigned char)s[j++]);
        out[k] = 0;
        return k > 0;
    }
    return 0;
}

/* <meta charset=...> or <meta http-equiv=Content-Type content="...charset=...">
 * in the first PRESCAN bytes. */
static int meta_charset(const char *s, size_t n, char *out, size_t outlen)
{
    if (n > PRESCAN)
        n = PRESCAN;
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4))
            continue;
        const char *end = memchr(s + i, '>', n - i);
        size_t tl = end ? (size_t)(end - (s + i)) : n - i;
        if (charset_param(s + i, tl, out, outlen))
            return 1;
    }
    return 0;
}

/* The name iconv should use for a label, or NULL for UTF-8. */
static const char *canonical(const char *label)
{
    if (!strcmp(label, "utf-8") || !strcmp(label, "utf8") || !strcmp(label, "unicode-1-1-utf-8"))
        return NULL;
    /* browsers decode these labels as windows-1252 */
    if (!strcmp(label, "iso-8859-1") || !strcmp(label, "latin1") || !strcmp(label, "us-ascii") ||
        !strcmp(label, "ascii") || !strcmp(label, "iso8859-1") || !strcmp(label, "l1") ||
        !strcmp(label, "cp1252") || !strcmp(label, "windows-1252") || !strcmp(label, "iso_8859-1"))
        return "WINDOWS-1252";
    if (!strcmp(label, "gb2312") || !strcmp(label, "gbk") || !strcmp(label, "x-gbk"))
        return "GB18030";
    if (!strcmp(label, "shift_jis") || !strcmp(label, "sjis") || !strcmp(label, "x-sjis"))
        return "CP932";
    if (!strcmp(label, "euc-kr") || !strcmp(label, "ks_c_5601-1987"))
        return "CP949";
    if (!strcmp(label, "iso-8859-9"))
        return "WINDOWS-1254";
    return label;
}

static int has_high(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80)
            return 1;
    return 0;
}

/* Convert with iconv; invalid input bytes become U+FFFD. -2 when iconv does
 * not know the charset, -1 out of memory. */
static int convert(wn_arena *a, const char *from, const char *in, size_t n, char **out, size_t *outlen,
                   int *replaced)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -2;
    size_t cap = n * 3 + 16; /* UTF-8 never needs more than 3 bytes per input byte here */
    char *buf = wn_arena_alloc(a, cap + 1);
    if (!buf) {
        iconv_close(cd);
        return -1;
    }
    char *ip = (char *)in, *op = buf;
    size_t il = n, ol = cap;
    while (il > 0) {
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            break; /* cannot happen with the bound above; keep what we have */
        /* EILSEQ or EINVAL: replace one byte and go on */
        if (ol < 3)
            break;
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        ol -= 3;
        ip++;
        il--;
        (*replaced)++;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    *op = 0;
    *out = buf;
    *outlen = (size_t)(op - buf);
    return 0;
}

int wn_charset_to_utf8(wn_arena *a, const char *in, size_t n, const char *http_ct, char **out, size_t *outlen,
                       wn_charset *cs)
{
    const unsigned char *u = (const unsigned char *)in;
    char label[48] = "";
    memset(cs, 0, sizeof *cs);
    cs->source = "default";
    if (n >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3)) {
        in += 3;
        n -= 3;
        snprintf(label, sizeof label, "utf-8");
        cs->source = "bom";
    } else if (n >= 2 && (!memcmp(u, "\xFF\xFE", 2) || !memcmp(u, "\xFE\xFF", 2))) {
        snprintf(label, sizeof label, "%s", u[0] == 0xFF ? "utf-16le" : "utf-16be");
        in += 2;
        n -= 2;
        cs->source = "bom";
    } else if (http_ct && charset_param(http_ct, strlen(http_ct), label, sizeof label)) {
        cs->source = "http";
    } else if (meta_charset(in, n, label, sizeof label)) {
        cs->source = "meta";
    }
    const char *conv = label[0] ? canonical(label) : NULL;
    int utf16 = conv && !strncmp(conv, "utf-16", 6);
    if (!utf16) {
        size_t valid = wn_utf8_valid_prefix((const unsigned char *)in, n);
        int high = has_high((const unsigned char *)in, n);
        if (!high || (valid == n && conv)) {
            /* ASCII reads the same in every label; valid UTF-8 with
             * non-ASCII bytes is UTF-8 whatever the label claims */
            if (high && conv)
                cs->source = "utf8_valid";
            conv = NULL;
            snprintf(cs->name, sizeof cs->name, "%s", high || !label[0] ? "utf-8" : label);
            if (!label[0])
                cs->source = high ? "utf8_valid" : "ascii";
        } else if (!conv && valid < n) {
            /* labelled or presumed UTF-8 but it is not: a few stray bytes are
             * left to the repair stage; many mean a legacy charset */
            size_t bad = 0;
            for (size_t i = valid; i < n && bad < 64;) {
                uint32_t cp;
                size_t k = wn_utf8_decode((const unsigned char *)in + i, n - i, &cp);
                if (!k) {
                    bad++;
                    i += cp ? cp : 1;
                } else
                    i += k;
            }
            if (bad >= 8 || !label[0]) {
                uchardet_t ud = uchardet_new();
                const char *det = NULL;
                char detbuf[48] = "";
                if (ud) {
                    uchardet_handle_data(ud, in, n > (1u << 20) ? (1u << 20) : n);
                    uchardet_data_end(ud);
                    det = uchardet_get_charset(ud);
                    if (det)
                        for (size_t i = 0; det[i] && i + 1 < sizeof detbuf; i++)
                            detbuf[i] = (char)tolower((unsigned char)det[i]);
                    uchardet_delete(ud);
                }
                if (detbuf[0] && strcmp(detbuf, "ascii")) {
                    snprintf(label, sizeof label, "%s", detbuf);
                    conv = canonical(label);
                } else {
                    snprintf(label, sizeof label, "windows-1252");
                    conv = "WINDOWS-1252";
                }
                cs->source = "detected";
            }
        }
    }
    if (!conv) {
        if (!cs->name[0])
            snprintf(cs->name, sizeof cs->name, "utf-8");
        *out = wn_arena_strndup(a, in, n);
        *outlen = n;
        return *out ? 0 : -1;
    }
    snprintf(cs->name, sizeof cs->name, "%s", label);
    int rc = convert(a, conv, in, n, out, outlen, &cs->replaced);
    if (rc == -2) {
        /* a label iconv does not know: detection, then windows-1252 */
        rc = convert(a, "WINDOWS-1252", in, n, out, outlen, &cs->replaced);
        snprintf(cs->name, sizeof cs->name, "windows-1252");
        cs->source = "default";
    }
    cs->converted = rc == 0;
    return rc == 0 ? 0 : -1;
}
