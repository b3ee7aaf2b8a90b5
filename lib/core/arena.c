/*
 * arena.c - chunked bump allocator.
 *
 * Allocations are bumped out of the head chunk. When one does not fit, a new
 * head twice the size of the old (up to HEAD_MAX) takes over if at most an
 * eighth of the old head is left and the allocation fits the new one;
 * otherwise the allocation gets a chunk of exactly its size, linked behind the
 * head, which goes on serving the others. So a retired head wastes at most an
 * eighth of itself, the current head's tail is under HEAD_MAX, and a chunk of
 * its own wastes nothing (it grows by realloc() when its allocation is the
 * last): for a large document the chunks held, which the cap counts, stay
 * within a few percent of the bytes handed out. Doubling alone held 1.3-2.5
 * times them, and that decided which large documents were dropped
 * (docs/filters.md, "Memory").
 * Reset frees all but the first chunk, so a steady stream of small documents
 * allocates nothing after warm-up, while one huge document's chunks are
 * returned to the system right after it.
 * Under AddressSanitizer the unused tail of each chunk is poisoned, so a stage
 * that overruns an arena allocation is caught like a heap overflow.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define WN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WN_ASAN 1
#endif
#endif
#ifdef WN_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE 16
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0
#endif

#define FIRST_CHUNK (256u * 1024u)
#define HEAD_MAX (4u * 1024u * 1024u)

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

struct wn_arena {
    chunk *head;  /* serves small allocations; older heads and chunks of their own follow */
    chunk *first; /* the chunk reset keeps */
    size_t cap;
    size_t total; /* bytes of all chunks */
    void *last;   /* most recent allocation, for realloc in place */
    int last_own; /* last fills a chunk of its own, head->next */
};

/* bytes an allocation of n takes in a chunk; less than n on overflow */
static inline size_t need_of(size_t n)
{
    return ((n + 15u) & ~(size_t)15u) + REDZONE;
}

/* whether the arena may take size more bytes of chunks */
static inline int room_for(const wn_arena *a, size_t size)
{
    return a->total <= a->cap && size <= a->cap - a->total;
}

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    POISON(c->data, size);
    return c;
}

wn_arena *wn_arena_create(size_t cap)
{
    wn_arena *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->cap = cap ? cap : ((size_t)1 << 30);
    a->head = a->first = chunk_new(FIRST_CHUNK);
    if (!a->head) {
        free(a);
        return NULL;
    }
    a->total = FIRST_CHUNK;
    return a;
}

void wn_arena_free(wn_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        UNPOISON(c->data, c->size);
        free(c);
        c = n;
    }
    free(a);
}

/* n (need bytes in a chunk) does not fit the head: a new head when at most an
 * eighth of the old one is left and n fits the new one, else (or when a new
 * head would pass the cap) a chunk of its own. */
static __attribute__((noinline)) void *alloc_slow(wn_arena *a, size_t n, size_t need)
{
    chunk *h = a->head;
    size_t size = h->size < HEAD_MAX ? h->size * 2 : h->size;
    void *p;
    if (h->size - h->used > h->size / 8 || need > size || !room_for(a, size)) {
        if (!room_for(a, need))
            return NULL;
        chunk *c = chunk_new(need);
        if (!c)
            return NULL;
        c->next = h->next;
        h->next = c;
        c->used = need;
        a->total += need;
        p = c->data;
        a->last_own = 1;
    } else {
        chunk *c = chunk_new(size);
        if (!c)
            return NULL;
        c->next = h;
        a->head = c;
        c->used = need;
        a->total += size;
        p = c->data;
        a->last_own = 0;
    }
    UNPOISON(p, n);
    a->last = p;
    return p;
}

void *wn_arena_alloc(wn_arena *a, size_t n)
{
    size_t need = need_of(n);
    if (need < n)
        return NULL;
    chunk *c = a->head;
    if (c->size - c->used < need)
        return alloc_slow(a, n, need);
    void *p = c->data + c->used;
    c->used += need;
    UNPOISON(p, n);
    a->last = p;
    a->last_own = 0;
    return p;
}

void *wn_arena_calloc(wn_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = wn_arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* The last allocation fills chunk c of its own and outgrows it: realloc() the
 * chunk, which leaves no old copy behind and for a large block often moves no
 * bytes (glibc remaps its pages). */
static void *own_regrow(wn_arena *a, chunk *c, size_t old_n, size_t new_n, size_t new_need)
{
    if (!room_for(a, new_need - c->size))
        return NULL;
    UNPOISON(c->data, c->size);
    chunk *nc = realloc(c, sizeof(chunk) + new_need);
    if (!nc) {
        POISON(c->data, c->size);
        UNPOISON(c->data, old_n);
        return NULL;
    }
    a->total += new_need - nc->size;
    nc->size = nc->used = new_need;
    a->head->next = nc;
    POISON(nc->data, new_need);
    UNPOISON(nc->data, new_n);
    a->last = nc->data;
    return nc->data;
}

void *wn_arena_realloc(wn_arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p)
        return wn_arena_alloc(a, new_n);
    if (p == a->last) {
        size_t new_need = need_of(new_n);
        chunk *c = a->last_own ? a->head->next : a->head;
        size_t off = (size_t)((unsigned char *)p - c->data);
        if (new_need >= new_n && new_need <= c->size - off) {
            POISON(p, c->used - off);
            c->used = off + new_need;
            UNPOISON(p, new_n);
            return p;
        }
        if (a->last_own && new_need >= new_n)
            return own_regrow(a, c, old_n, new_n, new_need);
    }
    void *q = wn_arena_alloc(a, new_n);
    if (!q)
        return NULL;
    memcpy(q, p, old_n < new_n ? old_n : new_n);
    return q;
}

void *wn_arena_grow(wn_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? *cap * 2 : 16;
    if (nc < *cap || (size && nc > SIZE_MAX / size))
        return NULL;
    void *nv = wn_arena_realloc(a, v, *cap * size, nc * size);
    if (nv)
        *cap = nc;
    return nv;
}

char *wn_arena_strndup(wn_arena *a, const char *s, size_t n)
{
    char *p = wn_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void wn_arena_reset(wn_arena *a)
{
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        if (c != a->first) {
            a->total -= c->size;
            UNPOISON(c->data, c->size);
            free(c);
        }
        c = n;
    }
    c = a->head = a->first;
    c->next = NULL;
    c->used = 0;
    POISON(c->data, c->size);
    a->last = NULL;
    a->last_own = 0;
}

size_t wn_arena_used(const wn_arena *a)
{
    size_t u = 0;
    for (const chunk *c = a->head; c; c = c->next)
        u += c->used;
    return u;
}
