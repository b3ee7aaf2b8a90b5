/*
 * clean.h - what the parts of the clean stage share (internal to lib/clean/).
 *
 * The stage (clean.c) cuts the document into lines, measures each line once
 * (normalized words, spam / function / interface vocabulary, punctuation) and
 * then asks each detector in turn. Line detectors (byline, spam, boilerplate,
 * lost content) give a line a verdict; span detectors (junk, mojibake) add
 * edits inside lines that keep theirs. All detectors read the same text, so
 * every edit's offsets refer to the text the stage received, and a line
 * removed as a whole never also carries a span edit.
 */
#ifndef WN_CLEAN_H
#define WN_CLEAN_H

#include <stddef.h>

#include "clean/lexicon.h"
#include "core/stage.h"

enum wn_clean_class {
    WN_CLS_SPAM,
    WN_CLS_JUNK,
    WN_CLS_BOILERPLATE,
    WN_CLS_BYLINE,
    WN_CLS_LOST,
    WN_CLS_MOJIBAKE,
    WN_CLS_N
};

typedef struct wn_clean_cfg {
    wn_lexicon *lx;
    int on[WN_CLS_N];
    int tidy;            /* collapse the blank lines that removals leave behind */
    size_t lang_sample;  /* bytes of the document given to CLD2 */
} wn_clean_cfg;

typedef struct wn_cline {
    size_t start, end;   /* the line without its '\n' */
    size_t next;         /* start of the following line (end + 1, or n) */
    int blank;
    int nb;              /* index among the non-blank lines */
    int verdict;         /* -1 keep, else the wn_reason of its removal */
    const char *rule, *detail;
    wn_norm nm;
    /* measured once in clean.c */
    double spam_w;       /* summed weight of spam terms */
    int spam_terms;      /* distinct spam hits */
    int spam_repeats;    /* hits of a term already seen on the line */
    size_t spam_cov;     /* normalized bytes covered by spam terms */
    const char *spam_lang, *spam_cat; /* language and category of the heaviest term */
    const wn_lex_entry *spam_seen[8]; /* a term repeated counts once ("2-slot, 3-slot") */
    int func;            /* function words of any language */
    double ui_w;         /* weighted bytes covered by interface terms */
    size_t ui_hits, ui_phrases, ui_cookie, ui_copyright;
    size_t ui_cookie_noun; /* "cookie" in any language ("ciasteczka", "куки", "쿠키") */
    size_t ui_use;         /* a verb of using ("uses", "verwendet", "使用"): not chrome alone */
    size_t ui_site;        /* "site", "website", "Webseite": not chrome alone */
    size_t ui_bytes;     /* normalized bytes covered by interface terms, unweighted */
    size_t ui_lead;      /* normalized bytes of a "lead" label opening the line, else 0 */
    size_t func_bytes;   /* normalized bytes of function words */
    const char *ann_thing; /* "table", "list", "figure" when the line names one */
    int ann_pointer;     /* and points at it ("below", "following") */
    int sent_end;        /* ends with sentence punctuation */
    size_t blanks_after; /* blank lines after it in the original text */
} wn_cline;

typedef struct wn_cctx {
    const wn_clean_cfg *cfg;
    wn_doc *d;
    const char *s;
    size_t n;
    wn_cline *ln;
    size_t nl, nnb; /* lines, non-blank lines */
    char lang[8];
    double lang_score;
    wn_edit *ev;
    size_t nev, cap;
} wn_cctx;

int wn_clean_push(wn_cctx *c, size_t start, size_t end, wn_reason r, const char *rule,
                  const char *detail, const char *repl, size_t repl_len);
/* Give line i a verdict (the first detector to claim a line wins). */
void wn_clean_verdict(wn_cctx *c, size_t i, wn_reason r, const char *rule, const char *detail);

/* Detectors: 0 ok, -1 out of memory. */
int wn_clean_byline(wn_cctx *c);
int wn_clean_spam(wn_cctx *c);
int wn_clean_boilerplate(wn_cctx *c);
int wn_clean_lost(wn_cctx *c);
int wn_clean_junk(wn_cctx *c, size_t i);
int wn_clean_mojibake(wn_cctx *c, size_t i);

/* Helpers. */
int wn_clean_is_sent_end(const char *s, size_t a, size_t b);
size_t wn_clean_next_nonblank(const wn_cctx *c, size_t i);
/* A JSON string literal of s[0..n) in the arena ("\"...\""); NULL when out of memory. */
char *wn_clean_json_str(wn_doc *d, const char *s, size_t n);

#endif
