/*
 * lang_cld2.cc - the C++ shim that puts CLD2 behind lang.h.
 *
 * CLD2's summary call reports the top three languages with the percentage of
 * scored bytes each won; that percentage is the confidence we expose, because
 * it reads the same for a line and a document ("97% of the letters look
 * Turkish"). Its Chinese codes are "zh" and "zh-Hant"; we fold both to "zh"
 * so that callers compare plain two-letter codes.
 */
#include "lang/lang.h"

#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>

extern "C" int wn_lang_detect(const char *s, size_t n, wn_lang_guess *out)
{
    std::memset(out, 0, sizeof *out);
    std::strcpy(out->code, "un");
    if (!n)
        return 0;
    /* CLD2 takes an int length; a document is capped well below this, and
     * more text than that would not change the verdict anyway. */
    int len = n > (1u << 30) ? (1 << 30) : (int)n;
    CLD2::Language top3[3];
    int percent3[3];
    int text_bytes = 0;
    bool reliable = false;
    CLD2::Language lang = CLD2::DetectLanguageSummary(s, len, true, top3, percent3,
                                                      &text_bytes, &reliable);
    out->bytes = text_bytes > 0 ? (size_t)text_bytes : 0;
    out->reliable = reliable;
    /* The language of most bytes is top3[0]. CLD2's summary answer may
     * differ: it passes over English in favour of a second language that
     * holds a third of the text ("en 68%, vi 31%" -> vi), which is right
     * for pages whose English is menus, and wrong for an English article
     * with one injected Vietnamese line, where it used to leave the
     * document without a language. With no letters to score, CLD2 still
     * answers its default (English) with 0%: that is "unknown". */
    (void)lang;
    lang = top3[0];
    if (lang == CLD2::UNKNOWN_LANGUAGE || percent3[0] == 0)
        return 0;
    const char *code = CLD2::LanguageCode(lang);
    if (!code)
        return 0;
    size_t cl = std::strcspn(code, "-");
    if (cl >= sizeof out->code)
        cl = sizeof out->code - 1;
    std::memcpy(out->code, code, cl);
    out->code[cl] = 0;
    /* the returned language is top3[0]; its percent is the share of bytes */
    int pct = percent3[0];
    for (int i = 1; i < 3; i++) /* zh and zh-Hant split one document in two */
        if (top3[i] != CLD2::UNKNOWN_LANGUAGE && top3[i] != lang &&
            !std::strncmp(CLD2::LanguageCode(top3[i]), out->code, cl) &&
            CLD2::LanguageCode(top3[i])[cl] == '-')
            pct += percent3[i];
    out->score = pct / 100.0;
    return 1;
}
