/*
 * buf.h - a growable byte buffer on the heap, with a hard size cap.
 *
 * Used where data outlives a document's arena: reader lines, serialized output
 * waiting in the ordered ring. Appends past the cap fail instead of growing
 * (curl's dynbuf "toobig"), so a hostile input cannot exhaust memory.
 */
#ifndef WN_BUF_H
#define WN_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct wn_buf {
    char *data;
    size_t len, cap, max; /* max: hard cap (0: unlimited) */
} wn_buf;

void wn_buf_init(wn_buf *b, size_t max);
void wn_buf_release(wn_buf *b);
/* 0 on success, -1 when the cap is hit or memory is out. */
int wn_buf_reserve(wn_buf *b, size_t extra);
int wn_buf_append_slow(wn_buf *b, const void *p, size_t n);

/* The writers append many short pieces; when they fit (cap never exceeds
 * max + 1, so fitting in cap is within the cap) that is a copy, inline. */
static inline int wn_buf_append(wn_buf *b, const void *p, size_t n)
{
    if (n < b->cap - b->len) {
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = 0;
        return 0;
    }
    return wn_buf_append_slow(b, p, n);
}

static inline int wn_buf_putc(wn_buf *b, char c)
{
    if (b->cap - b->len > 1) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
        return 0;
    }
    return wn_buf_append_slow(b, &c, 1);
}

static inline int wn_buf_puts(wn_buf *b, const char *s) { return wn_buf_append(b, s, strlen(s)); }
/* The decimal digits of v, as "%llu" writes them, without printf. */
int wn_buf_put_u64(wn_buf *b, uint64_t v);
/* The decimal digits of v into out (room for 20; no NUL); returns how many. */
size_t wn_u64_digits(uint64_t v, char *out);
int wn_buf_printf(wn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void wn_buf_clear(wn_buf *b) { b->len = 0; }

#endif
