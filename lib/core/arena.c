/*
 * arena.c - chunked bump allocator.
 *
 * Chunks are malloc'd blocks chained together; reset frees all but the first
 * so a steady stream of small documents allocates nothing after warm-up, while
 * one huge document's chunks are returned to the system right after it.
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

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

struct wn_arena {
    chunk *head; /* current chunk, newest first */
    size_t cap;
    size_t total; /* bytes of all chunks */
    void *last;   /* most recent allocation, for realloc in place */
};

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
    a->head = chunk_new(FIRST_CHUNK);
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

void *wn_arena_alloc(wn_arena *a, size_t n)
{
    size_t need = (n + 15u) & ~(size_t)15u;
    if (need < n)
        return NULL;
    chunk *c = a->head;
    if (c->size - c->used < need + REDZONE) {
        size_t size = c->size * 2;
        if (size < need + REDZONE)
            size = need + REDZONE;
        if (a->total + size > a->cap) {
            size = need + REDZONE;
            if (a->total + size > a->cap)
                return NULL;
        }
        chunk *nc = chunk_new(size);
        if (!nc)
            return NULL;
        nc->next = c;
        a->head = nc;
        a->total += size;
        c = nc;
    }
    void *p = c->data + c->used;
    c->used += need + REDZONE;
    UNPOISON(p, n);
    a->last = p;
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

void *wn_arena_realloc(wn_arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p)
        return wn_arena_alloc(a, new_n);
    chunk *c = a->head;
    if (p == a->last) {
        size_t old_need = (old_n + 15u) & ~(size_t)15u;
        size_t new_need = (new_n + 15u) & ~(size_t)15u;
        size_t off = (size_t)((unsigned char *)p - c->data);
        if (new_need >= new_n && off + new_need + REDZONE <= c->size) {
            c->used = off + new_need + REDZONE;
            (void)old_need;
            UNPOISON(p, new_n);
            return p;
        }
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
    while (c->next) {
        chunk *n = c->next;
        a->total -= c->size;
        UNPOISON(c->data, c->size);
        free(c);
        c = n;
    }
    a->head = c;
    c->used = 0;
    POISON(c->data, c->size);
    a->last = NULL;
}

size_t wn_arena_used(const wn_arena *a)
{
    size_t u = 0;
    for (const chunk *c = a->head; c; c = c->next)
        u += c->used;
    return u;
}
