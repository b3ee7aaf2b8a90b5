/*
 * buf.c - growable byte buffer; doubling growth, always NUL-terminated room.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wn_buf_init(wn_buf *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

void wn_buf_release(wn_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int wn_buf_reserve(wn_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1; /* +1 keeps room for a NUL */
    if (need < b->len || (b->max && need > b->max + 1))
        return -1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    if (b->max && cap > b->max + 1)
        cap = b->max + 1;
    char *d = realloc(b->data, cap);
    if (!d)
        return -1;
    b->data = d;
    b->cap = cap;
    return 0;
}

int wn_buf_append_slow(wn_buf *b, const void *p, size_t n)
{
    if (wn_buf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}


/* "00" to "99": two digits per division. */
static const char DIGIT_PAIRS[201] = "00010203040506070809101112131415161718192021222324"
                                     "25262728293031323334353637383940414243444546474849"
                                     "50515253545556575859606162636465666768697071727374"
                                     "75767778798081828384858687888990919293949596979899";

size_t wn_u64_digits(uint64_t v, char *out)
{
    char tmp[20], *p = tmp + sizeof tmp;
    while (v >= 100) {
        p -= 2;
        memcpy(p, DIGIT_PAIRS + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, DIGIT_PAIRS + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(out, p, n);
    return n;
}

int wn_buf_put_u64(wn_buf *b, uint64_t v)
{
    char d[20];
    return wn_buf_append(b, d, wn_u64_digits(v, d));
}

int wn_buf_printf(wn_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof tmp)
        return wn_buf_append(b, tmp, (size_t)n);
    if (wn_buf_reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}
