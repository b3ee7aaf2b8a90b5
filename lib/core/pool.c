/*
 * pool.c - ordered worker pool (one mutex, two condition variables).
 *
 * Items live in ring[seq % depth]. Workers take the lowest queued sequence
 * number, so work starts in input order and the producer's retrieve() of the
 * oldest item rarely waits long. The lock is held only to move counters, never
 * while an item is processed.
 */
#include "pool.h"

#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct {
    void *item;
    int done;
} ring_slot;

struct wn_pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers wait for queued items */
    pthread_cond_t done_cv; /* producer waits for the oldest item */
    ring_slot *ring;
    size_t depth;
    uint64_t next_submit, next_take, next_out;
    int stopping;
    unsigned idle;    /* workers waiting on work_cv */
    int prod_waiting; /* the producer is waiting on done_cv */
    wn_pool_work_fn work;
    void *ctx;
    pthread_t *threads;
    unsigned nthreads;
    unsigned nworkers; /* as asked for; read-only once the threads run */
};

typedef struct {
    wn_pool *p;
    unsigned idx;
} worker_arg;

/* Called with the lock held: whether to wake the producer, which waits for
 * the oldest item. Only once that item is done and the queue runs low (fewer
 * queued items than workers) or a worker is about to go idle, not as soon as
 * the oldest item is done: the producer then finds several items done, writes
 * them and refills the ring in one go, instead of sleeping and waking once per
 * document (two context switches each, a visible cost with small documents).
 * The workers are not starved by this: the producer is woken while some still
 * have work. The caller signals after unlocking, so that the producer does not
 * wake only to block on the mutex the caller still holds; clearing
 * prod_waiting keeps other workers from signalling it again meanwhile. */
static int producer_wanted(wn_pool *p)
{
    if (p->prod_waiting && p->next_out < p->next_submit && p->ring[p->next_out % p->depth].done) {
        p->prod_waiting = 0;
        return 1;
    }
    return 0;
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    wn_pool *p = wa->p;
    unsigned idx = wa->idx;
    free(wa);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_take == p->next_submit && !p->stopping) {
            if (producer_wanted(p)) { /* going idle: let it have what is done */
                pthread_mutex_unlock(&p->mu);
                pthread_cond_signal(&p->done_cv);
                pthread_mutex_lock(&p->mu);
                continue;
            }
            p->idle++;
            pthread_cond_wait(&p->work_cv, &p->mu);
            p->idle--;
        }
        if (p->next_take == p->next_submit)
            break; /* stopping and nothing queued */
        uint64_t seq = p->next_take++;
        /* the queue runs low: the producer refills it while we work */
        int wake = p->next_submit - p->next_take < p->nworkers && producer_wanted(p);
        ring_slot *s = &p->ring[seq % p->depth];
        void *item = s->item;
        pthread_mutex_unlock(&p->mu);
        if (wake)
            pthread_cond_signal(&p->done_cv);
        p->work(p->ctx, idx, item);
        pthread_mutex_lock(&p->mu);
        s->done = 1;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

wn_pool *wn_pool_create(unsigned workers, size_t depth, wn_pool_work_fn work, void *ctx)
{
    if (!workers)
        workers = 1;
    if (depth < workers)
        depth = workers;
    wn_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->ring = calloc(depth, sizeof *p->ring);
    p->threads = calloc(workers, sizeof *p->threads);
    if (!p->ring || !p->threads)
        goto fail;
    p->depth = depth;
    p->nworkers = workers;
    p->work = work;
    p->ctx = ctx;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    for (unsigned i = 0; i < workers; i++) {
        worker_arg *wa = malloc(sizeof *wa);
        if (!wa)
            break;
        wa->p = p;
        wa->idx = i;
        if (pthread_create(&p->threads[i], NULL, worker_main, wa)) {
            free(wa);
            break;
        }
        p->nthreads++;
    }
    if (!p->nthreads) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work_cv);
        pthread_cond_destroy(&p->done_cv);
        goto fail;
    }
    return p;
fail:
    free(p->ring);
    free(p->threads);
    free(p);
    return NULL;
}

void wn_pool_free(wn_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work_cv);
    pthread_cond_destroy(&p->done_cv);
    free(p->ring);
    free(p->threads);
    free(p);
}

size_t wn_pool_in_flight(const wn_pool *p)
{
    wn_pool *q = (wn_pool *)p;
    pthread_mutex_lock(&q->mu);
    size_t n = (size_t)(q->next_submit - q->next_out);
    pthread_mutex_unlock(&q->mu);
    return n;
}

size_t wn_pool_depth(const wn_pool *p) { return p->depth; }

void wn_pool_submit(wn_pool *p, void *item)
{
    pthread_mutex_lock(&p->mu);
    assert(p->next_submit - p->next_out < p->depth); /* caller retrieves first */
    ring_slot *s = &p->ring[p->next_submit % p->depth];
    s->item = item;
    s->done = 0;
    p->next_submit++;
    /* signalling costs a system call: only when a worker sleeps; and after
     * unlocking, so that the worker does not wake into a held mutex */
    int wake = p->idle > 0;
    pthread_mutex_unlock(&p->mu);
    if (wake)
        pthread_cond_signal(&p->work_cv);
}

void *wn_pool_retrieve(wn_pool *p, int wait)
{
    void *item = NULL;
    pthread_mutex_lock(&p->mu);
    if (p->next_out < p->next_submit) {
        ring_slot *s = &p->ring[p->next_out % p->depth];
        while (!s->done && wait) {
            p->prod_waiting = 1;
            pthread_cond_wait(&p->done_cv, &p->mu);
            p->prod_waiting = 0;
        }
        if (s->done) {
            item = s->item;
            s->item = NULL;
            s->done = 0;
            p->next_out++;
        }
    }
    pthread_mutex_unlock(&p->mu);
    return item;
}
