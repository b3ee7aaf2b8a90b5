#!/usr/bin/env python3
"""Wrap HTML pages into a WARC file, one response record per page, for the
WARC -> JSONL benchmark and for end-to-end tests.

  scripts/wcxb_to_warc.py HTML_DIR OUT.warc.gz [--plain]

Each page (*.html or *.html.gz) becomes a gzip member holding one WARC/1.1
response record with an HTTP/1.1 200 header (Content-Type text/html,
charset utf-8 when the page decodes as UTF-8). The order is sorted by file
name and the record ids and dates derive from the file name, so the output
is byte-identical from run to run. With --plain the file is uncompressed.
"""
import gzip, hashlib, os, sys, uuid

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    plain = "--plain" in sys.argv[3:]
    names = sorted(n for n in os.listdir(src) if n.endswith((".html", ".html.gz", ".htm")))
    with open(out, "wb") as fh:
        for n in names:
            with open(os.path.join(src, n), "rb") as f:
                body = f.read()
            if n.endswith(".gz"):
                body = gzip.decompress(body)
            stem = n.split(".")[0]
            try:
                body.decode("utf-8")
                ct = "text/html; charset=utf-8"
            except UnicodeDecodeError:
                ct = "text/html"
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
            rid = uuid.UUID(bytes=hashlib.md5(stem.encode()).digest())
            head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
                    f"WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Target-URI: https://wcxb.example/{stem}\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
            rec = head + http + b"\r\n\r\n"
            fh.write(rec if plain else gzip.compress(rec, compresslevel=6, mtime=0))

if __name__ == "__main__":
    main()
