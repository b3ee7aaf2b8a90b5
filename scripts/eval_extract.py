#!/usr/bin/env python3
"""Score winnow's main-content extraction on a WCXB folder.

  scripts/eval_extract.py [--winnow ./winnow] [--wcxb DIR] [--jobs N] [--out PRED.jsonl]
                          [--pages PAGES.tsv] [-- EXTRA winnow ARGS]

Runs `winnow extract` over DIR/html/*.html.gz (ids are the file stems, as the
scorer wants), then ../shared/tools/score-extraction --wcxb --per-type, then
reports the share of table cells found in the output on the pages whose
Markdown ground truth holds a pipe table (a cell counts as found when its
whitespace-collapsed, lower-cased text occurs in the output).

It also prints the mean F1 per page type for the even and the odd ids
separately (scored the way the scorer does), so that rules tuned on one half
can be checked on the other, and with --pages writes one line per page
(id, type, precision, recall, F1, share of "without" snippets found) for
comparing two runs page by page.
"""
import argparse, glob, json, os, re, subprocess, sys, time
from collections import Counter

ap = argparse.ArgumentParser()
ap.add_argument("--winnow", default="./winnow")
ap.add_argument("--wcxb", default="/work/shared/corpus/wcxb-dev")
ap.add_argument("--scorer", default="/work/shared/tools/score-extraction")
ap.add_argument("--jobs", default="2")
ap.add_argument("--out", default="/tmp/wcxb-pred.jsonl")
ap.add_argument("--pages", help="write one TSV line per page: id type P R F1 without")
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

# The same page scores as the scorer, split by id parity: tune on one half,
# check on the other, so a rule that only fits the pages it was tuned on shows.
WORD = re.compile(r"\w+")
halves = {"even": {}, "odd": {}}
rows_out = []
for f in sorted(glob.glob(os.path.join(a.wcxb, "ground-truth", "*.json"))):
    data = json.load(open(f))
    gt = data.get("ground_truth") or {}
    pt = ((data.get("_internal") or {}).get("page_type") or {})
    pt = pt.get("primary", "article") if isinstance(pt, dict) else (pt or "article")
    pt = "collection" if pt == "category" else pt
    pid = os.path.basename(f)[:-5]
    text = pred.get(pid, "")
    pt_, rt_ = WORD.findall(text.lower()), WORD.findall((gt.get("main_content") or "").lower())
    if not rt_:
        p = r = f1 = 1.0 if not pt_ else 0.0
    elif not pt_:
        p = r = f1 = 0.0
    else:
        ov = sum((Counter(pt_) & Counter(rt_)).values())
        p, r = ov / len(pt_), ov / len(rt_)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
    wo = gt.get("without") or []
    wr = sum(s.lower() in text.lower() for s in wo) / len(wo) if wo else 0.0
    rows_out.append((pid, pt, p, r, f1, wr))
    h = halves["even" if int(re.sub(r"\D", "", pid) or 0) % 2 == 0 else "odd"]
    for k in (pt, "all"):
        h.setdefault(k, []).append((f1, wr))
types = sorted({t for h in halves.values() for t in h if t != "all"})
print("half  " + "  ".join(f"{t[:6]:>6}" for t in ["all"] + types) + "  without")
for name, h in halves.items():
    cols = [sum(x[0] for x in h[t]) / len(h[t]) for t in ["all"] + types]
    wo = sum(x[1] for x in h["all"]) / len(h["all"])
    print(f"{name:<5} " + "  ".join(f"{c:6.3f}" for c in cols) + f"  {wo:6.2%}")
if a.pages:
    with open(a.pages, "w") as fh:
        for row in rows_out:
            fh.write("%s\t%s\t%.4f\t%.4f\t%.4f\t%.3f\n" % row)
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
