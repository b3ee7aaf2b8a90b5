/*
 * test_lang.c - the language identification shim (lib/lang/): codes, scores
 * and the "un" answer for text CLD2 cannot place.
 */
#include <string.h>

#include "harness.h"
#include "lang/lang.h"

static const char *code(const char *s)
{
    static wn_lang_guess g;
    wn_lang_detect(s, strlen(s), &g);
    return g.code;
}

TEST(languages)
{
    CHECK_EQ_STR(code("The committee met on Tuesday to discuss the budget for the coming year."), "en");
    CHECK_EQ_STR(code("casino siteleri yeni bahis siteleri deneme bonusu veren siteler"), "tr");
    CHECK_EQ_STR(code("Организаторы фестиваля сообщили, что праздник вернётся этим летом."), "ru");
    CHECK_EQ_STR(code("节日组织者周一表示，今年夏天河流节将在中断两年后回归。"), "zh");
    CHECK_EQ_STR(code("Die Organisatoren sagten am Montag, dass das Fest in diesem Sommer zurückkehrt."), "de");
}

TEST(score_and_unknown)
{
    wn_lang_guess g;
    const char *t = "The committee met on Tuesday to discuss the budget for the coming year.";
    CHECK(wn_lang_detect(t, strlen(t), &g) == 1);
    CHECK(g.score > 0.8 && g.score <= 1.0);
    CHECK(g.reliable);
    CHECK(wn_lang_detect("", 0, &g) == 0);
    CHECK_EQ_STR(g.code, "un");
    CHECK(wn_lang_detect("12345 67890 !!!", 15, &g) == 0);
}

int main(void)
{
    RUN(languages);
    RUN(score_and_unknown);
    return harness_done();
}
