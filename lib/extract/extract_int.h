/*
 * extract_int.h - what the files of lib/extract/ share: the per-node facts
 * the extractor computes once (hung on libxml2's node->_private), the tag
 * table, and the entry points of charset.c, meta.c and render.c.
 *
 * Nothing here is public; the stage itself (extract.c) is the folder's only
 * export, through wn_stage_extract.
 */
#ifndef WN_EXTRACT_INT_H
#define WN_EXTRACT_INT_H

#include <libxml/HTMLparser.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/doc.h"

/* Tags the extractor treats specially; everything else is T_OTHER (inline
 * unless its name says otherwise). */
typedef enum wn_tag {
    T_OTHER = 0,
    T_A, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR, T_BUTTON, T_CANVAS, T_CAPTION, T_CODE, T_DD, T_DETAILS,
    T_DIALOG, T_DIV, T_DL, T_DT, T_EMBED, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4,
    T_H5, T_H6, T_HEAD, T_HEADER, T_HR, T_HTML, T_IFRAME, T_IMG, T_INPUT, T_LABEL, T_LI, T_LINK, T_MAIN,
    T_MAP, T_MATH, T_META, T_NAV, T_NOSCRIPT, T_OBJECT, T_OL, T_OPTION, T_P, T_PICTURE, T_PRE, T_SCRIPT,
    T_SECTION, T_SELECT, T_STYLE, T_SUMMARY, T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE, T_TEXTAREA, T_TFOOT,
    T_TH, T_THEAD, T_TIME, T_TITLE, T_TR, T_UL, T_VIDEO, T_AUDIO, T_ADDRESS, T_CENTER, T_FIELDSET,
    T_COUNT
} wn_tag;

/* Why a subtree was left out of the main content (evidence kinds). */
typedef enum wn_drop_kind {
    D_NONE = 0,
    D_CODE,       /* script, style, template: never text */
    D_HIDDEN,     /* hidden, aria-hidden, display:none */
    D_FORM,       /* inputs, buttons, selects */
    D_NAV,        /* nav, menus, breadcrumbs, skip links */
    D_HEADER,     /* page header / banner */
    D_FOOTER,     /* page footer / contentinfo */
    D_SIDEBAR,    /* aside, sidebars, widgets */
    D_SHARE,      /* share and social buttons */
    D_COMMENTS,   /* comment threads and forms (on articles) */
    D_RELATED,    /* related and recommended items */
    D_ADS,        /* advertising, sponsored, promo */
    D_CONSENT,    /* cookie and consent banners, popups, modals */
    D_NEWSLETTER, /* subscribe and newsletter boxes */
    D_META,       /* bylines, tags, dates and other post metadata */
    D_OUTSIDE,    /* outside the chosen main block */
    D_LINKS,      /* link lists inside the main block */
    D_KIND_COUNT
} wn_drop_kind;

extern const char *const wn_drop_kind_names[D_KIND_COUNT];

typedef struct wn_ninfo {
    uint32_t raw;   /* text bytes under the node, drops ignored */
    uint32_t text;  /* text bytes kept */
    uint32_t link;  /* kept text bytes inside links */
    uint32_t paras; /* kept paragraph-like blocks with real sentences */
    uint32_t nav;   /* kept text bytes inside links of few words */
    uint16_t tag;   /* wn_tag */
    uint8_t drop;   /* wn_drop_kind */
    uint8_t data_table;
} wn_ninfo;

static inline wn_ninfo *wn_info(const xmlNode *n) { return (wn_ninfo *)n->_private; }

wn_tag wn_tag_of(const xmlChar *name);
int wn_tag_is_block(wn_tag t);
/* The value of attribute name on an element, or NULL. Not copied. */
const char *wn_attr(const xmlNode *n, const char *name);

/* ---- charset.c ---- */
typedef struct wn_charset {
    char name[48];      /* the charset the bytes were read as */
    const char *source; /* "bom", "http", "meta", "detected", "utf8_valid", "default" */
    int converted;      /* 1 when iconv ran */
    int replaced;       /* invalid sequences replaced by U+FFFD */
} wn_charset;

/* Decide the charset of an HTML payload and convert it to UTF-8 in a.
 * http_ct: the HTTP Content-Type value or NULL. *out is NUL-terminated.
 * -1 when out of memory. */
int wn_charset_to_utf8(wn_arena *a, const char *in, size_t n, const char *http_ct, char **out, size_t *outlen,
                       wn_charset *cs);

/* ---- meta.c ---- */
/* Collect title, author, date, canonical URL, site name, language and
 * description into the document metadata (only fields not already set). */
void wn_meta_collect(wn_doc *d, xmlDoc *doc, xmlNode *root);
/* Normalise a date to ISO 8601 (YYYY-MM-DD[THH:MM[:SS][zone]]) in out;
 * 0 on success. */
int wn_date_iso(const char *s, char *out, size_t outlen);

/* ---- render.c ---- */
typedef struct wn_render_opts {
    int text_tables; /* 1: table rows as "a | b" lines; 0: Markdown pipe tables */
    int markdown;    /* 1: headings "## ", lists "- ", code fences */
    int drop_repeats; /* 1: drop lines repeating an earlier line */
} wn_render_opts;

typedef struct wn_render_stats {
    unsigned tables_data, tables_layout, headings, list_items, code_blocks;
    unsigned repeats;    /* lines dropped as repeats */
    size_t repeat_chars; /* their bytes */
} wn_render_stats;

/* Render the kept part of the subtree at root into out. */
int wn_render(const xmlNode *root, const wn_render_opts *o, wn_buf *out, wn_render_stats *st);
/* True when a table holds data rather than layout. */
int wn_table_is_data(const xmlNode *table);

#endif
