/*
 * lang.h - language identification for the stages that need it (clean/).
 *
 * A thin C interface over CLD2 (Debian's libcld2). CLD2 scores byte spans of
 * text against per-language n-gram tables; it is thread-safe and keeps no
 * state between calls, so these functions may be called from any worker.
 * lang/ is a service folder: a stage folder may include this header (see
 * docs/architecture.md). Nothing here allocates.
 */
#ifndef WN_LANG_H
#define WN_LANG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wn_lang_guess {
    char code[8];  /* ISO 639-1 where one exists ("en", "tr", "zh"); "un" when unknown */
    double score;  /* share of the scored bytes in that language, 0..1 */
    int reliable;  /* CLD2's own reliability verdict */
    size_t bytes;  /* letters CLD2 actually scored (short lines score few) */
} wn_lang_guess;

/* Identify the language of s[0..n), which must be valid UTF-8. Plain text
 * (no markup). Always fills *out; returns 1 when a language was found, 0 for
 * "un". Cost is linear in n: callers decide how much text to give it. */
int wn_lang_detect(const char *s, size_t n, wn_lang_guess *out);

#ifdef __cplusplus
}
#endif
#endif
