/*
 * fuzz.h - what every fuzz target shares: the entry point and FUZZ_CHECK.
 *
 * A target asserts invariants (determinism, spans in bounds, round trips),
 * not only "no crash". FUZZ_CHECK(x) evaluates to x's truth. When x is false,
 * a libFuzzer build prints the failed check and aborts, so libFuzzer saves the
 * input; the replay build (-DWN_FUZZ_REPLAY, fuzz/replay.c) names the input
 * file, counts it as failed and lets the target go on, so a target must only
 * use a value after the check that makes it safe returned true.
 */
#ifndef WN_FUZZ_H
#define WN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef WN_FUZZ_REPLAY
void wn_fuzz_fail(const char *file, int line, const char *expr);
#else
#include <stdio.h>
#include <stdlib.h>
static inline void wn_fuzz_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
    abort();
}
#endif

static inline int wn_fuzz_check(int ok, const char *file, int line, const char *expr)
{
    if (!ok)
        wn_fuzz_fail(file, line, expr);
    return ok;
}

#define FUZZ_CHECK(x) wn_fuzz_check(!!(x), __FILE__, __LINE__, #x)

#endif
