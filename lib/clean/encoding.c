/*
 * encoding.c - the utf8_repair stage: every later stage may assume valid
 * UTF-8 without NUL or stray control characters.
 *
 * Invalid byte sequences become U+FFFD, one per maximal invalid subpart (the
 * Unicode recommendation, so "\xE2\x82" is one replacement, not two). NUL and
 * C0 controls other than tab and newline are removed: they are never content
 * in web text and break downstream tokenizers. Adjacent damage of one kind is
 * recorded as one span, so a binary blob gives a few spans, not millions.
 */
#include <string.h>

#include "core/stage.h"
#include "core/utf8.h"

static void *create(char *err, size_t errlen)
{
    (void)err, (void)errlen;
    static int dummy;
    return &dummy;
}

enum { K_INVALID, K_CONTROL };

static wn_status run(const void *state, wn_doc *d)
{
    (void)state;
    const unsigned char *s = (const unsigned char *)d->text;
    size_t n = d->len;
    /* fast path: valid and no controls */
    size_t clean = wn_utf8_clean_prefix(s, n);
    if (clean == n)
        return WN_OK;

    WN_VEC(wn_edit) edits = {0};
    char *repl = NULL; /* U+FFFD repeated, per edit, in the arena */
    /* Each round skips the clean run ahead, which ends at the first byte
     * to repair: a control (not tab or newline), or the start of an invalid
     * sequence (clean_prefix steps over every valid one). */
    size_t pos = clean;
    while (pos < n) {
        pos += wn_utf8_clean_prefix(s + pos, n - pos);
        if (pos >= n)
            break;
        int kind = s[pos] < 0x20 ? K_CONTROL : K_INVALID;
        /* extend over the whole run of the same kind */
        size_t start = pos, count = 0;
        while (pos < n) {
            unsigned b = s[pos];
            if (kind == K_CONTROL) {
                if (!(b < 0x20 && b != '\n' && b != '\t'))
                    break;
                pos++;
            } else {
                uint32_t cp;
                if (b < 0x80 || wn_utf8_decode(s + pos, n - pos, &cp))
                    break;
                pos += cp;
            }
            count++;
        }
        wn_edit e = {.start = start, .end = pos, .reason = WN_REASON_ENCODING};
        if (kind == K_CONTROL) {
            e.rule = "utf8.control_char";
            e.detail = wn_doc_printf(d, "{\"bytes\":%zu}", pos - start);
        } else {
            e.rule = "utf8.invalid_bytes";
            e.detail = wn_doc_printf(d, "{\"bytes\":%zu,\"replacements\":%zu}", pos - start, count);
            repl = wn_arena_alloc(d->arena, count * 3);
            if (!repl)
                return WN_LIMIT;
            for (size_t k = 0; k < count; k++)
                memcpy(repl + 3 * k, "\xEF\xBF\xBD", 3);
            e.repl = repl;
            e.repl_len = count * 3;
        }
        if (!e.detail)
            return WN_LIMIT;
        wn_edit *nv = wn_arena_grow(d->arena, edits.v, edits.n, &edits.cap, sizeof *nv);
        if (!nv)
            return WN_LIMIT;
        edits.v = nv;
        edits.v[edits.n++] = e;
    }
    return wn_doc_apply(d, edits.v, edits.n) ? WN_LIMIT : WN_OK;
}

const wn_stage_def wn_stage_utf8_repair = {
    .name = "utf8_repair",
    .summary = "invalid UTF-8 becomes U+FFFD; NUL and C0 controls (not tab/newline) are removed",
    .create = create,
    .run = run,
};
