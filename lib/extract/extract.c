/*
 * extract.c - the "extract" stage: an HTML page in, its main content out as
 * Markdown text, with metadata and evidence of what was left out and why.
 *
 * The method, in the order it runs:
 *   1. charset.c decides the encoding and gives UTF-8;
 *   2. libxml2's HTML parser builds a tree (recovering from any markup);
 *   3. every element gets its tag and its raw text size (pass 1);
 *   4. boilerplate is marked top-down from the evidence a careful reader
 *      uses: tags (nav, aside, footer), ARIA roles, hidden markers, and
 *      class/id words (menu, share, cookie, related, comments, ads...). A
 *      subtree that holds most of the page's text is never dropped on a class
 *      word alone: sites name their whole layout "has-sidebar" (pass 2);
 *   5. kept text, link text, prose blocks and the text of short links
 *      (navigation) are summed bottom-up (pass 3);
 *   6. the main block is the deepest element that still holds a given share
 *      (main_share, 0.6) of the page's kept non-link text. Taking a share of
 *      the whole page rather than of the parent keeps articles (one big
 *      block), forums and listings (the container of the repeated posts or
 *      cards) and multi-section service pages (the parent of the sections)
 *      whole without knowing the page type. The descent stops where it
 *      would leave prose behind, starts inside the page's <main> when that
 *      holds a fair share, and on pages without prose is made again with
 *      only short links counted against an element, so that the long
 *      title links of a listing's cards are content;
 *   7. inside the main block, lists of links with no prose are dropped;
 *   8. render.c writes the kept part as Markdown, tables as pipe tables,
 *      and drops lines that repeat an earlier line.
 * Pages with no usable body fall back to the whole body.
 *
 * Limits: at most MAX_NODES elements are examined and MAX_DEPTH levels
 * deep; what lies beyond is treated as absent, so no page can take long.
 */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/json.h"
#include "core/stage.h"
#include "extract_int.h"

#define MAX_NODES 400000
#define MAX_DEPTH 256

const char *const wn_drop_kind_names[D_KIND_COUNT] = {
    "none", "script", "hidden", "form", "navigation", "header", "footer", "sidebar", "share", "comments",
    "related", "ads", "consent", "newsletter", "post_meta", "outside_main", "link_list",
};

/* ---- tags ---- */

static const struct {
    const char *name;
    wn_tag tag;
} tag_table[] = {
    {"a", T_A}, {"address", T_ADDRESS}, {"article", T_ARTICLE}, {"aside", T_ASIDE}, {"audio", T_AUDIO},
    {"blockquote", T_BLOCKQUOTE}, {"body", T_BODY}, {"br", T_BR}, {"button", T_BUTTON}, {"canvas", T_CANVAS},
    {"caption", T_CAPTION}, {"center", T_CENTER}, {"code", T_CODE}, {"dd", T_DD}, {"details", T_DETAILS},
    {"dialog", T_DIALOG}, {"div", T_DIV}, {"dl", T_DL}, {"dt", T_DT}, {"embed", T_EMBED},
    {"fieldset", T_FIELDSET}, {"figcaption", T_FIGCAPTION}, {"figure", T_FIGURE}, {"footer", T_FOOTER},
    {"form", T_FORM}, {"h1", T_H1}, {"h2", T_H2}, {"h3", T_H3}, {"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6},
    {"head", T_HEAD}, {"header", T_HEADER}, {"hr", T_HR}, {"html", T_HTML}, {"iframe", T_IFRAME},
    {"img", T_IMG}, {"input", T_INPUT}, {"label", T_LABEL}, {"li", T_LI}, {"link", T_LINK}, {"main", T_MAIN},
    {"map", T_MAP}, {"math", T_MATH}, {"meta", T_META}, {"nav", T_NAV}, {"noscript", T_NOSCRIPT},
    {"object", T_OBJECT}, {"ol", T_OL}, {"option", T_OPTION}, {"p", T_P}, {"picture", T_PICTURE},
    {"pre", T_PRE}, {"script", T_SCRIPT}, {"section", T_SECTION}, {"select", T_SELECT}, {"style", T_STYLE},
    {"summary", T_SUMMARY}, {"svg", T_SVG}, {"table", T_TABLE}, {"tbody", T_TBODY}, {"td", T_TD},
    {"template", T_TEMPLATE}, {"textarea", T_TEXTAREA}, {"tfoot", T_TFOOT}, {"th", T_TH}, {"thead", T_THEAD},
    {"time", T_TIME}, {"title", T_TITLE}, {"tr", T_TR}, {"ul", T_UL}, {"video", T_VIDEO},
};

wn_tag wn_tag_of(const xmlChar *name)
{
    if (!name)
        return T_OTHER;
    size_t lo = 0, hi = sizeof tag_table / sizeof tag_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp((const char *)name, tag_table[mid].name);
        if (!c)
            return tag_table[mid].tag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return T_OTHER;
}

int wn_tag_is_block(wn_tag t)
{
    switch (t) {
    case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_BODY: case T_CAPTION:
    case T_CENTER: case T_DD: case T_DETAILS: case T_DIALOG: case T_DIV: case T_DL: case T_DT:
    case T_FIELDSET: case T_FIGCAPTION: case T_FIGURE: case T_FOOTER: case T_FORM: case T_H1: case T_H2:
    case T_H3: case T_H4: case T_H5: case T_H6: case T_HEADER: case T_HR: case T_HTML: case T_LI:
    case T_MAIN: case T_NAV: case T_OL: case T_P: case T_PRE: case T_SECTION: case T_SUMMARY:
    case T_TABLE: case T_TBODY: case T_TD: case T_TFOOT: case T_TH: case T_THEAD: case T_TR: case T_UL:
        return 1;
    default:
        return 0;
    }
}

const char *wn_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcasecmp((const char *)a->name, name)) {
            const xmlNode *v = a->children;
            if (v && v->type == XML_TEXT_NODE && v->content)
                return (const char *)v->content;
            return "";
        }
    return NULL;
}

/* ---- class and id words ---- */

#define HW(w, k) {w, sizeof w - 1, k}
static const struct {
    const char *word;
    size_t len;
    wn_drop_kind kind;
} hint_words[] = {
    /* words of a class or id, split at anything not a letter or digit;
     * sorted, so that word_kind() finds the entries of a first letter by
     * binary search */
    HW("ad", D_ADS), HW("addthis", D_SHARE), HW("ads", D_ADS), HW("adsense", D_ADS), HW("adslot", D_ADS),
    HW("advert", D_ADS), HW("advertisement", D_ADS), HW("advertising", D_ADS), HW("author", D_META),
    HW("breadcrumb", D_NAV), HW("breadcrumbs", D_NAV), HW("btn", D_FORM), HW("button", D_FORM),
    HW("byline", D_META), HW("colophon", D_FOOTER), HW("comment", D_COMMENTS), HW("comments", D_COMMENTS),
    HW("consent", D_CONSENT), HW("cookie", D_CONSENT), HW("cookies", D_CONSENT), HW("copyright", D_FOOTER),
    HW("cta", D_ADS), HW("dateline", D_META), HW("disqus", D_COMMENTS), HW("footer", D_FOOTER),
    HW("gdpr", D_CONSENT), HW("header", D_HEADER), HW("mailchimp", D_NEWSLETTER), HW("masthead", D_HEADER),
    HW("megamenu", D_NAV), HW("menu", D_NAV), HW("menubar", D_NAV), HW("modal", D_CONSENT), HW("nav", D_NAV),
    HW("navbar", D_NAV), HW("navigation", D_NAV), HW("newsletter", D_NEWSLETTER), HW("onetrust", D_CONSENT),
    HW("optin", D_NEWSLETTER), HW("outbrain", D_RELATED), HW("pager", D_NAV), HW("pagination", D_NAV),
    HW("popup", D_CONSENT), HW("postprofile", D_META), HW("promo", D_ADS), HW("rail", D_SIDEBAR),
    HW("recommendations", D_RELATED), HW("recommended", D_RELATED), HW("related", D_RELATED),
    HW("respond", D_COMMENTS), HW("screen", D_HIDDEN), HW("share", D_SHARE), HW("sharedaddy", D_SHARE),
    HW("sharing", D_SHARE), HW("sidebar", D_SIDEBAR), HW("sidenav", D_NAV), HW("signature", D_META),
    HW("signup", D_NEWSLETTER), HW("skip", D_NAV), HW("social", D_SHARE), HW("socials", D_SHARE),
    HW("sponsor", D_ADS), HW("sponsored", D_ADS), HW("sr", D_HIDDEN), HW("submenu", D_NAV),
    HW("subscribe", D_NEWSLETTER), HW("taboola", D_RELATED), HW("toc", D_NAV), HW("topbar", D_HEADER),
    HW("trending", D_RELATED), HW("userinfo", D_META), HW("visually", D_HIDDEN), HW("widget", D_SIDEBAR),
    HW("widgets", D_SIDEBAR),
};

/* Words that only count next to another word, e.g. "sr-only", "screen-reader". */
static wn_drop_kind word_kind(const char *w, size_t n, const char *next, size_t nn)
{
    size_t lo = 0, hi = sizeof hint_words / sizeof hint_words[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((unsigned char)hint_words[mid].word[0] < (unsigned char)w[0])
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < sizeof hint_words / sizeof hint_words[0] && hint_words[i].word[0] == w[0]; i++) {
        const char *h = hint_words[i].word;
        size_t hl = hint_words[i].len;
        /* long words also match as prefixes: "sidebarleft", "commentlist" */
        if (hl > n || strncmp(h, w, hl) || (hl < n && (hl < 6 || (n == 10 && !strncmp(w, "commentary", 10)))))
            continue;
        wn_drop_kind k = hint_words[i].kind;
        if (k == D_HIDDEN) {
            if (!strcmp(h, "sr") && nn == 4 && !strncmp(next, "only", 4))
                return D_HIDDEN;
            if (!strcmp(h, "screen") && nn == 6 && !strncmp(next, "reader", 6))
                return D_HIDDEN;
            if (!strcmp(h, "visually") && nn == 6 && !strncmp(next, "hidden", 6))
                return D_HIDDEN;
            return D_NONE;
        }
        /* "skip" only as "skip-link"/"skip-to"; "ad" never as a prefix word */
        if (!strcmp(h, "skip") && !(nn && (!strncmp(next, "link", 4) || !strncmp(next, "to", 2) ||
                                            !strncmp(next, "nav", 3))))
            return D_NONE;
        return k;
    }
    return D_NONE;
}

/* The boilerplate kind a class or id value names, if any. */
static wn_drop_kind hint_kind(const char *v)
{
    char low[256];
    size_t n = 0;
    for (; v[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)v[n]);
    low[n] = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !isalnum((unsigned char)low[i]))
            i++;
        size_t s = i;
        while (i < n && isalnum((unsigned char)low[i]))
            i++;
        if (i == s)
            break;
        size_t j = i;
        while (j < n && !isalnum((unsigned char)low[j]))
            j++;
        size_t ns = j;
        while (j < n && isalnum((unsigned char)low[j]))
            j++;
        wn_drop_kind k = word_kind(low + s, i - s, low + ns, j - ns);
        if (k)
            return k;
    }
    return D_NONE;
}

static wn_drop_kind role_kind(const char *r)
{
    if (!strcasecmp(r, "navigation") || !strcasecmp(r, "menu") || !strcasecmp(r, "menubar") ||
        !strcasecmp(r, "search"))
        return D_NAV;
    if (!strcasecmp(r, "banner"))
        return D_HEADER;
    if (!strcasecmp(r, "contentinfo"))
        return D_FOOTER;
    if (!strcasecmp(r, "complementary"))
        return D_SIDEBAR;
    if (!strcasecmp(r, "dialog") || !strcasecmp(r, "alertdialog"))
        return D_CONSENT;
    return D_NONE;
}

/* A class list with a token that hides the element in the common CSS
 * frameworks ("hidden", "hide", "d-none", "is-hidden"). Responsive forms
 * such as "hidden-xs", "hide-on-mobile" or "hidden md:flex" hide only on
 * some screens. */
static int class_hidden(const char *v)
{
    static const char *const hide[] = {"hidden", "hide", "d-none", "is-hidden", "invisible", "u-hidden"};
    if (strchr(v, ':'))
        return 0; /* utility classes: "hidden lg:block" shows on large screens */
    while (*v) {
        while (*v && isspace((unsigned char)*v))
            v++;
        const char *s = v;
        while (*v && !isspace((unsigned char)*v))
            v++;
        for (size_t i = 0; i < sizeof hide / sizeof hide[0]; i++)
            if ((size_t)(v - s) == strlen(hide[i]) && !strncasecmp(s, hide[i], (size_t)(v - s)))
                return 1;
    }
    return 0;
}

static int style_hidden(const char *s)
{
    char buf[128];
    size_t k = 0;
    for (; *s && k + 1 < sizeof buf; s++)
        if (!isspace((unsigned char)*s))
            buf[k++] = (char)tolower((unsigned char)*s);
    buf[k] = 0;
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* ---- the passes ---- */

typedef struct ectx {
    wn_arena *a;
    size_t nodes;
    int capped;
    uint32_t body_raw;
    unsigned link16; /* weight of link text in the main-block measure, in 1/16ths */
    int use_nav; /* measure only links of few words against an element */
    unsigned title_words; /* links of at least this many words are titles */
    int lenient; /* second round: class/id words and <header> are ignored */
    uint64_t drop_n[D_KIND_COUNT], drop_chars[D_KIND_COUNT];
} ectx;

static uint32_t text_bytes(const xmlChar *s)
{
    uint32_t n = 0;
    for (; *s; s++)
        n += !(*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r');
    return n;
}

/* Pass 1: info for every element, raw text sizes. */
static uint32_t pass_raw(ectx *e, xmlNode *n, int depth)
{
    uint32_t sum = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                sum += text_bytes(c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (depth >= MAX_DEPTH || e->nodes >= MAX_NODES) {
            e->capped = 1;
            continue; /* no info: ignored by every later pass */
        }
        wn_ninfo *ci = wn_arena_calloc(e->a, 1, sizeof *ci);
        if (!ci) {
            e->capped = 1;
            continue;
        }
        e->nodes++;
        c->_private = ci;
        ci->tag = (uint16_t)wn_tag_of(c->name);
        if (ci->tag == T_SCRIPT || ci->tag == T_STYLE || ci->tag == T_TEMPLATE || ci->tag == T_HEAD ||
            ci->tag == T_SVG || ci->tag == T_MATH) {
            ci->drop = D_CODE;
            pass_raw(e, c, depth + 1); /* infos for the metadata walk; text not counted */
            continue;
        }
        ci->raw = pass_raw(e, c, depth + 1);
        sum += ci->raw;
    }
    return sum;
}

/* The attributes pass 2 reads, found in one walk over the list. */
typedef struct attrs {
    const char *id, *class, *role, *style, *hidden, *aria_hidden;
} attrs;

static void scan_attrs(const xmlNode *n, attrs *at)
{
    memset(at, 0, sizeof *at);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (!name)
            continue;
        const char **slot = NULL;
        switch (name[0] | 0x20) {
        case 'i': slot = !strcasecmp(name, "id") ? &at->id : NULL; break;
        case 'c': slot = !strcasecmp(name, "class") ? &at->class : NULL; break;
        case 'r': slot = !strcasecmp(name, "role") ? &at->role : NULL; break;
        case 's': slot = !strcasecmp(name, "style") ? &at->style : NULL; break;
        case 'h': slot = !strcasecmp(name, "hidden") ? &at->hidden : NULL; break;
        case 'a': slot = !strcasecmp(name, "aria-hidden") ? &at->aria_hidden : NULL; break;
        default: break;
        }
        if (!slot || *slot)
            continue; /* the first of a repeated attribute counts, as in wn_attr() */
        const xmlNode *v = a->children;
        *slot = v && v->type == XML_TEXT_NODE && v->content ? (const char *)v->content : "";
    }
}

/* True when a heading or a link lies under n. */
static int holds_title(const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && depth < 16; c = c->next) {
        const wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci)
            continue;
        if (ci->tag == T_A || (ci->tag >= T_H1 && ci->tag <= T_H6) || holds_title(c, depth + 1))
            return 1;
    }
    return 0;
}

static void count_drop(ectx *e, wn_ninfo *ni)
{
    e->drop_n[ni->drop]++;
    e->drop_chars[ni->drop] += ni->raw;
}

/* Pass 2: boilerplate marks, top-down. */
static void pass_drop(ectx *e, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci)
            continue;
        if (ci->drop) {
            count_drop(e, ci);
            continue;
        }
        wn_drop_kind k = D_NONE;
        int strong = 0; /* strong marks hold even for big subtrees */
        switch (ci->tag) {
        case T_BUTTON: case T_SELECT: case T_OPTION: case T_TEXTAREA: case T_INPUT: case T_LABEL:
        case T_IFRAME: case T_OBJECT: case T_EMBED: case T_CANVAS: case T_VIDEO: case T_AUDIO: case T_MAP:
            k = D_FORM;
            break;
        case T_NAV: k = D_NAV; break;
        case T_FIGCAPTION:
            /* a photo caption, unless it holds a heading or a link: then
             * it is the text of a card */
            if (!holds_title(c, 0))
                k = D_META;
            break;
        case T_ASIDE: k = D_SIDEBAR; break;
        case T_FOOTER: k = D_FOOTER; break;
        case T_HEADER: k = e->lenient ? D_NONE : D_HEADER; break;
        case T_DIALOG: k = D_CONSENT; break;
        case T_NOSCRIPT:
            /* "please enable JavaScript" notes are boilerplate, but some
             * sites (Discourse forums) serve the whole page in <noscript> */
            if (ci->raw * 3 < e->body_raw)
                k = D_CODE, strong = 1;
            break;
        default: break;
        }
        attrs at;
        scan_attrs(c, &at);
        if (!k && !e->lenient && (at.hidden || (at.aria_hidden && !strcasecmp(at.aria_hidden, "true")) ||
                                  (at.style && style_hidden(at.style)) || (at.class && class_hidden(at.class))))
            k = D_HIDDEN;
        if (!k && at.role)
            k = role_kind(at.role);
        if (!k && ci->tag != T_BODY && ci->tag != T_HTML && ci->tag != T_MAIN && ci->tag != T_ARTICLE) {
            if (at.id)
                k = hint_kind(at.id);
            if (!k && at.class)
                k = hint_kind(at.class);
            if (e->lenient && k != D_HIDDEN && k != D_CONSENT)
                k = D_NONE;
            /* a consent banner is never the content, however long; but in
             * the second round a "modal" holding nearly all of the page is
             * the page (sites that open their articles as overlays) */
            if (k == D_CONSENT && !(e->lenient && (uint64_t)ci->raw * 10 > (uint64_t)e->body_raw * 8))
                strong = 1;
            if (k == D_COMMENTS)
                strong = 1; /* comments can outgrow the article; forums get round two */
        }
        /* a mark on a subtree holding most of the page is a layout name,
         * not boilerplate */
        if (k && !strong && e->body_raw && ci->raw * 2 > e->body_raw)
            k = D_NONE;
        if (k) {
            ci->drop = (uint8_t)k;
            count_drop(e, ci);
            continue;
        }
        pass_drop(e, c);
    }
}

/* Pass 3: kept text, link text and prose blocks, bottom-up. */
/* Non-space bytes and words of a text node, in one pass. */
static uint32_t text_count(const xmlChar *s, uint32_t *words)
{
    uint32_t n = 0, w = 0;
    int in = 0;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        n += !sp;
        w += !sp && !in;
        in = !sp;
    }
    *words += w;
    return n;
}

static void pass_kept(const ectx *e, xmlNode *n, int in_link, wn_ninfo *sum, uint32_t *words)
{
    /* text straight inside a list is not rendered (it is mostly attribute
     * soup the parser could not read), so it does not count either */
    wn_tag nt = wn_info(n) ? (wn_tag)wn_info(n)->tag : T_OTHER;
    int bare_text = nt != T_UL && nt != T_OL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && bare_text) {
                uint32_t t = text_count(c->content, words);
                sum->text += t;
                if (in_link)
                    sum->link += t;
            }
            continue;
        }
        wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci || ci->drop)
            continue;
        ci->text = ci->link = ci->paras = ci->nav = 0;
        uint32_t cw = 0;
        pass_kept(e, c, in_link || ci->tag == T_A, ci, &cw);
        /* a link of a few words is navigation; a longer one is the title
         * of a card, a post or a product, which a listing is made of */
        if (ci->tag == T_A && !in_link)
            ci->nav = cw < e->title_words ? ci->link : 0;
        if ((ci->tag == T_P || ci->tag == T_PRE || ci->tag == T_BLOCKQUOTE || ci->tag == T_TD ||
             ci->tag == T_LI || ci->tag == T_DD) &&
            ci->text >= 80 && ci->link * 2 < ci->text)
            ci->paras++;
        if (ci->tag == T_TABLE)
            ci->data_table = (uint8_t)wn_table_is_data(c);
        sum->text += ci->text;
        sum->link += ci->link;
        sum->paras += ci->paras;
        sum->nav += ci->nav;
        *words += cw;
    }
}

/* Undo the marks of pass 2 (and of the main-block choice) for a new round. */
static void reset_drops(ectx *e, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci)
            continue;
        if (ci->drop != D_CODE)
            ci->drop = D_NONE;
        reset_drops(e, c);
    }
}

/* Kept text with link text discounted by weight (0..1) in 1/16ths: menus
 * are links, but so are the titles of the cards a listing is made of. */
static uint32_t good_w(const wn_ninfo *ni, unsigned link16, int use_nav)
{
    return ni->text - (uint32_t)(((uint64_t)(use_nav ? ni->nav : ni->link) * link16) >> 4);
}
#define good(ni) good_w((ni), e->link16, e->use_nav)

/* The deepest element holding at least need bytes of kept non-link text. */
static xmlNode *choose_main(const ectx *e, xmlNode *body, uint32_t need)
{
    xmlNode *cur = body;
    for (;;) {
        xmlNode *best = NULL;
        uint32_t bg = 0;
        for (xmlNode *c = cur->children; c; c = c->next) {
            wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
            if (!ci || ci->drop)
                continue;
            if (good(ci) > bg) {
                bg = good(ci);
                best = c;
            }
        }
        if (!best || bg < need)
            return cur;
        /* the siblings it would leave behind hold prose of their own (four
         * paragraphs and half as much text): the content spans them, as
         * the sections of a service page or an introduction above a grid */
        const wn_ninfo *ci = wn_info(cur), *bi = wn_info(best);
        if (ci->paras - bi->paras >= 4 && (good(ci) - bg) * 2 >= bg)
            return cur;
        /* the main block is a container: a single paragraph, heading or
         * list item holding most of the text is a short page, and its
         * siblings belong with it */
        wn_tag bt = (wn_tag)wn_info(best)->tag;
        if (bt == T_P || bt == T_PRE || bt == T_BLOCKQUOTE || bt == T_LI || bt == T_DD || bt == T_DT ||
            bt == T_TH || bt == T_H1 || bt == T_H2 || bt == T_H3 || bt == T_H4 || bt == T_H5 || bt == T_H6 ||
            bt == T_A || bt == T_CODE || (!wn_tag_is_block(bt) && bt != T_OTHER))
            return cur;
        cur = best;
    }
}

/* Inside the main block: lists and boxes of links without prose. */
typedef struct linkbox {
    wn_ninfo **v;
    size_t n, cap;
    uint64_t chars;
} linkbox;

static void find_link_lists(ectx *e, xmlNode *n, uint32_t main_text, linkbox *lb)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci || ci->drop)
            continue;
        int container = ci->tag == T_UL || ci->tag == T_OL || ci->tag == T_DIV || ci->tag == T_SECTION ||
                        ci->tag == T_DL || ci->tag == T_P || ci->tag == T_TABLE;
        if (container && ci->text && ci->paras == 0 && ci->link * 10 >= ci->text * 8 &&
            ci->text * 4 < main_text) {
            if (lb->n == lb->cap) {
                size_t nc = lb->cap ? lb->cap * 2 : 64;
                wn_ninfo **nv = wn_arena_realloc(e->a, lb->v, lb->cap * sizeof *nv, nc * sizeof *nv);
                if (!nv)
                    return;
                lb->v = nv;
                lb->cap = nc;
            }
            lb->v[lb->n++] = ci;
            lb->chars += ci->text;
            continue;
        }
        find_link_lists(e, c, main_text, lb);
    }
}

static void drop_link_lists(ectx *e, xmlNode *main, uint32_t main_text)
{
    linkbox lb = {0};
    find_link_lists(e, main, main_text, &lb);
    /* when the link boxes are most of the block, they are the content: the
     * cards of a listing or the entries of a category page */
    if (lb.chars * 2 > main_text)
        return;
    for (size_t i = 0; i < lb.n; i++) {
        lb.v[i]->drop = D_LINKS;
        e->drop_n[D_LINKS]++;
        e->drop_chars[D_LINKS] += lb.v[i]->text;
    }
}

static void mark_outside(ectx *e, xmlNode *body, xmlNode *main)
{
    /* every sibling of main and of its ancestors up to body is outside */
    for (xmlNode *m = main; m && m != body; m = m->parent) {
        for (xmlNode *s = m->parent ? m->parent->children : NULL; s; s = s->next) {
            wn_ninfo *si = s->type == XML_ELEMENT_NODE ? wn_info(s) : NULL;
            if (s == m || !si || si->drop)
                continue;
            si->drop = D_OUTSIDE;
            e->drop_n[D_OUTSIDE]++;
            e->drop_chars[D_OUTSIDE] += si->text;
        }
    }
}

static xmlNode *find_tag(xmlNode *n, wn_tag t, int depth)
{
    for (xmlNode *c = n ? n->children : NULL; c && depth < 8; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (wn_info(c) && wn_info(c)->tag == t)
            return c;
        xmlNode *r = find_tag(c, t, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

/* The page's own "main" landmark: <main> or role="main", kept, outermost. */
static xmlNode *find_landmark(xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c && depth < 24; c = c->next) {
        wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci || ci->drop || !ci->text)
            continue;
        const char *r;
        if (ci->tag == T_MAIN || ((r = wn_attr(c, "role")) && !strcasecmp(r, "main")))
            return c;
        xmlNode *f = find_landmark(c, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

/* "div#content.post-body" for the evidence */
static void describe(const xmlNode *n, wn_buf *b)
{
    wn_buf_puts(b, n->name ? (const char *)n->name : "?");
    const char *v = wn_attr(n, "id");
    if (v && *v)
        wn_buf_printf(b, "#%.40s", v);
    v = wn_attr(n, "class");
    if (v && *v) {
        wn_buf_putc(b, '.');
        for (int i = 0; v[i] && i < 60; i++)
            wn_buf_putc(b, isspace((unsigned char)v[i]) ? '.' : v[i]);
    }
}

typedef struct extract_state {
    double main_share;
    double link_weight;
    int text_tables;
    int markdown;
    int link_lists;
    int parse_only; /* benchmark baseline: charset and parse, nothing else */
    int outline;    /* debugging: the text is an outline of the tree */
    double landmark_share;
    unsigned title_words;
    int drop_repeats;
} extract_state;

static xmlNode *find_landmark(xmlNode *n, int depth);

/* The main block of the page, given the current marks and counts. */
static xmlNode *pick_main(const ectx *e, const extract_state *s, xmlNode *body, uint32_t *total, int *in_landmark)
{
    wn_ninfo *bi = wn_info(body);
    *total = good(bi);
    uint32_t need = (uint32_t)(*total * s->main_share);
    xmlNode *from = body;
    xmlNode *landmark = s->landmark_share > 0 ? find_landmark(body, 0) : NULL;
    /* the page's own <main>, when it holds a fair share of the text,
     * unless the prose of the page lies outside it */
    if (landmark && good(wn_info(landmark)) >= *total * s->landmark_share && good(wn_info(landmark)) < need &&
        (wn_info(landmark)->paras || bi->paras < 3)) {
        from = landmark;
        need = (uint32_t)(good(wn_info(landmark)) * 0.9);
    }
    *in_landmark = from != body;
    return choose_main(e, from, need > 0 ? need : 1);
}

/* An outline of the element tree with the figures the passes computed, one
 * element a line, for finding out why a page came out the way it did
 * (extract.outline=1). Elements with fewer than min_raw text bytes are
 * left out. */
static void outline(const xmlNode *n, const xmlNode *main, int depth, uint32_t min_raw, wn_buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        const wn_ninfo *ci = c->type == XML_ELEMENT_NODE ? wn_info(c) : NULL;
        if (!ci || ci->raw < min_raw || ci->drop == D_CODE)
            continue;
        for (int i = 0; i < depth && i < 40; i++)
            wn_buf_puts(b, i % 2 ? " " : "|");
        describe(c, b);
        wn_buf_printf(b, "  raw=%u text=%u link=%u paras=%u", ci->raw, ci->text, ci->link, ci->paras);
        if (ci->drop)
            wn_buf_printf(b, " DROP=%s", wn_drop_kind_names[ci->drop]);
        if (c == main)
            wn_buf_puts(b, " <== MAIN");
        wn_buf_putc(b, '\n');
        if (!ci->drop || ci->drop == D_OUTSIDE)
            outline(c, main, depth + 1, min_raw, b);
    }
}

/* ---- the stage ---- */


static void *ex_create(char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    xmlInitParser(); /* once, before worker threads parse */
    extract_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->main_share = 0.6;
    s->link_weight = 1.0;
    s->markdown = 1;
    s->link_lists = 1;
    s->landmark_share = 0.25;
    s->title_words = 8;
    s->drop_repeats = 1;
    return s;
}

static int ex_set(void *state, const char *param, const char *value, char *err, size_t errlen)
{
    extract_state *s = state;
    if (!strcmp(param, "main_share")) {
        double v;
        if (wn_param_double(value, &v) || v <= 0 || v > 1) {
            snprintf(err, errlen, "extract.main_share must be a number in (0, 1]");
            return -2;
        }
        s->main_share = v;
        return 0;
    }
    if (!strcmp(param, "landmark_share")) {
        double v;
        if (wn_param_double(value, &v) || v < 0 || v > 1) {
            snprintf(err, errlen, "extract.landmark_share must be a number in [0, 1]");
            return -2;
        }
        s->landmark_share = v;
        return 0;
    }
    if (!strcmp(param, "title_words")) {
        double v;
        if (wn_param_double(value, &v) || v < 1 || v > 1000 || v != (unsigned)v) {
            snprintf(err, errlen, "extract.title_words must be a whole number from 1 to 1000");
            return -2;
        }
        s->title_words = (unsigned)v;
        return 0;
    }
    if (!strcmp(param, "link_weight")) {
        double v;
        if (wn_param_double(value, &v) || v < 0 || v > 1) {
            snprintf(err, errlen, "extract.link_weight must be a number in [0, 1]");
            return -2;
        }
        s->link_weight = v;
        return 0;
    }
    if (!strcmp(param, "format")) {
        if (!strcmp(value, "markdown"))
            s->markdown = 1, s->text_tables = 0;
        else if (!strcmp(value, "text"))
            s->markdown = 0, s->text_tables = 1;
        else {
            snprintf(err, errlen, "extract.format is markdown or text");
            return -2;
        }
        return 0;
    }
    if (!strcmp(param, "parse_only")) {
        int v;
        if (wn_param_bool(value, &v)) {
            snprintf(err, errlen, "extract.parse_only is 0 or 1");
            return -2;
        }
        s->parse_only = v;
        return 0;
    }
    if (!strcmp(param, "drop_repeats")) {
        int v;
        if (wn_param_bool(value, &v)) {
            snprintf(err, errlen, "extract.drop_repeats is 0 or 1");
            return -2;
        }
        s->drop_repeats = v;
        return 0;
    }
    if (!strcmp(param, "outline")) {
        int v;
        if (wn_param_bool(value, &v)) {
            snprintf(err, errlen, "extract.outline is 0 or 1");
            return -2;
        }
        s->outline = v;
        return 0;
    }
    if (!strcmp(param, "link_lists")) {
        int v;
        if (wn_param_bool(value, &v)) {
            snprintf(err, errlen, "extract.link_lists is 0 or 1");
            return -2;
        }
        s->link_lists = v;
        return 0;
    }
    return -1;
}

static void ex_destroy(void *state) { free(state); }

static void noop_error(void *ud, xmlErrorPtr e)
{
    (void)ud;
    (void)e;
}

/* The decoded value of a string metadata field, or NULL. */
static const char *meta_value(wn_doc *d, const char *key)
{
    for (size_t i = 0; i < d->meta.n; i++)
        if (!strcmp(d->meta.v[i].key, key)) {
            const char *j = d->meta.v[i].json;
            size_t l;
            if (!j || j[0] != '"')
                return NULL;
            return wn_json_unescape(d->arena, j, strlen(j), &l);
        }
    return NULL;
}

static wn_status ex_run(const void *state, wn_doc *d)
{
    const extract_state *s = state;
    if (d->kind != WN_INPUT_HTML)
        return WN_OK; /* text passes through untouched */
    wn_charset cs;
    char *html;
    size_t hlen;
    if (wn_charset_to_utf8(d->arena, d->text, d->len, meta_value(d, "http_content_type"), &html, &hlen, &cs))
        return WN_LIMIT;

    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return WN_NOMEM;
    /* the library never prints: errors go to a handler that drops them */
    ctxt->sax->serror = noop_error;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    const char *url = meta_value(d, "url");
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, html, (int)(hlen > INT32_MAX ? INT32_MAX : hlen), url, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    htmlFreeParserCtxt(ctxt);
    if (s->parse_only) {
        xmlFreeDoc(doc);
        wn_doc_set_text(d, "", 0);
        d->kind = WN_INPUT_TEXT;
        return WN_OK;
    }
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc)
            xmlFreeDoc(doc);
        wn_doc_set_text(d, "", 0);
        d->kind = WN_INPUT_TEXT;
        wn_doc_drop(d, "extract", "unparsable", NULL);
        return WN_OK;
    }

    ectx ectx_ = {.a = d->arena, .link16 = (unsigned)(s->link_weight * 16 + 0.5), .title_words = s->title_words},
          *e = &ectx_;
    root->_private = wn_arena_calloc(d->arena, 1, sizeof(wn_ninfo));
    if (!root->_private) {
        xmlFreeDoc(doc);
        return WN_LIMIT;
    }
    wn_info(root)->tag = (uint16_t)wn_tag_of(root->name);
    wn_info(root)->raw = pass_raw(e, root, 1);
    xmlNode *body = root->type == XML_ELEMENT_NODE && wn_info(root)->tag == T_BODY ? root
                                                                                   : find_tag(root, T_BODY, 0);
    if (!body)
        body = root;
    e->body_raw = wn_info(body)->raw;

    wn_meta_collect(d, doc, root);

    wn_ninfo *bi = wn_info(body);
    xmlNode *main = NULL;
    wn_ninfo *mi = NULL;
    uint32_t total = 0;
    int in_landmark = 0;
    for (int round = 0; round < 2; round++) {
        /* Round two, without class/id words, when round one kept almost
         * nothing: forums and comment-driven pages name their posts
         * "comment", and some sites wrap everything in a "header" class. */
        uint32_t before = mi ? good(mi) : 0; /* by the measure main was chosen with */
        if (round) {
            if (before * 5 >= e->body_raw && before >= 200)
                break;
            reset_drops(e, body);
            memset(e->drop_n, 0, sizeof e->drop_n);
            memset(e->drop_chars, 0, sizeof e->drop_chars);
            e->lenient = 1;
        }
        pass_drop(e, body);
        bi->text = bi->link = bi->paras = bi->nav = 0;
        uint32_t words = 0;
        pass_kept(e, body, 0, bi, &words);
        e->use_nav = 0;
        main = pick_main(e, s, body, &total, &in_landmark);
        mi = wn_info(main);
        /* A main block without prose may be a listing, whose content is
         * the titles of its cards: choose again counting only links of a
         * few words (menus, tags, pagers) against an element. */
        if (mi->paras < 2) {
            e->use_nav = 1;
            main = pick_main(e, s, body, &total, &in_landmark);
        }
        mi = wn_info(main);
    }
    mark_outside(e, body, main);
    if (s->link_lists)
        drop_link_lists(e, main, mi->text);

    wn_buf out;
    wn_buf_init(&out, d->len * 2 + 4096);
    wn_render_opts ro = {.text_tables = s->text_tables, .markdown = s->markdown, .drop_repeats = s->drop_repeats};
    wn_render_stats rs;
    int rc = wn_render(main, &ro, &out, &rs);
    if (s->outline) {
        out.len = 0;
        outline(root, main, 0, 30, &out);
        wn_buf_putc(&out, 0);
        out.len--;
    }

    /* evidence */
    wn_buf ev;
    wn_buf_init(&ev, 1 << 20);
    wn_buf_puts(&ev, "{\"charset\":{\"name\":");
    wn_json_put_string(&ev, cs.name, strlen(cs.name));
    wn_buf_printf(&ev, ",\"source\":\"%s\",\"converted\":%d,\"replaced\":%d}", cs.source, cs.converted,
                  cs.replaced);
    wn_buf_printf(&ev, ",\"html_bytes\":%zu,\"elements\":%zu,\"capped\":%d,\"lenient\":%d", d->len, e->nodes,
                  e->capped, e->lenient);
    wn_buf_puts(&ev, ",\"main\":{\"element\":");
    wn_buf dsc;
    wn_buf_init(&dsc, 4096);
    describe(main, &dsc);
    wn_json_put_string(&ev, dsc.data ? dsc.data : "", dsc.len);
    wn_buf_release(&dsc);
    double share = total ? (double)good(mi) / total : 0;
    wn_buf_printf(&ev,
                  ",\"share\":%.3f,\"chars\":%u,\"why\":\"deepest element holding at least %.0f%% of the "
                  "page's kept %s text%s\"}",
                  share, mi->text, s->main_share * 100,
                  e->use_nav ? "non-navigation (links of few words)" : "non-link",
                  in_landmark ? " inside its <main>" : "");
    wn_buf_puts(&ev, ",\"dropped\":{");
    int first = 1;
    for (int k = 1; k < D_KIND_COUNT; k++) {
        if (!e->drop_n[k])
            continue;
        wn_buf_printf(&ev, "%s\"%s\":{\"blocks\":%llu,\"chars\":%llu}", first ? "" : ",", wn_drop_kind_names[k],
                      (unsigned long long)e->drop_n[k], (unsigned long long)e->drop_chars[k]);
        first = 0;
    }
    wn_buf_printf(&ev, "},\"tables\":{\"data\":%u,\"layout\":%u},\"headings\":%u,\"list_items\":%u,"
                       "\"code_blocks\":%u,\"repeats\":{\"lines\":%u,\"chars\":%zu},\"chars_out\":%zu}",
                  rs.tables_data, rs.tables_layout, rs.headings, rs.list_items, rs.code_blocks, rs.repeats,
                  rs.repeat_chars, out.len);
    if (ev.data)
        wn_doc_section(d, "extract", wn_arena_strndup(d->arena, ev.data, ev.len));
    wn_buf_release(&ev);

    xmlFreeDoc(doc);
    wn_status st = WN_OK;
    if (rc || wn_doc_set_text(d, out.data ? out.data : "", out.len))
        st = WN_LIMIT;
    wn_buf_release(&out);
    d->kind = WN_INPUT_TEXT;
    if (st == WN_OK && d->len == 0)
        wn_doc_drop(d, "extract", "no_content", NULL);
    return st;
}

static const wn_param_doc ex_params[] = {
    {"format", "markdown", "markdown: pipe tables, # headings, - lists; text: table rows as 'a | b' lines"},
    {"main_share", "0.6", "share of the page's non-link text the main block must hold"},
    {"link_weight", "1", "how much link text counts when choosing the main block (0..1)"},
    {"link_lists", "1", "drop lists of links without prose inside the main block"},
    {"landmark_share", "0.25", "share of the text a <main> landmark must hold to bound the main block (0: ignore)"},
    {"title_words", "8", "on pages without prose, links of this many words are titles (content), shorter ones navigation"},
    {"parse_only", "0", "benchmark baseline: decode and parse the HTML, output empty text"},
    {"drop_repeats", "1", "drop lines that repeat an earlier line of the output (20 bytes or more; not code or tables)"},
    {"outline", "0", "debugging: output an outline of the element tree with text sizes and drops"},
    {NULL, NULL, NULL},
};

const wn_stage_def wn_stage_extract = {
    .name = "extract",
    .summary = "HTML to main-content Markdown with metadata; other documents pass through",
    .create = ex_create,
    .set = ex_set,
    .run = ex_run,
    .destroy = ex_destroy,
    .params = ex_params,
};
