#!/usr/bin/env python3
"""make-fuzz-corpus.py - write the hand-made seed corpora under fuzz/corpus/.

    python3 scripts/make-fuzz-corpus.py [--out fuzz/corpus]

Seeds are small and each one aims at one edge: valid lines, every escape,
surrogates, deep nesting, truncation (fuzz/corpus/jsonl/); gzip single and
multi-member, truncated, corrupt, trailing garbage, zstd whole and damaged,
empty (fuzz/corpus/decomp/); texts for the cleaning stages, whose first byte
picks blank_run.max_blank (fuzz/corpus/pipeline/); whole JSONL files, plain
and compressed, with good and bad lines (fuzz/corpus/run/).

The output is deterministic (gzip mtime 0, fixed zstd level), so re-running
the script changes nothing. Files named crash-*, timeout-* or regress-* are
inputs found by fuzzing; the script leaves them alone.
Needs python3 and the zstd command.
"""
import argparse
import gzip
import os
import subprocess
import sys


def gz(data, level=6):
    return gzip.compress(data, compresslevel=level, mtime=0)


def zst(data, level=3):
    r = subprocess.run(["zstd", "-q", "-c", "-%d" % level, "--no-check"], input=data,
                       stdout=subprocess.PIPE, check=True)
    return r.stdout


def zst_check(data):
    r = subprocess.run(["zstd", "-q", "-c", "-3", "--check"], input=data,
                       stdout=subprocess.PIPE, check=True)
    return r.stdout


def flip(data, pos, mask=0xFF):
    b = bytearray(data)
    b[pos] ^= mask
    return bytes(b)


def jsonl_seeds():
    s = {}
    s["valid-min"] = b'{"text":"hello"}'
    s["valid-empty-object"] = b"{}"
    s["valid-meta"] = (b'{"id":"doc-1","url":"https://example.com/a?b=c","date":"2024-01-31",'
                       b'"meta":{"lang":"en","tags":["a","b",{"c":null}],"score":0.75,"n":-12e-3},'
                       b'"text":"First paragraph.\\n\\nSecond one.","ok":true,"bad":false,"z":null}')
    s["valid-whitespace"] = b' \t{ "text" : "x" , "id" : 7 }\r\n'
    s["escapes-all"] = b'{"text":"q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u20AC"}'
    s["escapes-nul"] = b'{"te\\u0000xt":"a\\u0000b","\\u0000":""}'
    s["surrogate-pair"] = b'{"text":"\\ud83d\\ude00 \\uD834\\uDD1E"}'
    s["surrogate-lone-high"] = b'{"text":"a\\ud800b"}'
    s["surrogate-lone-low"] = b'{"text":"a\\udc00b"}'
    s["surrogate-high-then-bmp"] = b'{"text":"\\ud800\\u0041"}'
    s["surrogate-high-at-end"] = b'{"text":"\\ud800"}'
    s["surrogate-high-high-low"] = b'{"text":"\\ud800\\ud800\\udc00"}'
    s["surrogate-high-bad-hex"] = b'{"text":"\\ud800\\uzzzz"}'
    s["raw-invalid-utf8"] = b'{"text":"caf\xe9 \xff\xfe \xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80","k\xc3":1}'
    s["raw-controls"] = b'{"text":"a\x00b\x01c\x1f\x7f\td"}'
    s["numbers"] = b'{"a":0,"b":-0,"c":1.5,"d":1e10,"e":1E+2,"f":-2.5e-3,"g":123456789012345678901234567890}'
    s["dup-keys"] = b'{"text":"a","text":"b"}'
    s["long-text"] = b'{"text":"' + b"word " * 4000 + b'"}'
    s["many-members"] = b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(100)) + b"}"
    s["nest-ok-255"] = b'{"a":' + b"[" * 254 + b"]" * 254 + b"}"
    s["nest-limit-256"] = b'{"a":' + b"[" * 255 + b"]" * 255 + b"}"
    s["nest-too-deep"] = b'{"a":' + b"[" * 300 + b"]" * 300 + b"}"
    s["nest-objects"] = b'{"a":' + b'{"b":' * 100 + b"1" + b"}" * 100 + b"}"
    s["nest-deep-unclosed"] = b'{"a":' + b"[" * 5000
    # malformed lines
    s["bad-empty"] = b""
    s["bad-blank"] = b" \t \r"
    s["bad-array"] = b"[1,2]"
    s["bad-string"] = b'"text"'
    s["bad-null"] = b"null"
    s["bad-bom"] = b'\xef\xbb\xbf{"text":"x"}'
    s["trunc-open"] = b"{"
    s["trunc-key"] = b'{"te'
    s["trunc-colon"] = b'{"text"'
    s["trunc-value"] = b'{"text":'
    s["trunc-string"] = b'{"text":"abc'
    s["trunc-escape"] = b'{"text":"abc\\'
    s["trunc-u"] = b'{"text":"\\u12'
    s["trunc-u-quote"] = b'{"text":"\\u12"}'
    s["trunc-after-comma"] = b'{"a":1,'
    s["trunc-nested"] = b'{"a":{"b":[1,2'
    s["bad-escape"] = b'{"text":"\\x41"}'
    s["bad-u-hex"] = b'{"text":"\\u00g1"}'
    s["bad-trailing-comma"] = b'{"a":1,}'
    s["bad-trailing-data"] = b'{"a":1} {"b":2}'
    s["bad-trailing-comma-after"] = b'{"a":1},'
    s["bad-key-not-string"] = b"{a:1}"
    s["bad-single-quotes"] = b"{'a':1}"
    s["bad-number-leading-zero"] = b'{"a":01}'
    s["bad-number-dot"] = b'{"a":1.}'
    s["bad-number-dot-first"] = b'{"a":.5}'
    s["bad-number-minus"] = b'{"a":-}'
    s["bad-number-exp"] = b'{"a":1e}'
    s["bad-number-plus"] = b'{"a":+1}'
    s["bad-literal"] = b'{"a":tru}'
    s["bad-literal-case"] = b'{"a":True}'
    s["bad-missing-comma"] = b'{"a":1 "b":2}'
    s["bad-nan"] = b'{"a":NaN}'
    return s


def decomp_seeds():
    text = (b'{"id":"1","text":"The quick brown fox.\\n\\nJumps over the lazy dog."}\n'
            b'{"id":"2","text":"caf\xc3\xa9 \\u00e9"}\n')
    rep = b"abcdefgh" * 8192  # 64 KiB of one short pattern: long matches
    s = {}
    s["empty"] = b""
    s["raw-text"] = text
    s["raw-one-byte"] = b"\x1f"
    s["raw-gzip-magic-only"] = b"\x1f\x8b"
    s["raw-zstd-magic-only"] = b"\x28\xb5\x2f\xfd"
    s["raw-binary"] = bytes(range(256))
    g = gz(text)
    s["gzip-single"] = g
    s["gzip-level1"] = gz(text * 20, 1)
    s["gzip-stored"] = gz(text, 0)
    s["gzip-empty-member"] = gz(b"")
    s["gzip-multi"] = gz(text) + gz(b'{"id":"3","text":"member two"}\n') + gz(b"tail\n")
    s["gzip-multi-empty-middle"] = gz(text) + gz(b"") + gz(text)
    s["gzip-long-matches"] = gz(rep, 9)
    s["gzip-trunc-header"] = g[:5]
    s["gzip-trunc-body"] = g[:len(g) // 2]
    s["gzip-trunc-trailer"] = g[:-3]
    s["gzip-trunc-long-matches"] = gz(rep, 9)[:-20]
    s["gzip-corrupt-body"] = flip(g, 14)
    s["gzip-corrupt-crc"] = flip(g, len(g) - 6, 0x01)
    s["gzip-corrupt-size"] = flip(g, len(g) - 2, 0x01)
    s["gzip-corrupt-method"] = flip(g, 2, 0x01)
    s["gzip-corrupt-second-member"] = g + flip(g, 14)
    s["gzip-trailing-garbage"] = g + b"garbage after the member\n"
    s["gzip-trailing-zeros"] = g + b"\x00" * 16
    s["gzip-trailing-one-byte"] = g + b"\x1f"
    s["gzip-then-zstd"] = g + zst(text)
    s["gzip-fextra-fname"] = (b"\x1f\x8b\x08\x0c\x00\x00\x00\x00\x00\xff" + b"\x04\x00abcd"
                              + b"name.jsonl\x00" + g[10:])
    z = zst(text)
    s["zstd-single"] = z
    s["zstd-checksum"] = zst_check(text)
    s["zstd-multi-frame"] = z + zst(b"frame two\n")
    s["zstd-long-matches"] = zst(rep, 19)
    s["zstd-empty-frame"] = zst(b"")
    s["zstd-trunc-header"] = z[:6]
    s["zstd-trunc-body"] = z[:len(z) // 2]
    s["zstd-trunc-last-byte"] = z[:-1]
    s["zstd-corrupt-body"] = flip(z, len(z) // 2)
    s["zstd-corrupt-checksum"] = flip(zst_check(text), -1 % len(zst_check(text)))
    s["zstd-trailing-garbage"] = z + b"junk"
    s["zstd-then-gzip"] = z + g
    s["zstd-skippable-first"] = b"\x50\x2a\x4d\x18\x04\x00\x00\x00skip" + z
    return s


def pipeline_seeds():
    # first byte: blank_run.max_blank = byte % 3
    s = {}
    s["plain"] = b"\x01First paragraph line one.\nLine two.\n\nSecond paragraph.\n"
    s["blank-runs"] = b"\x01a\n\n\n\nb\n\n\n\n\n\nc\n"
    s["blank-leading-trailing"] = b"\x01\n\n  \n\t\nbody\n\n \n\n"
    s["blank-whitespace-lines"] = b"\x01a\n  \n\t\t\n \t \nb\n"
    s["blank-max0"] = b"\x00a\n\nb\n\n\nc"
    s["blank-max2"] = b"\x02a\n\n\n\n\nb\n \n  \n   \nc\n"
    s["only-blank"] = b"\x01\n\n\n   \n"
    s["only-spaces"] = b"\x01   "
    s["no-final-newline"] = b"\x01a\n\n\nb"
    s["crlf"] = b"\x01a\r\n\r\n\r\n\r\nb\r\n"
    s["invalid-utf8"] = b"\x01caf\xe9 \xff\xfe \xe2\x82x \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf end\n"
    s["invalid-at-end"] = b"\x01text \xe2\x82"
    s["controls"] = b"\x01a\x00b\x01\x02c\x1b[0m\td\x7f\n\x0c\n\nnext\n"
    s["controls-and-blank"] = b"\x01a\n\x00\n\x01\n\nb\n"
    s["valid-multibyte"] = "\x01Grüße, 東京, emoji 😀 and Ελληνικά.\n\n\n次".encode()
    s["empty"] = b"\x01"
    s["nul-only"] = b"\x01\x00\x00\x00"
    return s


def run_seeds():
    # whole JSONL files for fuzz_run (line limit 4096, document limit 2048)
    j = jsonl_seeds()
    good = [j["valid-min"], j["valid-meta"], j["escapes-all"], j["surrogate-pair"],
            j["raw-invalid-utf8"], j["raw-controls"]]
    mixed = good + [j["bad-array"], j["trunc-string"], b"", b"  \t", j["bad-trailing-data"],
                    b'{"id":7,"text":"numeric id"}', b'{"id":null,"text":"null id"}',
                    b'{"text":17}', b'{"title":"no text"}', j["dup-keys"],
                    b'{"text":"blank\\n\\n\\n\\nruns","winnow":{"old":1}}']
    body = b"\n".join(mixed) + b"\n"
    s = {}
    s["good"] = b"\n".join(good) + b"\n"
    s["mixed"] = body
    s["crlf"] = body.replace(b"\n", b"\r\n")
    s["no-final-newline"] = body.rstrip(b"\n")
    s["blank-lines-only"] = b"\n\n \n\t\r\n"
    s["empty"] = b""
    s["long-line"] = j["valid-min"] + b"\n" + b'{"text":"' + b"x" * 5000 + b'"}\n' + j["valid-min"] + b"\n"
    s["line-at-limit"] = b'{"text":"' + b"y" * (4096 - 11) + b'"}\n'
    s["too-large-doc"] = b'{"id":"big","text":"' + b"z " * 1500 + b'"}\n' + j["valid-min"] + b"\n"
    s["gzip"] = gz(body)
    s["gzip-multi"] = gz(body) + gz(s["good"])
    s["gzip-truncated"] = gz(body * 3)[:-40]
    s["gzip-trailing-garbage"] = gz(body) + b"junk\n"
    s["zstd"] = zst(body)
    s["zstd-truncated"] = zst(body * 3)[:-9]
    return s


def write_dir(root, name, seeds):
    d = os.path.join(root, name)
    os.makedirs(d, exist_ok=True)
    keep = ("crash-", "timeout-", "regress-", "oom-", "leak-")
    for f in os.listdir(d):
        if not f.startswith(keep) and f not in seeds:
            os.remove(os.path.join(d, f))
    for n, data in sorted(seeds.items()):
        with open(os.path.join(d, n), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (d, len(seeds)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "fuzz", "corpus"))
    a = ap.parse_args()
    write_dir(a.out, "jsonl", jsonl_seeds())
    write_dir(a.out, "decomp", decomp_seeds())
    write_dir(a.out, "pipeline", pipeline_seeds())
    write_dir(a.out, "run", run_seeds())
    return 0


if __name__ == "__main__":
    sys.exit(main())
