/*
 * warc.h - cuts a decompressed WARC (0.17 to 1.1) or ARC (v1, v2) stream into
 * records and delivers the payloads worth extracting.
 *
 * The reader (reader.c) hands a stream over once it has sniffed "WARC/" or
 * "filedesc://". Response records have their HTTP status line and headers
 * parsed, and their body un-chunked and content-decoded (gzip, deflate,
 * brotli) when the crawler stored it raw; resource and conversion records
 * deliver their block. HTML payloads come out as WN_INPUT_HTML, text ones
 * (WET conversions, text/plain) as WN_INPUT_TEXT. Everything else (requests,
 * metadata, warcinfo, revisits, images, PDFs, redirects) is skipped and
 * counted, never reported as an error.
 *
 * Damage is expected input: a missing header, a wrong Content-Length, a
 * truncated block or a broken chunk size is reported through the diag
 * callback with the byte offset of the record in the decompressed stream,
 * and reading resumes at the next "WARC/" (or ARC header) line it can find.
 * Memory is bounded by max_doc plus one megabyte of header room: a larger
 * block is streamed past and delivered as a too_large stub.
 */
#ifndef WN_WARC_H
#define WN_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "reader.h"
#include "src.h"

typedef struct wn_warc wn_warc;

/* Takes the bytes the caller already buffered (pre, copied) and then reads
 * src, which it borrows. base is the stream offset of pre[0]; name is used in
 * messages. NULL when out of memory. */
wn_warc *wn_warc_open(wn_src *src, const char *name, const unsigned char *pre, size_t npre, uint64_t base,
                      size_t max_doc, wn_diag_fn diag, void *ud);
void wn_warc_close(wn_warc *w); /* accepts NULL */

/* Next deliverable record: 1 with out and rec filled in, 0 at the end.
 * rec->id and rec->meta_json stay valid until the next call. */
int wn_warc_next(wn_warc *w, wn_buf *out, wn_record *rec);

/* Decompressed bytes consumed so far. */
uint64_t wn_warc_offset(const wn_warc *w);

/* Skipped records by kind as one JSON object, e.g.
 * {"warcinfo":1,"request":12,"image/png":3,"http_3xx":2}; "{}" when none.
 * Owned by w, valid until the next call on w. */
const char *wn_warc_skipped_json(wn_warc *w);

/* Decoders, exposed for tests. Each appends to out (capped by out->max) and
 * returns 0, or -1 when the input is not valid in that encoding. */
int wn_http_dechunk(const unsigned char *p, size_t n, wn_buf *out);
int wn_http_inflate(const unsigned char *p, size_t n, wn_buf *out); /* gzip, zlib or raw deflate */
int wn_http_unbrotli(const unsigned char *p, size_t n, wn_buf *out);

#endif
