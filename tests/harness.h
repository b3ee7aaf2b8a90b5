/*
 * harness.h - the tiny test harness every tests/test_*.c uses.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_EQ_STR(a, b); CHECK_EQ_INT(a, b); }
 *   int main(void) { RUN(name); return harness_done(); }
 *
 * A failed check prints file:line and the expression and fails its test; the
 * test goes on so one run shows every failure. harness_done() prints
 * "N passed, N failed" as the last line and returns the exit code.
 * SKIP("why") ends a test early as skipped (counted as passed, reported).
 */
#ifndef WN_HARNESS_H
#define WN_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_passed, h_failed, h_cur_failed, h_skipped;
static const char *h_cur;

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                  \
    do {                                                           \
        h_cur = #name;                                             \
        h_cur_failed = 0;                                          \
        test_##name();                                             \
        if (h_cur_failed)                                          \
            h_failed++;                                            \
        else                                                       \
            h_passed++;                                            \
    } while (0)

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, h_cur, #cond); \
            h_cur_failed = 1;                                                          \
        }                                                                              \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                              \
    do {                                                                                \
        long long a_ = (long long)(a), b_ = (long long)(b);                             \
        if (a_ != b_) {                                                                 \
            fprintf(stderr, "%s:%d: %s: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, \
                    h_cur, #a, #b, a_, b_);                                             \
            h_cur_failed = 1;                                                           \
        }                                                                               \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                              \
    do {                                                                                \
        const char *a_ = (a), *b_ = (b);                                                \
        if (!a_ || !b_ || strcmp(a_, b_)) {                                             \
            fprintf(stderr, "%s:%d: %s: %s == %s failed:\n  got:      \"%s\"\n  expected: \"%s\"\n", \
                    __FILE__, __LINE__, h_cur, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
            h_cur_failed = 1;                                                           \
        }                                                                               \
    } while (0)

#define SKIP(why)                                                          \
    do {                                                                   \
        fprintf(stderr, "skip: %s: %s\n", h_cur, why);                     \
        h_skipped++;                                                       \
        return;                                                            \
    } while (0)

static int harness_done(void)
{
    if (h_skipped)
        printf("(%d skipped)\n", h_skipped);
    printf("%d passed, %d failed\n", h_passed, h_failed);
    return h_failed ? 1 : 0;
}

#endif
