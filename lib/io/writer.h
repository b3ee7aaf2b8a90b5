/*
 * writer.h - documents out: JSONL with the input's fields, the cleaned text
 * and the "winnow" evidence object; or plain text.
 */
#ifndef WN_WRITER_H
#define WN_WRITER_H

#include "core/buf.h"
#include "core/doc.h"

/* Append d as one JSONL line (with '\n'). Fields of the input line are copied
 * in order, "text" replaced by the current text, fields the stages added
 * (author, date, lang, ...) replacing same-named input fields or appended,
 * then "winnow" (when evidence is set). -1 when the buffer cap is hit. */
int wn_write_jsonl(wn_buf *out, const wn_doc *d, int evidence);

/* Append d's text; ensures a final '\n'. */
int wn_write_text(wn_buf *out, const wn_doc *d);

/* Only the "winnow" evidence object. */
int wn_write_evidence(wn_buf *out, const wn_doc *d);

#endif
