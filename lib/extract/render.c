/*
 * render.c - the kept part of a DOM subtree as Markdown (or plain text).
 *
 * Headings, paragraphs, lists, block quotes and code blocks keep their
 * Markdown shape so the clean stage and a reader still see the structure;
 * links and emphasis become plain text, because their markup is noise for
 * language models and for word-level scoring. Data tables become pipe tables
 * (one line per row in text mode), layout tables are read as the blocks they
 * hold. Whitespace is collapsed the way a browser does, except inside <pre>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

#define MAX_DEPTH 256
#define REPEAT_MIN 20 /* shortest line dropped as a repeat, in bytes */

typedef struct rstate {
    wn_buf *out;
    const wn_render_opts *o;
    wn_render_stats *st;
    int brk;       /* pending break: 0 none, 1 newline, 2 blank line */
    int space;     /* pending space */
    int in_pre;
    int quote;     /* blockquote depth */
    int list;      /* list depth */
    int err;
} rstate;

static void put(rstate *r, const char *s, size_t n)
{
    if (wn_buf_append(r->out, s, n))
        r->err = 1;
}

/* Emit the pending break, then quote markers at a line start. */
static void flush_break(rstate *r)
{
    if (r->out->len == 0) {
        r->brk = 0;
        r->space = 0;
    }
    if (r->brk) {
        put(r, r->brk >= 2 ? "\n\n" : "\n", r->brk >= 2 ? 2 : 1);
        for (int i = 0; i < r->quote; i++)
            put(r, "> ", 2);
        r->brk = 0;
        r->space = 0;
    }
}

static void block_break(rstate *r, int level)
{
    if (r->out->len && r->brk < level)
        r->brk = level;
}

static void text(rstate *r, const char *s, size_t n)
{
    if (r->in_pre) {
        flush_break(r);
        for (size_t i = 0; i < n; i++) {
            put(r, s + i, 1);
            if (s[i] == '\n')
                for (int q = 0; q < r->quote; q++)
                    put(r, "> ", 2);
        }
        return;
    }
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            r->space = 1;
            i++;
            continue;
        }
        /* U+00A0 no-break space collapses like a space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            r->space = 1;
            i += 2;
            continue;
        }
        size_t j = i;
        while (j < n) {
            unsigned char d = (unsigned char)s[j];
            if (d == ' ' || d == '\n' || d == '\t' || d == '\r' || d == '\f' ||
                (d == 0xC2 && j + 1 < n && (unsigned char)s[j + 1] == 0xA0))
                break;
            j++;
        }
        int had_brk = r->brk != 0 || r->out->len == 0;
        flush_break(r);
        if (r->space && !had_brk && r->out->len && r->out->data[r->out->len - 1] != '\n' &&
            r->out->data[r->out->len - 1] != ' ')
            put(r, " ", 1);
        r->space = 0;
        put(r, s + i, j - i);
        i = j;
    }
}

static void children(rstate *r, const xmlNode *n, int depth);

/* Inline text of a subtree into b, collapsed, for table cells. */
static void cell_text(const xmlNode *n, wn_buf *b, int *space, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const unsigned char *s = c->content;
            if (!s)
                continue;
            for (; *s; s++) {
                if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' ||
                    (*s == 0xC2 && s[1] == 0xA0 && s++)) {
                    *space = 1;
                    continue;
                }
                if (*space && b->len)
                    wn_buf_putc(b, ' ');
                *space = 0;
                if (*s == '|')
                    wn_buf_putc(b, '\\');
                wn_buf_putc(b, (char)*s);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            const wn_ninfo *ci = wn_info(c);
            if (ci && ci->drop)
                continue;
            if (ci && (ci->tag == T_BR || wn_tag_is_block(ci->tag)))
                *space = 1;
            cell_text(c, b, space, depth + 1);
            if (ci && wn_tag_is_block(ci->tag))
                *space = 1;
        }
    }
}

int wn_table_is_data(const xmlNode *t)
{
    const char *role = wn_attr(t, "role");
    if (role && (!strcasecmp(role, "presentation") || !strcasecmp(role, "none")))
        return 0;
    unsigned rows = 0, maxcols = 0, th = 0, cells = 0, blocks = 0, longcells = 0;
    /* walk rows without descending into nested tables */
    const xmlNode *stack[8];
    int sp = 0;
    const xmlNode *c = t->children;
    while (c || sp) {
        if (!c) {
            c = stack[--sp]->next;
            continue;
        }
        if (c->type == XML_ELEMENT_NODE) {
            wn_tag tg = wn_info(c) ? (wn_tag)wn_info(c)->tag : wn_tag_of(c->name);
            if (tg == T_TABLE)
                return 0; /* nested tables are layout */
            if (tg == T_THEAD || tg == T_TBODY || tg == T_TFOOT) {
                if (sp < 8) {
                    stack[sp++] = c;
                    c = c->children;
                    continue;
                }
            } else if (tg == T_TR) {
                rows++;
                unsigned cols = 0;
                for (const xmlNode *d = c->children; d; d = d->next) {
                    if (d->type != XML_ELEMENT_NODE)
                        continue;
                    wn_tag dt = wn_tag_of(d->name);
                    if (dt != T_TD && dt != T_TH)
                        continue;
                    cols++;
                    cells++;
                    th += dt == T_TH;
                    const wn_ninfo *di = wn_info(d);
                    if (di && di->raw > 400)
                        longcells++;
                    for (const xmlNode *e = d->children; e; e = e->next)
                        if (e->type == XML_ELEMENT_NODE) {
                            wn_tag et = wn_tag_of(e->name);
                            if (et == T_TABLE)
                                return 0;
                            if (et == T_DIV || et == T_P || et == T_UL || et == T_H1 || et == T_H2 ||
                                et == T_H3 || et == T_OL)
                                blocks++;
                        }
                }
                if (cols > maxcols)
                    maxcols = cols;
            }
        }
        c = c->next;
    }
    if (rows < 2 || maxcols < 2)
        return th > 0 && rows >= 1 && maxcols >= 2;
    if (longcells * 4 > cells || blocks * 2 > cells)
        return 0;
    return 1;
}

static void cell_span(const xmlNode *d, unsigned *span)
{
    const char *cs = wn_attr(d, "colspan");
    *span = 1;
    if (cs) {
        int v = atoi(cs);
        if (v > 1 && v < 50)
            *span = (unsigned)v;
    }
}

static void render_table(rstate *r, const xmlNode *t)
{
    /* gather rows of cells into one buffer: cells end with '\0', rows with '\1' */
    wn_buf cells;
    wn_buf_init(&cells, 0);
    unsigned maxcols = 0, nrows = 0;
    const xmlNode *stack[8];
    int sp = 0;
    const xmlNode *c = t->children;
    int first_has_th = 0;
    while (c || sp) {
        if (!c) {
            c = stack[--sp]->next;
            continue;
        }
        if (c->type == XML_ELEMENT_NODE) {
            const wn_ninfo *ci = wn_info(c);
            wn_tag tg = ci ? (wn_tag)ci->tag : wn_tag_of(c->name);
            if (ci && ci->drop) {
                c = c->next;
                continue;
            }
            if ((tg == T_THEAD || tg == T_TBODY || tg == T_TFOOT) && sp < 8) {
                stack[sp++] = c;
                c = c->children;
                continue;
            }
            if (tg == T_TR) {
                unsigned cols = 0, ths = 0;
                for (const xmlNode *d = c->children; d; d = d->next) {
                    if (d->type != XML_ELEMENT_NODE)
                        continue;
                    wn_tag dt = wn_tag_of(d->name);
                    if (dt != T_TD && dt != T_TH)
                        continue;
                    unsigned span;
                    cell_span(d, &span);
                    int space = 0;
                    cell_text(d, &cells, &space, 0);
                    wn_buf_putc(&cells, 0);
                    for (unsigned k = 1; k < span; k++)
                        wn_buf_putc(&cells, 0);
                    cols += span;
                    ths += dt == T_TH;
                }
                if (cols) {
                    wn_buf_putc(&cells, 1);
                    if (nrows == 0)
                        first_has_th = ths > 0;
                    nrows++;
                    if (cols > maxcols)
                        maxcols = cols;
                }
            }
        }
        c = c->next;
    }
    (void)first_has_th;
    if (!nrows || !cells.data) {
        wn_buf_release(&cells);
        return;
    }
    block_break(r, 2);
    flush_break(r);
    const char *p = cells.data, *end = cells.data + cells.len;
    unsigned row = 0;
    while (p < end) {
        unsigned col = 0;
        if (!r->o->text_tables)
            put(r, "|", 1);
        while (p < end && *p != 1) {
            size_t l = strlen(p);
            if (r->o->text_tables) {
                if (col)
                    put(r, " | ", 3);
                put(r, p, l);
            } else {
                put(r, " ", 1);
                put(r, p, l);
                put(r, " |", 2);
            }
            p += l + 1;
            col++;
        }
        if (!r->o->text_tables)
            for (; col < maxcols; col++)
                put(r, "  |", 3);
        p++; /* row end */
        put(r, "\n", 1);
        for (int q = 0; q < r->quote; q++)
            put(r, "> ", 2);
        if (row == 0 && !r->o->text_tables) {
            /* Markdown needs a header row; the first row serves */
            put(r, "|", 1);
            for (unsigned k = 0; k < maxcols; k++)
                put(r, " --- |", 6);
            put(r, "\n", 1);
            for (int q = 0; q < r->quote; q++)
                put(r, "> ", 2);
        }
        row++;
    }
    /* drop the last newline (and quote marks): the break logic adds its own */
    while (r->out->len && (r->out->data[r->out->len - 1] == '\n' || r->out->data[r->out->len - 1] == ' ' ||
                           r->out->data[r->out->len - 1] == '>'))
        r->out->len--;
    r->brk = 2;
    wn_buf_release(&cells);
}

static void element(rstate *r, const xmlNode *n, int depth)
{
    const wn_ninfo *ni = wn_info(n);
    if (!ni || ni->drop)
        return;
    wn_tag t = (wn_tag)ni->tag;
    int md = r->o->markdown;
    switch (t) {
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
        if (!ni->text)
            return;
        block_break(r, 2);
        flush_break(r);
        if (md) {
            static const char hashes[] = "######";
            put(r, hashes, (size_t)(t - T_H1 + 1));
            put(r, " ", 1);
        }
        r->space = 0;
        children(r, n, depth);
        block_break(r, 2);
        r->st->headings++;
        return;
    case T_P:
        block_break(r, 2);
        children(r, n, depth);
        block_break(r, 2);
        return;
    case T_BR:
        block_break(r, 1);
        if (r->brk == 0 && r->out->len)
            r->brk = 1;
        return;
    case T_HR:
        block_break(r, 2);
        return;
    case T_PRE: {
        if (!ni->text)
            return;
        block_break(r, 2);
        flush_break(r);
        if (md)
            put(r, "```\n", 4);
        r->in_pre++;
        children(r, n, depth);
        r->in_pre--;
        while (r->out->len && r->out->data[r->out->len - 1] == '\n')
            r->out->len--;
        if (md)
            put(r, "\n```", 4);
        block_break(r, 2);
        r->st->code_blocks++;
        return;
    }
    case T_BLOCKQUOTE:
        block_break(r, 2);
        r->quote += md;
        if (md && r->out->len)
            r->brk = 2;
        children(r, n, depth);
        r->quote -= md;
        block_break(r, 2);
        return;
    case T_UL: case T_OL: {
        block_break(r, r->list ? 1 : 2);
        r->list++;
        unsigned k = 0;
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            const wn_ninfo *ci = wn_info(c);
            if (!ci || ci->drop)
                continue;
            if (ci->tag != T_LI) {
                element(r, c, depth + 1);
                continue;
            }
            if (!ci->text)
                continue;
            block_break(r, 1);
            flush_break(r);
            if (md) {
                for (int i = 1; i < r->list; i++)
                    put(r, "  ", 2);
                char mark[16];
                int ml = t == T_OL ? snprintf(mark, sizeof mark, "%u. ", ++k) : snprintf(mark, sizeof mark, "- ");
                put(r, mark, (size_t)ml);
            }
            r->space = 0;
            children(r, c, depth + 1);
            block_break(r, 1);
            r->st->list_items++;
        }
        r->list--;
        block_break(r, r->list ? 1 : 2);
        return;
    }
    case T_TABLE:
        if (ni->data_table) {
            render_table(r, n);
            r->st->tables_data++;
            return;
        }
        r->st->tables_layout++;
        block_break(r, 1);
        children(r, n, depth);
        block_break(r, 1);
        return;
    case T_TD: case T_TH: case T_LI: case T_DT: case T_DD: case T_TR:
        block_break(r, 1);
        children(r, n, depth);
        block_break(r, 1);
        return;
    default:
        if (wn_tag_is_block(t)) {
            block_break(r, 1);
            children(r, n, depth);
            block_break(r, 1);
            return;
        }
        children(r, n, depth);
        return;
    }
}

static void children(rstate *r, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                text(r, (const char *)c->content, strlen((const char *)c->content));
        } else if (c->type == XML_ELEMENT_NODE)
            element(r, c, depth + 1);
    }
}

/* The text of a Markdown line without its block marks ("> ", "## ",
 * "- ", "12. ") and surrounding spaces. */
static const char *line_key(const char *s, const char *e, size_t *n)
{
    for (;;) {
        while (s < e && *s == ' ')
            s++;
        const char *t = s;
        if (s < e && (*s == '>' || *s == '-' || *s == '#')) {
            while (t < e && *t == *s)
                t++;
        } else {
            while (t < e && *t >= '0' && *t <= '9')
                t++;
            if (t == s || t >= e || *t != '.')
                break;
            t++;
        }
        if (t < e && *t != ' ')
            break;
        s = t;
    }
    while (e > s && e[-1] == ' ')
        e--;
    *n = (size_t)(e - s);
    return s;
}

static uint64_t line_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h | 1; /* 0 marks an empty slot */
}

/* Drop lines that repeat an earlier line of the output word for word.
 * Pages often carry their content twice (a desktop and a mobile copy, a
 * sticky summary, the same notice above and below); a reader sees it once.
 * Code blocks and table rows are left alone, and short lines ("Reply",
 * "$12.00") repeat legitimately. Code is recognised by its fences, so in
 * text mode (no fences) a repeated line of code goes too. */
static void drop_repeats(wn_buf *out, wn_render_stats *st)
{
    size_t lines = 1;
    for (size_t i = 0; i < out->len; i++)
        lines += out->data[i] == '\n';
    size_t cap = 64;
    while (cap < lines * 2)
        cap *= 2;
    uint64_t *seen = calloc(cap, sizeof *seen);
    if (!seen)
        return; /* nothing dropped: the output stays as rendered */
    char *d = out->data;
    size_t w = 0, r = 0;
    int fence = 0, blank = 0;
    while (r < out->len) {
        size_t e = r;
        while (e < out->len && d[e] != '\n')
            e++;
        size_t kn;
        const char *k = line_key(d + r, d + e, &kn);
        int drop = 0;
        if (kn >= 3 && !strncmp(k, "```", 3))
            fence = !fence;
        else if (!fence && kn >= REPEAT_MIN && *k != '|') {
            uint64_t h = line_hash(k, kn);
            size_t j = h & (cap - 1);
            while (seen[j] && seen[j] != h)
                j = (j + 1) & (cap - 1);
            drop = seen[j] == h;
            seen[j] = h;
        }
        if (drop) {
            st->repeats++;
            st->repeat_chars += e - r;
        } else if (fence || kn || !blank) {
            /* a blank line after a blank line (left by a dropped line) goes */
            if (w != r)
                memmove(d + w, d + r, e - r);
            w += e - r;
            if (e < out->len)
                d[w++] = '\n';
        }
        if (!drop)
            blank = kn == 0;
        r = e + 1;
    }
    out->len = w;
    free(seen);
}

int wn_render(const xmlNode *root, const wn_render_opts *o, wn_buf *out, wn_render_stats *st)
{
    rstate r = {.out = out, .o = o, .st = st};
    memset(st, 0, sizeof *st);
    if (root->type == XML_ELEMENT_NODE)
        element(&r, root, 0);
    if (o->drop_repeats && out->len)
        drop_repeats(out, st);
    /* trim trailing whitespace */
    while (out->len && (out->data[out->len - 1] == '\n' || out->data[out->len - 1] == ' '))
        out->len--;
    if (wn_buf_putc(out, 0))
        return -1;
    out->len--;
    return r.err ? -1 : 0;
}
