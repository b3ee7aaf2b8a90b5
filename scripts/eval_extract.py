#!/usr/bin/env python3
"""Score winnow's main-content extraction on a WCXB folder.

  scripts/eval_extract.py [--winnow ./winnow] [--wcxb DIR] [--jobs N] [--out PRED.jsonl] [-- EXTRA winnow ARGS]

Runs `winnow extract` over DIR/html/*.html.gz (ids are the file stems, as the
scorer wants), then ../shared/tools/score-extraction --wcxb --per-type, then
reports the share of table cells found in the output on the pages whose
Markdown ground truth holds a pipe table (a cell counts as found when its
whitespace-collapsed, lower-cased text occurs in the output).
"""
import argparse, glob, json, os, re, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--winnow", default="./winnow")
ap.add_argument("--wcxb", default="/work/shared/corpus/wcxb-dev")
ap.add_argument("--scorer", default="/work/shared/tools/score-extraction")
ap.add_argument("--jobs", default="2")
ap.add_argument("--out", default="/tmp/wcxb-pred.jsonl")
ap.add_argument("extra", nargs="*")
a = ap.parse_args()

files = sorted(glob.glob(os.path.join(a.wcxb, "html", "*.html.gz")))
t0 = time.time()
with open(a.out, "w") as out:
    r = subprocess.run([a.winnow, "extract", "-q", "-j", a.jobs, "--no-evidence", *a.extra, *files], stdout=out)
dt = time.time() - t0
print(f"extracted {len(files)} pages in {dt:.1f}s (exit {r.returncode})")
subprocess.run([a.scorer, "--wcxb", os.path.join(a.wcxb, "ground-truth"), a.out, "--per-type"])

pred = {}
with open(a.out) as fh:
    for line in fh:
        o = json.loads(line)
        pred[str(o["id"])] = o.get("text") or ""
norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()
sep = re.compile(r"^\s*\|?\s*:?-{3,}")
pages = found = total = 0
for f in sorted(glob.glob(os.path.join(a.wcxb, "ground-truth", "*.json"))):
    md = (json.load(open(f)).get("ground_truth") or {}).get("main_content_markdown") or ""
    lines = md.split("\n")
    if not any(sep.match(l) and "|" in l for l in lines):
        continue
    pages += 1
    text = norm(pred.get(os.path.basename(f)[:-5], "")).replace("\\|", "|")
    for l in lines:
        if "|" not in l or sep.match(l):
            continue
        for c in l.strip().strip("|").split("|"):
            c = norm(re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", c))
            if not c:
                continue
            total += 1
            found += c in text
print(f"tables: {pages} pages, {total} cells, {found / max(total, 1):.1%} found in the output")
