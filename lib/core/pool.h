/*
 * pool.h - a fixed set of worker threads that process items and hand them
 * back strictly in submission order, through a bounded ring.
 *
 * One producer thread calls submit() and retrieve(); the ring holds at most
 * `depth` items in flight, so a fast reader cannot run ahead of a slow writer
 * (backpressure) and memory stays bounded. Because results come back in
 * submission order, the output is the same bytes for any number of workers.
 */
#ifndef WN_POOL_H
#define WN_POOL_H

#include <stddef.h>

typedef struct wn_pool wn_pool;

/* work(ctx, worker_index, item) runs on a worker thread. */
typedef void (*wn_pool_work_fn)(void *ctx, unsigned worker, void *item);

wn_pool *wn_pool_create(unsigned workers, size_t depth, wn_pool_work_fn work, void *ctx);
/* Waits for in-flight work, joins the threads. Accepts NULL. */
void wn_pool_free(wn_pool *p);

/* Items in flight (submitted, not yet retrieved). */
size_t wn_pool_in_flight(const wn_pool *p);
size_t wn_pool_depth(const wn_pool *p);

/* Queue an item. The caller must first retrieve() when in_flight == depth. */
void wn_pool_submit(wn_pool *p, void *item);

/* The oldest submitted item once it is done, or NULL when nothing is in
 * flight. With wait == 0, also NULL when the oldest is not done yet. */
void *wn_pool_retrieve(wn_pool *p, int wait);

#endif
