/*
 * parity_texts.h - the texts of the parity corpus
 * (../shared/parity/datatrove/inputs_real.jsonl) as code points, for the
 * tests that compare a fast path with a reference on real web text.
 */
#ifndef WN_TEST_PARITY_TEXTS_H
#define WN_TEST_PARITY_TEXTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "filter/ftext.h"

/* Every document's "text", decoded, in arena a; NULL with *count 0 when
 * the file is not there (the caller skips). */
static inline wn_ustr *parity_texts(wn_arena *a, size_t *count)
{
    static const char *const paths[] = {"../shared/parity/datatrove/inputs_real.jsonl",
                                        "/work/shared/parity/datatrove/inputs_real.jsonl"};
    FILE *f = NULL;
    for (size_t i = 0; i < 2 && !f; i++)
        f = fopen(paths[i], "r");
    *count = 0;
    if (!f)
        return NULL;
    wn_ustr_vec v = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        wn_json_member *m;
        size_t cnt, off;
        const char *err;
        if (wn_json_parse_object(line, (size_t)len, a, &m, &cnt, &err, &off))
            continue;
        for (size_t k = 0; k < cnt; k++) {
            if (strcmp(m[k].key, "text"))
                continue;
            size_t tl, n;
            char *t = wn_json_unescape(a, line + m[k].raw_start, m[k].raw_end - m[k].raw_start, &tl);
            uint32_t *u = t ? wn_utf8_to_u32(a, t, tl, &n) : NULL;
            if (u)
                wn_ustr_vec_push(a, &v, u, n);
        }
    }
    free(line);
    fclose(f);
    *count = v.n;
    return v.v;
}

#endif
