/*
 * meta.c - page metadata: title, author, date, canonical URL, site name,
 * language and description.
 *
 * Sources, strongest first for each field: JSON-LD (what the publisher
 * declares for search engines), OpenGraph and article:* properties, plain
 * <meta name>, then the visible page (<title>, <time datetime>, a byline
 * element, <html lang>). JSON-LD is scanned for its few well-known keys
 * rather than parsed into a tree: the blocks are often invalid JSON, and a
 * key scan degrades gracefully where a parser would give up.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

enum { F_TITLE, F_AUTHOR, F_DATE, F_URL, F_SITE, F_LANG, F_DESC, F_COUNT };
static const char *const field_names[F_COUNT] = {"title", "author", "date", "canonical_url", "site_name",
                                                 "lang", "description"};

typedef struct mfield {
    const char *v;
    size_t n;
    int prio; /* higher wins */
} mfield;

typedef struct mctx {
    wn_doc *d;
    mfield f[F_COUNT];
    int nodes;
} mctx;

static void offer(mctx *m, int field, const char *v, size_t n, int prio)
{
    if (!v)
        return;
    while (n && isspace((unsigned char)*v))
        v++, n--;
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    if (!n || n > 2000)
        return;
    if (m->f[field].v && m->f[field].prio >= prio)
        return;
    m->f[field].v = v;
    m->f[field].n = n;
    m->f[field].prio = prio;
}

static int month_of(const char *s)
{
    static const char *m[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, m[i], 3))
            return i + 1;
    return 0;
}

int wn_date_iso(const char *s, char *out, size_t outlen)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    /* already ISO: YYYY-MM-DD with an optional time */
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[3]) && (s[4] == '-' || s[4] == '/') && isdigit((unsigned char)s[5]) &&
        isdigit((unsigned char)s[6]) && s[7] == s[4] && isdigit((unsigned char)s[8]) &&
        isdigit((unsigned char)s[9])) {
        size_t n = 10;
        if (s[10] == 'T' || (s[10] == ' ' && isdigit((unsigned char)s[11]))) {
            n = 11;
            while (s[n] && (isdigit((unsigned char)s[n]) || strchr(":.+-Z", s[n])))
                n++;
        }
        if (n >= outlen)
            n = outlen - 1;
        memcpy(out, s, n);
        out[4] = out[7] = '-';
        if (n > 10)
            out[10] = 'T';
        out[n] = 0;
        return 0;
    }
    /* "September 4, 2025", "4 September 2025", "Sep 4 2025" */
    int day = 0, mon = 0, year = 0;
    const char *p = s;
    for (int tok = 0; *p && tok < 6; tok++) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        if (isdigit((unsigned char)*p)) {
            int v = 0, k = 0;
            while (isdigit((unsigned char)*p))
                v = v * 10 + (*p++ - '0'), k++;
            while (isalpha((unsigned char)*p))
                p++; /* 4th */
            if (k == 4)
                year = v;
            else if (k <= 2 && !day)
                day = v;
        } else if (isalpha((unsigned char)*p)) {
            if (!mon)
                mon = month_of(p);
            while (isalpha((unsigned char)*p))
                p++;
        }
    }
    if (year >= 1990 && year <= 2100 && mon && day >= 1 && day <= 31) {
        snprintf(out, outlen, "%04d-%02d-%02d", year, mon, day);
        return 0;
    }
    return -1;
}

/* The JSON string value after "key": in s, into (v, n); NULL if absent. */
static const char *json_key(const char *s, const char *key, size_t *n)
{
    size_t kl = strlen(key);
    for (const char *p = strstr(s, key); p; p = strstr(p + 1, key)) {
        if (p == s || p[-1] != '"' || p[kl] != '"')
            continue;
        const char *q = p + kl + 1;
        while (*q && isspace((unsigned char)*q))
            q++;
        if (*q != ':')
            continue;
        q++;
        while (*q && isspace((unsigned char)*q))
            q++;
        return q;
        (void)n;
    }
    return NULL;
}

/* A JSON string literal at q (raw; escapes kept out by stopping at them). */
static size_t json_strlen(const char *q)
{
    if (*q != '"')
        return 0;
    size_t n = 1;
    while (q[n] && q[n] != '"') {
        if (q[n] == '\\' && q[n + 1])
            n++;
        n++;
    }
    return q[n] == '"' ? n + 1 : 0;
}

static void offer_json_string(mctx *m, int field, const char *q, int prio)
{
    size_t n = json_strlen(q);
    if (n < 2)
        return;
    size_t l;
    char *v = wn_json_unescape(m->d->arena, q, n, &l);
    if (v)
        offer(m, field, v, l, prio);
}

static void json_ld(mctx *m, const char *s)
{
    const char *q;
    size_t n;
    if ((q = json_key(s, "headline", &n)))
        offer_json_string(m, F_TITLE, q, 50);
    if ((q = json_key(s, "datePublished", &n)))
        offer_json_string(m, F_DATE, q, 50);
    else if ((q = json_key(s, "dateCreated", &n)))
        offer_json_string(m, F_DATE, q, 45);
    if ((q = json_key(s, "author", &n))) {
        if (*q == '"')
            offer_json_string(m, F_AUTHOR, q, 50);
        else {
            /* {"@type":"Person","name":"..."} or [{...}]: the first name */
            const char *nm = json_key(q, "name", &n);
            if (nm && nm - q < 400)
                offer_json_string(m, F_AUTHOR, nm, 50);
        }
    }
    if ((q = json_key(s, "publisher", &n))) {
        const char *nm = json_key(q, "name", &n);
        if (nm && nm - q < 400)
            offer_json_string(m, F_SITE, nm, 20);
    }
}

static void element_meta(mctx *m, xmlNode *n, wn_tag t)
{
    const char *v, *c;
    switch (t) {
    case T_HTML:
        if ((v = wn_attr(n, "lang")) || (v = wn_attr(n, "xml:lang")))
            offer(m, F_LANG, v, strlen(v), 10);
        break;
    case T_TITLE:
        if (n->children && n->children->type == XML_TEXT_NODE && n->children->content)
            offer(m, F_TITLE, (const char *)n->children->content, strlen((const char *)n->children->content), 10);
        break;
    case T_META:
        c = wn_attr(n, "content");
        if (!c)
            break;
        if ((v = wn_attr(n, "property")) || (v = wn_attr(n, "name")) || (v = wn_attr(n, "itemprop"))) {
            if (!strcasecmp(v, "og:title") || !strcasecmp(v, "twitter:title"))
                offer(m, F_TITLE, c, strlen(c), 40);
            else if (!strcasecmp(v, "author") || !strcasecmp(v, "article:author") ||
                     !strcasecmp(v, "parsely-author") || !strcasecmp(v, "dc.creator"))
                offer(m, F_AUTHOR, c, strlen(c), strncmp(c, "http", 4) ? 40 : 5);
            else if (!strcasecmp(v, "article:published_time") || !strcasecmp(v, "datepublished") ||
                     !strcasecmp(v, "date") || !strcasecmp(v, "pubdate") || !strcasecmp(v, "dc.date") ||
                     !strcasecmp(v, "parsely-pub-date") || !strcasecmp(v, "publish-date"))
                offer(m, F_DATE, c, strlen(c), 40);
            else if (!strcasecmp(v, "og:site_name") || !strcasecmp(v, "application-name"))
                offer(m, F_SITE, c, strlen(c), 40);
            else if (!strcasecmp(v, "og:url"))
                offer(m, F_URL, c, strlen(c), 20);
            else if (!strcasecmp(v, "description") || !strcasecmp(v, "og:description"))
                offer(m, F_DESC, c, strlen(c), !strcasecmp(v, "description") ? 40 : 30);
        }
        if ((v = wn_attr(n, "http-equiv")) && !strcasecmp(v, "content-language"))
            offer(m, F_LANG, c, strlen(c), 5);
        break;
    case T_LINK:
        if ((v = wn_attr(n, "rel")) && !strcasecmp(v, "canonical") && (c = wn_attr(n, "href")))
            offer(m, F_URL, c, strlen(c), 40);
        break;
    case T_TIME:
        if ((v = wn_attr(n, "datetime")))
            offer(m, F_DATE, v, strlen(v), 10);
        break;
    case T_SCRIPT:
        if ((v = wn_attr(n, "type")) && !strcasecmp(v, "application/ld+json") && n->children &&
            n->children->content)
            json_ld(m, (const char *)n->children->content);
        break;
    case T_A:
        if ((v = wn_attr(n, "rel")) && !strcasecmp(v, "author") && n->children &&
            n->children->type == XML_TEXT_NODE && n->children->content)
            offer(m, F_AUTHOR, (const char *)n->children->content, strlen((const char *)n->children->content), 8);
        break;
    default:
        break;
    }
}

static void walk(mctx *m, xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c && depth < 256 && m->nodes < 400000; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        m->nodes++;
        wn_ninfo *ci = wn_info(c);
        wn_tag t = ci ? (wn_tag)ci->tag : wn_tag_of(c->name);
        element_meta(m, c, t);
        walk(m, c, depth + 1);
    }
}

void wn_meta_collect(wn_doc *d, xmlDoc *doc, xmlNode *root)
{
    (void)doc;
    mctx m = {.d = d};
    element_meta(&m, root, wn_tag_of(root->name));
    walk(&m, root, 0);
    for (int f = 0; f < F_COUNT; f++) {
        if (!m.f[f].v)
            continue;
        /* a field the record already has (the WARC URL) is not replaced */
        int have = 0;
        for (size_t i = 0; i < d->meta.n; i++)
            if (!strcmp(d->meta.v[i].key, field_names[f]))
                have = 1;
        if (have)
            continue;
        if (f == F_DATE) {
            char iso[40], tmp[64];
            size_t n = m.f[f].n < sizeof tmp - 1 ? m.f[f].n : sizeof tmp - 1;
            memcpy(tmp, m.f[f].v, n);
            tmp[n] = 0;
            if (wn_date_iso(tmp, iso, sizeof iso))
                continue;
            wn_doc_meta_str(d, "date", iso, strlen(iso));
            continue;
        }
        /* collapse inner whitespace runs (titles span lines) */
        char *v = wn_arena_alloc(d->arena, m.f[f].n + 1);
        if (!v)
            return;
        size_t k = 0;
        int sp = 0;
        for (size_t i = 0; i < m.f[f].n; i++) {
            unsigned char ch = (unsigned char)m.f[f].v[i];
            if (isspace(ch)) {
                sp = 1;
                continue;
            }
            if (sp && k)
                v[k++] = ' ';
            sp = 0;
            v[k++] = (char)ch;
        }
        wn_doc_meta_str(d, field_names[f], v, k);
    }
}
