/*
 * fineweb.c - FineWeb's own quality filter (datatrove FineWebQualityFilter at
 * fe81883d): too few lines ending in punctuation, too many short lines, too
 * many characters in repeated lines, too many newlines per word.
 *
 * Lines are text.split("\n"), empty ones included, as the reference counts
 * them; only the duplicate-line count skips blank lines.
 */
#include <string.h>

#include "filters.h"

void wn_fw_defaults(wn_fw_cfg *c)
{
    c->line_punct_thr = 0.12;
    c->line_punct_exclude_zero = 0;
    c->short_line_thr = 0.67;
    c->short_line_length = 30;
    c->char_duplicates_ratio = 0.01;
    c->new_line_ratio = 0.3;
}

int wn_filter_fineweb_quality(const wn_fw_cfg *c, wn_ftext *t, wn_fres *r)
{
    const uint32_t *s = t->s;
    size_t n = t->n;
    long long n_lines = 0, end_punct = 0, short_lines = 0, newlines = 0;
    wn_ustr_vec nonempty = {0};
    for (size_t i = 0;;) {
        size_t j = wn_u32_find_char(s, i, n, '\n');
        n_lines++;
        size_t len = j - i;
        if (len) {
            uint32_t last = s[j - 1];
            if (last == '.' || last == '\'' || last == '"' || last == '!' || last == '?')
                end_punct++;
        }
        if ((long long)len <= c->short_line_length)
            short_lines++;
        size_t a, b;
        wn_u32_strip(s + i, len, &a, &b);
        if (a < b && wn_ustr_vec_push(t->a, &nonempty, s + i, len))
            return -1;
        if (j == n)
            break;
        newlines++;
        i = j + 1;
    }
    long long dup_elems, dup_chars;
    if (wn_find_duplicates(t->a, nonempty.v, nonempty.n, &dup_elems, &dup_chars))
        return -1;
    long long no_nl = (long long)n - newlines;
    size_t nwords;
    if (wn_ftext_nwords(t, &nwords))
        return -1;
    long long nw = (long long)nwords;

    wn_fres_int(r, "n_lines", n_lines);
    wn_fres_int(r, "n_non_empty_lines", (long long)nonempty.n);
    wn_fres_int(r, "lines_end_punct", end_punct);
    wn_fres_int(r, "short_lines", short_lines);
    wn_fres_int(r, "dup_line_chars", dup_chars);
    wn_fres_int(r, "text_len_no_newlines", no_nl);
    wn_fres_int(r, "n_newlines", newlines);
    wn_fres_ratio(r, "line_punct_ratio", end_punct, n_lines);
    wn_fres_ratio(r, "short_line_ratio", short_lines, n_lines);
    wn_fres_ratio(r, "char_dup_ratio", dup_chars, no_nl);
    wn_fres_int(r, "n_words", nw);
    wn_fres_ratio(r, "list_ratio", newlines, nw);

    double punct = (double)end_punct / (double)n_lines;
    r->kept = 0;
    if (punct <= c->line_punct_thr && !(punct == 0 && c->line_punct_exclude_zero))
        r->reason = "line_punct_ratio";
    else if ((double)short_lines / (double)n_lines >= c->short_line_thr)
        r->reason = "short_line_ratio";
    else if (no_nl == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)dup_chars / (double)no_nl >= c->char_duplicates_ratio)
        r->reason = "char_dup_ratio";
    else if (nw == 0) {
        r->reason = "empty_text";
        r->error = "ZeroDivisionError: division by zero";
    } else if ((double)newlines / (double)nw > c->new_line_ratio)
        r->reason = "list_ratio";
    else
        r->kept = 1;
    return 0;
}
