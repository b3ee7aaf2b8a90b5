#!/usr/bin/env python3
"""gen.py - a deterministic, realistic JSONL corpus for winnow's benchmarks.

    python3 bench/gen.py [--seed N] [--size-mb MB] [--out FILE[.gz]]

The same seed and size always give the same bytes (also gzip'd: mtime 0), so
figures from different runs and machines describe the same work. What a
document looks like, and why:

  - length: log-normal (median about 2 KB) cut at 100 KB, so most documents
    are short and a long tail carries much of the volume, as in web crawls;
    about 1 in 2000 documents is one ~1 MB line of text without a newline
    (a minified page or a table dump), which exercises the line reader;
  - text: English-like sentences (a Zipf-weighted vocabulary) in paragraphs
    separated by one blank line, and sometimes by runs of blank or
    whitespace-only lines, leading and trailing blank lines (work for the
    blank_run stage);
  - about 5% of documents have non-ASCII text (accents, CJK, emoji); about 2%
    carry raw invalid UTF-8 bytes and about 2% control characters (escaped
    \\u0000 style, or raw), which is work for the utf8_repair stage;
  - every line has metadata winnow must copy through untouched: id, url,
    date, and a nested "meta" object with an array; the field order varies.

The input size is counted in uncompressed bytes. A sidecar FILE.meta records
the document count and the uncompressed size, for docs/s and MB/s figures.
"""
import argparse
import gzip
import json
import random
import sys

SYLLABLES = ["a", "an", "ar", "be", "ca", "co", "de", "di", "el", "en", "er", "es", "fa", "ge",
             "ha", "in", "is", "ka", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne",
             "no", "on", "or", "pa", "pe", "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so",
             "ta", "te", "ti", "to", "tu", "un", "ur", "va", "ve", "vi", "wa", "we", "ya", "zo"]
FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on",
                  "with", "as", "by", "at", "from", "this", "be", "or", "are", "an", "which",
                  "but", "not", "have", "had", "they", "you", "we", "their", "one", "all"]
NON_ASCII = ["café", "naïve", "Grüße", "façade", "São Paulo", "Zürich", "東京", "日本語",
             "Ελληνικά", "русский", "emoji 😀", "€12", "—", "“quoted”", "İstanbul", "한국어"]
INVALID = [b"\xff", b"\xfe\xff", b"\xe2\x82", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
           b"\x80\x80\x80", b"\xe9", b"\xf0\x9f\x98"]
RAW_CONTROLS = [b"\x01", b"\x1b", b"\x7f", b"\x0b", b"\x0c"]
ESC_CONTROLS = ["\u0000", "\u0007", "\u001b", "\r", "\u000b"]
INVALID_MARK = "\ue000"  # private-use: replaced by raw invalid bytes after encoding
RAWCTL_MARK = "\ue001"   # replaced by a raw control byte

SITES = ["example.com", "news.example.org", "blog.example.net", "shop.example.co.uk",
         "forum.example.io", "wiki.example.edu", "docs.example.dev", "recipes.example.fr"]
TAGS = ["news", "blog", "forum", "shop", "wiki", "recipe", "review", "sport", "tech", "travel"]


def make_vocab(rng, n):
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < n:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    weights = [1.0 / (i + 1) ** 1.07 for i in range(len(words))]  # Zipf
    cum, acc = [], 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    return words, cum


def make_sentences(rng, words, cum, n):
    """A pool of sentences; documents draw from it (fast, and a pool this large
    keeps repeats rare inside gzip's 32 KB window)."""
    out = []
    for _ in range(n):
        k = max(3, int(rng.lognormvariate(2.6, 0.45)))
        ws = rng.choices(words, cum_weights=cum, k=k)
        ws[0] = ws[0].capitalize()
        if k > 8 and rng.random() < 0.3:
            ws[rng.randrange(2, k - 2)] += ","
        if rng.random() < 0.05:
            ws[rng.randrange(k)] = rng.choice(NON_ASCII)
        if rng.random() < 0.04:
            ws.insert(rng.randrange(k), str(rng.randrange(1, 100000)))
        out.append(" ".join(ws) + rng.choice(".....?!:"))
    return out


def paragraph_break(rng):
    r = rng.random()
    if r < 0.85:
        return "\n\n"
    if r < 0.93:
        return "\n" * rng.randint(3, 8)
    if r < 0.98:
        return "\n" + rng.choice(["  \n", "\t\n", " \t \n", "   \n\n"]) + "\n"
    return "\n"


def make_text(rng, pool, target):
    parts = []
    if rng.random() < 0.05:
        parts.append("\n" * rng.randint(1, 4))
    size = 0
    while size < target:
        nsent = rng.randint(1, 8)
        para = " ".join(rng.choices(pool, k=nsent))
        parts.append(para)
        size += len(para) + 2
        if size < target:
            parts.append(paragraph_break(rng))
    if rng.random() < 0.1:
        parts.append("\n" * rng.randint(1, 5))
    return "".join(parts)


def damage(rng, text):
    """Insert marks for invalid bytes and control characters at word breaks."""
    r = rng.random()
    if r >= 0.04:
        return text
    pieces = text.split(" ")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(pieces))
        if r < 0.02:
            pieces[i] = INVALID_MARK + pieces[i]
        elif rng.random() < 0.5:
            pieces[i] = rng.choice(ESC_CONTROLS) + pieces[i]
        else:
            pieces[i] = RAWCTL_MARK + pieces[i]
    return " ".join(pieces)


def encode_line(rng, obj):
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if INVALID_MARK.encode() in line:
        bits = line.split(INVALID_MARK.encode())
        line = bits[0] + b"".join(rng.choice(INVALID) + b for b in bits[1:])
    if RAWCTL_MARK.encode() in line:
        bits = line.split(RAWCTL_MARK.encode())
        line = bits[0] + b"".join(rng.choice(RAW_CONTROLS) + b for b in bits[1:])
    return line + b"\n"


def doc_length(rng):
    if rng.random() < 0.0005:
        return -1  # one very long line
    return min(100_000, max(40, int(rng.lognormvariate(7.6, 1.1))))


def main():
    ap = argparse.ArgumentParser(description="deterministic JSONL benchmark corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size-mb", type=float, default=200.0, help="uncompressed MB (10^6 bytes)")
    ap.add_argument("--out", default="-", help="output file; .gz: gzip it; '-': stdout")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    words, cum = make_vocab(rng, 30000)
    pool = make_sentences(rng, words, cum, 60000)
    target = int(a.size_mb * 1_000_000)

    if a.out == "-":
        out = sys.stdout.buffer
    elif a.out.endswith(".gz"):
        out = gzip.GzipFile(a.out, "wb", compresslevel=6, mtime=0)
    else:
        out = open(a.out, "wb")
    total = docs = 0
    while total < target:
        n = doc_length(rng)
        if n < 0:
            text = " ".join(rng.choices(pool, k=12000))  # ~1 MB, no newline
        else:
            text = damage(rng, make_text(rng, pool, n))
        site = rng.choice(SITES)
        meta = {
            "source": "bench",
            "tags": rng.sample(TAGS, rng.randint(0, 3)),
            "score": round(rng.random(), 4),
            "crawl": {"segment": rng.randrange(100), "status": 200},
        }
        fields = [
            ("id", "bench-%d-%08d" % (a.seed, docs)),
            ("url", "https://%s/%s/%d" % (site, rng.choice(TAGS), rng.randrange(10**7))),
            ("date", "20%02d-%02d-%02d" % (rng.randint(15, 25), rng.randint(1, 12),
                                          rng.randint(1, 28))),
            ("text", text),
            ("meta", meta),
        ]
        if rng.random() < 0.3:
            fields.append(fields.pop(3))  # text last
        line = encode_line(rng, dict(fields))
        out.write(line)
        total += len(line)
        docs += 1
    if out is not sys.stdout.buffer:
        out.close()
        with open(a.out + ".meta", "w") as m:
            m.write("docs %d\nbytes %d\nseed %d\n" % (docs, total, a.seed))
    print("gen.py: %d documents, %d bytes (uncompressed), seed %d" % (docs, total, a.seed),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
