/*
 * test_r13_arena.c - the arena's chunk policy: small allocations share a head
 * chunk, a large one that does not fit gets a chunk of its own behind it, so
 * the chunks held (what the cap counts) stay close to the bytes handed out.
 * Also realloc in place around such chunks, reset, the exact wn_arena_used(),
 * and, under AddressSanitizer, the poisoned bytes past every allocation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "harness.h"

#if defined(__SANITIZE_ADDRESS__)
#define T_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN 1
#endif
#endif
#ifdef T_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define KB ((size_t)1024)
#define MB (KB * KB)

/* Bytes one allocation of 16 takes beyond its 16: the redzone under ASan. */
static size_t redzone(void)
{
    wn_arena *a = wn_arena_create(0);
    wn_arena_alloc(a, 16);
    size_t rz = wn_arena_used(a) - 16;
    wn_arena_free(a);
    return rz;
}

static size_t taken(size_t n, size_t rz)
{
    return ((n + 15) & ~(size_t)15) + rz;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 131u + i * 7u);
}

static int intact(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed * 131u + i * 7u))
            return 0;
    return 1;
}

/* Small and large allocations in turn: every one aligned, wn_arena_used()
 * exact, and none overlaps another (each keeps its bytes to the end). */
TEST(arena_interleaved_used_exact)
{
    size_t rz = redzone();
    static const size_t sizes[] = {10,      100 * KB, 3,  2 * MB, 50, 300 * KB, 7 * MB,
                                   1,       40 * KB,  17, 5 * MB, 0,  600 * KB, 33};
    enum { N = sizeof sizes / sizeof *sizes };
    wn_arena *a = wn_arena_create(0);
    unsigned char *p[N];
    size_t want = 0;
    for (int r = 0; r < 3; r++) {
        for (unsigned i = 0; i < N; i++) {
            p[i] = wn_arena_alloc(a, sizes[i]);
            CHECK(p[i] && ((uintptr_t)p[i] & 15) == 0);
            fill(p[i], sizes[i], i);
            want += taken(sizes[i], rz);
            CHECK_EQ_INT(wn_arena_used(a), want);
        }
        for (unsigned i = 0; i < N; i++)
            CHECK(intact(p[i], sizes[i], i));
        wn_arena_reset(a);
        CHECK_EQ_INT(wn_arena_used(a), 0);
        want = 0;
    }
    wn_arena_free(a);
}

/* The last allocation is grown in place wherever it is: in the head right
 * after a chunk of its own was made, or in its own chunk. */
TEST(arena_realloc_around_own_chunks)
{
    size_t rz = redzone();
    wn_arena *a = wn_arena_create(0);
    unsigned char *s = wn_arena_alloc(a, 200 * KB); /* most of the first chunk */
    unsigned char *big = wn_arena_alloc(a, 1 * MB); /* does not fit: its own chunk */
    fill(big, 1 * MB, 1);
    unsigned char *t = wn_arena_alloc(a, 50); /* back in the head */
    CHECK(t >= s + 200 * KB && t < s + 256 * KB);
    fill(t, 50, 2);
    unsigned char *t2 = wn_arena_realloc(a, t, 50, 4000);
    CHECK(t2 == t);
    CHECK(intact(t2, 50, 2));
    size_t want = taken(200 * KB, rz) + taken(1 * MB, rz) + taken(4000, rz);
    CHECK_EQ_INT(wn_arena_used(a), want);

    /* the last allocation in its own chunk: shrink in place, grow (moved or
     * not), its bytes kept, the bytes it gave up no longer counted */
    unsigned char *g = wn_arena_alloc(a, 2 * MB);
    fill(g, 2 * MB, 3);
    unsigned char *g2 = wn_arena_realloc(a, g, 2 * MB, 1 * MB);
    CHECK(g2 == g);
    CHECK(intact(g2, 1 * MB, 3));
    CHECK_EQ_INT(wn_arena_used(a), want + taken(1 * MB, rz));
    unsigned char *g3 = wn_arena_realloc(a, g2, 1 * MB, 6 * MB);
    CHECK(g3 != NULL);
    CHECK(intact(g3, 1 * MB, 3));
    memset(g3 + 1 * MB, 0x5a, 5 * MB);
    CHECK_EQ_INT(wn_arena_used(a), want + taken(6 * MB, rz));
    /* a small one after it, then a realloc of the large one: no longer the
     * last, so copied */
    unsigned char *u = wn_arena_alloc(a, 8);
    unsigned char *g4 = wn_arena_realloc(a, g3, 6 * MB, 7 * MB);
    CHECK(g4 != NULL && g4 != g3);
    CHECK(intact(g4, 1 * MB, 3) && g4[6 * MB - 1] == 0x5a);
    CHECK_EQ_INT(wn_arena_used(a), want + taken(6 * MB, rz) + taken(8, rz) + taken(7 * MB, rz));
    (void)u;
    CHECK(intact(big, 1 * MB, 1));
    wn_arena_free(a);
}

/* Reset keeps the first chunk, also when a chunk of its own was linked
 * behind it, and frees the rest: the whole cap is there again. */
TEST(arena_reset_keeps_first_chunk)
{
    wn_arena *a = wn_arena_create(24 * MB);
    void *p0 = wn_arena_alloc(a, 16);
    CHECK(wn_arena_alloc(a, 3 * MB) != NULL); /* own chunk, behind the first */
    wn_arena_reset(a);
    CHECK(wn_arena_alloc(a, 16) == p0);
    for (int r = 0; r < 4; r++) {
        size_t got = 0;
        void *p;
        while ((p = wn_arena_alloc(a, (got & 1) ? 1000 : 700 * KB)) != NULL)
            got++;
        CHECK(wn_arena_used(a) > 20 * MB);
        wn_arena_reset(a);
        CHECK_EQ_INT(wn_arena_used(a), 0);
        CHECK(wn_arena_alloc(a, 16) == p0);
    }
    wn_arena_free(a);
}

/* The cap counts chunks held. Here the last allocation fits because
 * allocations that did not fit the first chunk got chunks of their own and
 * left its tail for later; with each new chunk twice the last (or exactly the
 * allocation when that passed the cap) the chunks would have held 1568 KB. */
TEST(arena_cap_counts_chunks_close_to_used)
{
    size_t rz = redzone();
    wn_arena *a = wn_arena_create(1536 * KB);
    static const size_t sizes[] = {100 * KB, 200 * KB, 400 * KB, 300 * KB, 100 * KB, 300 * KB};
    size_t want = 0;
    for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        unsigned char *p = wn_arena_alloc(a, sizes[i]);
        CHECK(p != NULL);
        if (p)
            memset(p, 1, sizes[i]);
        want += taken(sizes[i], rz);
    }
    CHECK_EQ_INT(wn_arena_used(a), want);
    CHECK(wn_arena_alloc(a, 200 * KB) == NULL); /* past the cap */
    CHECK(wn_arena_alloc(a, (size_t)-1) == NULL);
    CHECK(wn_arena_calloc(a, (size_t)1 << 40, (size_t)1 << 40) == NULL);
    CHECK_EQ_INT(wn_arena_used(a), want);
    CHECK(wn_arena_alloc(a, 40 * KB) != NULL); /* the first chunk's tail */
    wn_arena_free(a);
}

/* Growing the last allocation past the cap fails and leaves it as it was. */
TEST(arena_cap_realloc_own_chunk)
{
    size_t rz = redzone();
    wn_arena *a = wn_arena_create(8 * MB);
    unsigned char *g = wn_arena_alloc(a, 3 * MB);
    fill(g, 3 * MB, 4);
    CHECK(wn_arena_realloc(a, g, 3 * MB, 9 * MB) == NULL);
    CHECK(intact(g, 3 * MB, 4));
    CHECK_EQ_INT(wn_arena_used(a), taken(3 * MB, rz));
    unsigned char *g2 = wn_arena_realloc(a, g, 3 * MB, 7 * MB);
    CHECK(g2 != NULL && intact(g2, 3 * MB, 4));
    wn_arena_free(a);
}

/* A workload like a filter on a large document: arrays sized to the text
 * among many small allocations. Filled up to the cap, the arena hands out
 * 96.8% of it (doubling chunks handed out 90.0%). */
TEST(arena_fills_cap)
{
    wn_arena *a = wn_arena_create(64 * MB);
    uint32_t x = 12345;
    size_t got = 0;
    for (;;) {
        x = x * 1103515245u + 12345u;
        size_t n = (x >> 8) % 64 ? 16 + (x >> 8) % 2000 : 100 * KB + (x >> 4) % (3 * MB);
        if (!wn_arena_alloc(a, n))
            break;
        got += n;
    }
    CHECK(wn_arena_used(a) > 64 * MB / 100 * 95);
    CHECK(got > 64 * MB / 100 * 95);
    wn_arena_free(a);
}

/* Under AddressSanitizer the byte past every allocation is poisoned, in the
 * head and in a chunk of its own, after realloc in place either way, and all
 * of the first chunk after reset. */
TEST(arena_asan_poison)
{
#ifndef T_ASAN
    SKIP("not built with AddressSanitizer (make SAN=1)");
#else
    wn_arena *a = wn_arena_create(0);
    unsigned char *s = wn_arena_alloc(a, 13);
    CHECK(!__asan_address_is_poisoned(s + 12) && __asan_address_is_poisoned(s + 13));
    unsigned char *big = wn_arena_alloc(a, 1 * MB + 5);
    CHECK(!__asan_address_is_poisoned(big + MB + 4) && __asan_address_is_poisoned(big + MB + 5));
    CHECK(__asan_address_is_poisoned(s + 13));
    unsigned char *g = wn_arena_realloc(a, big, 1 * MB + 5, 100);
    CHECK(g == big && __asan_address_is_poisoned(g + 100) && __asan_address_is_poisoned(g + MB));
    g = wn_arena_realloc(a, g, 100, 3 * MB + 1);
    CHECK(!__asan_address_is_poisoned(g + 3 * MB) && __asan_address_is_poisoned(g + 3 * MB + 1));
    unsigned char *t = wn_arena_alloc(a, 20);
    CHECK(__asan_address_is_poisoned(t + 20));
    unsigned char *t2 = wn_arena_realloc(a, t, 20, 70);
    CHECK(t2 == t && !__asan_address_is_poisoned(t + 69) && __asan_address_is_poisoned(t + 70));
    t2 = wn_arena_realloc(a, t, 70, 30);
    CHECK(t2 == t && __asan_address_is_poisoned(t + 30) && __asan_address_is_poisoned(t + 69));
    wn_arena_reset(a);
    CHECK(__asan_address_is_poisoned(s) && __asan_address_is_poisoned(t));
    wn_arena_free(a);
#endif
}

int main(void)
{
    RUN(arena_interleaved_used_exact);
    RUN(arena_realloc_around_own_chunks);
    RUN(arena_reset_keeps_first_chunk);
    RUN(arena_cap_counts_chunks_close_to_used);
    RUN(arena_cap_realloc_own_chunk);
    RUN(arena_fills_cap);
    RUN(arena_asan_poison);
    return harness_done();
}
