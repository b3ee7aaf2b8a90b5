/*
 * src.h - a byte source that undoes compression recognised by magic bytes:
 * gzip (every member of a multi-member file), zstd (every frame), or none.
 *
 * Damage is reported, never fatal to what came before it: wn_src_read()
 * delivers every byte that decoded cleanly, then returns -1 once with a
 * message that names the compressed byte offset of the damage.
 */
#ifndef WN_SRC_H
#define WN_SRC_H

#include <stdint.h>
#include <sys/types.h>

typedef struct wn_src wn_src;

typedef enum { WN_SRC_RAW, WN_SRC_GZIP, WN_SRC_ZSTD } wn_src_format;

/* path NULL or "-" reads stdin. NULL on failure with err filled in. */
wn_src *wn_src_open(const char *path, char *err, size_t errlen);
/* Wrap a memory buffer (not copied; must outlive the source). */
wn_src *wn_src_open_mem(const void *data, size_t len, const char *name);
void wn_src_close(wn_src *s);

/* Up to n decompressed bytes: > 0 count, 0 at the clean end, -1 on damage or
 * an I/O error (wn_src_error says what and where); after -1 the source is at
 * its end. */
ssize_t wn_src_read(wn_src *s, void *buf, size_t n);
/* An uncompressed regular file opened by name, whole and read-only in
 * memory (*len bytes, the stream's bytes from offset 0), or NULL (compressed,
 * stdin, a pipe, empty, or the mapping failed: read as usual). Valid until
 * wn_src_close. A caller that maps reads no more through wn_src_read. A file
 * truncated while mapped, or a page the disk cannot give, faults (SIGBUS)
 * where read() would end early or report an error: for mapped input that
 * is fatal; the winnow program catches it and stops with a message and exit
 * status 3. Lines appended after the open are not read. */
const unsigned char *wn_src_map(wn_src *s, size_t *len);
const char *wn_src_error(const wn_src *s);
const char *wn_src_name(const wn_src *s);
wn_src_format wn_src_get_format(const wn_src *s);
uint64_t wn_src_in_offset(const wn_src *s);  /* compressed bytes consumed */
uint64_t wn_src_out_offset(const wn_src *s); /* decompressed bytes delivered */

#endif
