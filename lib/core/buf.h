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

typedef struct wn_buf {
    char *data;
    size_t len, cap, max; /* max: hard cap (0: unlimited) */
} wn_buf;

void wn_buf_init(wn_buf *b, size_t max);
void wn_buf_release(wn_buf *b);
/* 0 on success, -1 when the cap is hit or memory is out. */
int wn_buf_reserve(wn_buf *b, size_t extra);
int wn_buf_append(wn_buf *b, const void *p, size_t n);
int wn_buf_putc(wn_buf *b, char c);
int wn_buf_puts(wn_buf *b, const char *s);
int wn_buf_printf(wn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void wn_buf_clear(wn_buf *b) { b->len = 0; }

#endif
