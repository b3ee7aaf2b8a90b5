#!/usr/bin/env python3
"""clean_fp.py - false positives of the clean stage on clean text.

The WCXB ground truth's main_content texts are human-checked article text, so
everything `winnow clean` removes from them is a false positive, except blank
line collapsing (blank_run) which changes no content. This script runs the
binary over all of them (one JSONL stream, so it is fast) and reports the
share of characters removed per reason, and the worst documents with what was
removed from them.

    python3 tests/eval/clean_fp.py [--winnow ./winnow] [--corpus DIR] [--worst 10]
            [--limit N] [--max-fp 0.005]

Exit status 1 when the overall false-positive share exceeds --max-fp.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
IGNORED = {"blank_run", "encoding"}


def load_corpus(corpus, limit):
    docs = []
    for path in sorted(glob.glob(os.path.join(corpus, "ground-truth", "*.json"))):
        with open(path, encoding="utf-8") as f:
            gt = json.load(f).get("ground_truth", {})
        text = gt.get("main_content") or ""
        if text.strip():
            docs.append((os.path.basename(path)[:-5], text))
        if limit and len(docs) >= limit:
            break
    return docs


def run_winnow(winnow, docs, extra=()):
    data = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs)
    out = subprocess.run([winnow, "clean", "-q", *extra], input=data.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout
    return [json.loads(line) for line in out.decode("utf-8").split("\n") if line.strip()]


def replay(text, spans):
    """Apply spans stage by stage to text (a str); return, for each removed
    or replaced span, its reason and the characters of the original text it
    covered. Offsets in the evidence are bytes of each stage's input."""
    cur = text.encode("utf-8")
    origin = list(range(len(cur)))  # byte of cur -> byte of the original (-1: inserted)
    hits = []
    by_stage = collections.OrderedDict()
    for s in spans:
        by_stage.setdefault(s["stage"] + "#" + str(s.get("stage_index", "")), []).append(s)
    for _, ss in by_stage.items():
        ss = sorted(ss, key=lambda s: s["start"])
        new, norig, pos = bytearray(), [], 0
        for s in ss:
            a, b = s["start"], s["end"]
            new += cur[pos:a]
            norig += origin[pos:a]
            hits.append((s["reason"], s.get("rule", ""), [o for o in origin[a:b] if o >= 0]))
            rep = (s.get("replacement") or "").encode("utf-8")
            new += rep
            norig += [-1] * len(rep)
            pos = b
        new += cur[pos:]
        norig += origin[pos:]
        cur, origin = bytes(new), norig
    return hits, cur.decode("utf-8", "replace")


def char_positions(raw, byte_positions):
    """Byte positions -> how many characters they cover (lead bytes only)."""
    return sum(1 for p in byte_positions if (raw[p] & 0xC0) != 0x80)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", default=os.path.join(ROOT, "winnow"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "wcxb-dev"))
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--max-fp", type=float, default=0.005)
    args = ap.parse_args()
    docs = load_corpus(args.corpus, args.limit)
    if not docs:
        print("no documents under %s" % args.corpus, file=sys.stderr)
        return 2
    outs = run_winnow(args.winnow, docs)
    byid = {o["id"]: o for o in outs}
    total_chars = removed_chars = 0
    by_reason = collections.Counter()
    by_rule = collections.Counter()
    per_doc = []
    for did, text in docs:
        raw = text.encode("utf-8")
        total_chars += len(text)
        o = byid.get(did)
        if not o:
            continue
        hits, _ = replay(text, o.get("winnow", {}).get("spans", []))
        doc_removed, what = 0, []
        for reason, rule, pos in hits:
            if reason in IGNORED:
                continue
            n = char_positions(raw, pos)
            by_reason[reason] += n
            by_rule[rule] += n
            doc_removed += n
            if pos:
                what.append((reason, rule, raw[min(pos):max(pos) + 1].decode("utf-8", "replace")))
        removed_chars += doc_removed
        per_doc.append((doc_removed, did, len(text), what))
    fp = removed_chars / max(total_chars, 1)
    print("documents: %d, characters: %d, removed (blank_run aside): %d = %.3f%%"
          % (len(docs), total_chars, removed_chars, 100 * fp))
    for reason, n in by_reason.most_common():
        print("  %-16s %8d chars  %.3f%%" % (reason, n, 100 * n / total_chars))
    for rule, n in by_rule.most_common():
        print("    %-28s %8d" % (rule, n))
    per_doc.sort(reverse=True)
    print("worst documents:")
    for n, did, size, what in per_doc[:args.worst]:
        if not n:
            break
        print("  %s: %d of %d chars (%.1f%%)" % (did, n, size, 100 * n / size))
        for reason, rule, t in what[:6]:
            print("      %-14s %-24s %r" % (reason, rule, t[:100]))
    return 1 if fp > args.max_fp else 0


if __name__ == "__main__":
    sys.exit(main())
