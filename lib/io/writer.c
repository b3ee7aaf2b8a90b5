/*
 * writer.c - serialisation of documents and their evidence (format: see
 * docs/evidence.md). Numbers are written in their shortest round-trip form so
 * that a value read back is the exact double winnow computed.
 */
#include "writer.h"

#include <string.h>

static int put_key(wn_buf *b, const char *k)
{
    return wn_json_put_string(b, k, strlen(k)) || wn_buf_putc(b, ':');
}

static int put_str(wn_buf *b, const char *s)
{
    if (!s)
        return wn_buf_puts(b, "null");
    return wn_json_put_string(b, s, strlen(s));
}

int wn_write_evidence(wn_buf *b, const wn_doc *d)
{
    int e = 0;
    e |= wn_buf_puts(b, "{\"decision\":");
    e |= wn_buf_puts(b, d->kept ? "\"keep\"" : "\"drop\"");
    e |= wn_buf_puts(b, ",\"rule\":");
    e |= put_str(b, d->kept ? NULL : d->drop_rule);
    e |= wn_buf_puts(b, ",\"reason\":");
    e |= put_str(b, d->kept ? NULL : d->drop_reason);
    if (!d->kept && d->drop_detail)
        e |= wn_buf_puts(b, ",\"detail\":") | wn_buf_puts(b, d->drop_detail);
    e |= wn_buf_puts(b, ",\"signals\":{");
    for (size_t i = 0; i < d->signals.n; i++) {
        if (i)
            e |= wn_buf_putc(b, ',');
        e |= put_key(b, d->signals.v[i].name);
        e |= wn_json_put_number(b, d->signals.v[i].value);
    }
    e |= wn_buf_puts(b, "},\"flags\":[");
    for (size_t i = 0; i < d->flags.n; i++) {
        if (i)
            e |= wn_buf_putc(b, ',');
        e |= put_str(b, d->flags.v[i]);
    }
    e |= wn_buf_puts(b, "],\"spans\":[");
    for (size_t i = 0; i < d->spans.n; i++) {
        const wn_span_rec *s = &d->spans.v[i];
        if (i)
            e |= wn_buf_putc(b, ',');
        e |= wn_buf_puts(b, "{\"stage\":");
        e |= put_str(b, s->stage < d->nstages ? d->stage_names[s->stage] : "?");
        e |= wn_buf_puts(b, ",\"start\":") | wn_buf_put_u64(b, s->e.start);
        e |= wn_buf_puts(b, ",\"end\":") | wn_buf_put_u64(b, s->e.end);
        e |= wn_buf_puts(b, ",\"reason\":");
        e |= put_str(b, wn_reason_str(s->e.reason));
        e |= wn_buf_puts(b, ",\"rule\":");
        e |= put_str(b, s->e.rule);
        if (s->e.detail)
            e |= wn_buf_puts(b, ",\"detail\":") | wn_buf_puts(b, s->e.detail);
        if (s->e.repl_len) {
            e |= wn_buf_puts(b, ",\"replacement\":");
            e |= wn_json_put_string(b, s->e.repl, s->e.repl_len);
        }
        e |= wn_buf_putc(b, '}');
    }
    e |= wn_buf_putc(b, ']');
    for (size_t i = 0; i < d->sections.n; i++) {
        e |= wn_buf_putc(b, ',');
        e |= put_key(b, d->sections.v[i].key);
        e |= wn_buf_puts(b, d->sections.v[i].json);
    }
    e |= wn_buf_putc(b, '}');
    return e ? -1 : 0;
}

static const wn_kv *find_meta(const wn_doc *d, const char *key)
{
    for (size_t i = 0; i < d->meta.n; i++)
        if (!strcmp(d->meta.v[i].key, key))
            return &d->meta.v[i];
    return NULL;
}

int wn_write_jsonl(wn_buf *b, const wn_doc *d, int evidence)
{
    int e = wn_buf_putc(b, '{');
    int first = 1, wrote_text = 0, wrote_id = 0;
    /* with duplicate "text" keys the last one is the document (as in most
     * JSON readers); the earlier ones are not written again */
    size_t text_at = (size_t)-1;
    for (size_t i = 0; i < d->nmembers; i++)
        if (!strcmp(d->members[i].key, "text"))
            text_at = i;
    for (size_t i = 0; i < d->nmembers; i++) {
        const wn_json_member *m = &d->members[i];
        if (!strcmp(m->key, "winnow") || (!strcmp(m->key, "text") && i != text_at))
            continue; /* evidence of an earlier run is replaced */
        if (!first)
            e |= wn_buf_putc(b, ',');
        first = 0;
        e |= wn_json_put_string(b, m->key, m->key_len);
        e |= wn_buf_putc(b, ':');
        if (!strcmp(m->key, "text")) {
            e |= wn_json_put_string(b, d->text, d->len);
            wrote_text = 1;
            continue;
        }
        if (!strcmp(m->key, "id"))
            wrote_id = 1;
        const wn_kv *kv = find_meta(d, m->key);
        if (kv)
            e |= wn_buf_puts(b, kv->json);
        else
            e |= wn_buf_append(b, d->raw + m->raw_start, m->raw_end - m->raw_start);
    }
    if (!wrote_id) {
        if (!first)
            e |= wn_buf_putc(b, ',');
        first = 0;
        e |= wn_buf_puts(b, "\"id\":");
        e |= wn_json_put_string(b, d->id, d->id_len);
    }
    if (!wrote_text) {
        e |= wn_buf_puts(b, ",\"text\":");
        e |= wn_json_put_string(b, d->text, d->len);
    }
    for (size_t i = 0; i < d->meta.n; i++) {
        int present = 0;
        for (size_t k = 0; k < d->nmembers && !present; k++)
            present = !strcmp(d->members[k].key, d->meta.v[i].key);
        if (present)
            continue;
        e |= wn_buf_putc(b, ',');
        e |= put_key(b, d->meta.v[i].key);
        e |= wn_buf_puts(b, d->meta.v[i].json);
    }
    if (evidence) {
        e |= wn_buf_puts(b, ",\"winnow\":");
        e |= wn_write_evidence(b, d);
    }
    e |= wn_buf_puts(b, "}\n");
    return e ? -1 : 0;
}

int wn_write_text(wn_buf *b, const wn_doc *d)
{
    int e = wn_buf_append(b, d->text, d->len);
    if (!d->len || d->text[d->len - 1] != '\n')
        e |= wn_buf_putc(b, '\n');
    return e ? -1 : 0;
}
