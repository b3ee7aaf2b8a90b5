/*
 * arena.h - a bump allocator per worker, reset after every document.
 *
 * Everything a stage allocates for one document comes from the worker's arena,
 * so a document costs no free() calls and a worker's memory is bounded by the
 * arena's hard cap: an allocation beyond the cap returns NULL and the stage
 * reports WN_LIMIT instead of growing without bound.
 * Not thread-safe: one arena per worker.
 */
#ifndef WN_ARENA_H
#define WN_ARENA_H

#include <stddef.h>

typedef struct wn_arena wn_arena;

/* cap: the most bytes the arena may hold at once (0: 1 GiB). */
wn_arena *wn_arena_create(size_t cap);
void wn_arena_free(wn_arena *a);
/* 16-byte aligned; NULL when the cap would be exceeded or malloc fails. */
void *wn_arena_alloc(wn_arena *a, size_t n);
void *wn_arena_calloc(wn_arena *a, size_t n, size_t size);
/* Grow the most recent allocation p (old size old_n) to new_n when possible,
 * else copy; returns NULL on failure (p stays valid). */
void *wn_arena_realloc(wn_arena *a, void *p, size_t old_n, size_t new_n);
/* Room for one more element in a growable array v of n elements (capacity
 * *cap, element size `size`) held in the arena: returns the array, moved when
 * it had to grow (capacity doubles, from 16), or NULL when out of memory. */
void *wn_arena_grow(wn_arena *a, void *v, size_t n, size_t *cap, size_t size);
char *wn_arena_strndup(wn_arena *a, const char *s, size_t n);
/* Forget every allocation; keeps the first chunk for the next document. */
void wn_arena_reset(wn_arena *a);
size_t wn_arena_used(const wn_arena *a);

#endif
