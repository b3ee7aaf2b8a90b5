/*
 * reader.h - cuts a (decompressed) input stream into records: a JSONL line,
 * a line of text (--lines), a whole text or HTML file, or a WARC record.
 *
 * Memory is bounded: a record longer than its limit is not buffered; it is
 * skipped with a diagnostic (JSONL and --lines) or delivered as a too_large
 * stub carrying its size (whole files), so it can be counted and rejected.
 * Every problem is reported through the on_diag callback with file and line
 * or byte offset, and reading goes on with the next record.
 */
#ifndef WN_READER_H
#define WN_READER_H

#include <stdint.h>

#include "core/buf.h"
#include "winnow.h"

typedef struct wn_reader wn_reader;

typedef struct wn_record {
    wn_input_kind kind; /* JSONL, TEXT (also --lines), HTML, WARC payload */
    uint64_t line;      /* 1-based line for JSONL/--lines, else 0 */
    uint64_t offset;    /* byte offset in the decompressed stream */
    int too_large;      /* data is empty; size says how big it was */
    uint64_t size;      /* the record's full size in bytes */
    const char *id;     /* id the reader chose (file stem, WARC-Record-ID) or NULL */
    const char *meta_json; /* extra metadata members ("\"url\":\"...\"") or NULL */
} wn_record;

typedef void (*wn_diag_fn)(void *ud, const char *msg);

wn_reader *wn_reader_open(const char *path, wn_input_kind kind, size_t max_doc, size_t max_line,
                          wn_diag_fn diag, void *ud, char *err, size_t errlen);
void wn_reader_close(wn_reader *r);

/* Next record into out (cleared first). 1: a record; 0: end of input.
 * The strings in rec stay valid until the next call. */
int wn_reader_next(wn_reader *r, wn_buf *out, wn_record *rec);

/* The same records, but the bytes are *data (*len of them, not
 * NUL-terminated): in out, or, when wn_reader_in_place(r), in the reader's
 * read-only view of the input file, valid until wn_reader_close (no copy:
 * close r only once every record taken from it is done with). */
int wn_reader_next_ref(wn_reader *r, wn_buf *out, wn_record *rec, const char **data, size_t *len);
int wn_reader_in_place(const wn_reader *r);
/* Every record that starts before offset is done with: the reader may let
 * go of the memory under them (a mapped file's pages, so that they do not
 * pile up in the process's resident set). */
void wn_reader_done_before(wn_reader *r, uint64_t offset);

/* Problems reported so far (each one also went to on_diag). */
uint64_t wn_reader_errors(const wn_reader *r);
const char *wn_reader_name(const wn_reader *r);
/* Records skipped without being an error (WARC requests, metadata, images,
 * redirects), by kind, as one JSON object: {"request":3,"image/png":1}.
 * "{}" for other inputs. Owned by r; valid until the next call on r. */
const char *wn_reader_skipped_json(wn_reader *r);
/* Decompressed bytes read so far. */
uint64_t wn_reader_bytes(const wn_reader *r);

#endif
