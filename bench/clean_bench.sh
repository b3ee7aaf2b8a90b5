#!/bin/sh
# bench/clean_bench.sh - throughput of `winnow clean` (utf8_repair,blank_run,clean,
# with language identification) beside the #2 pipeline alone (utf8_repair,blank_run),
# in the same run, on the WCXB main_content texts repeated to BENCH_CLEAN_MB
# (default 200) MB of JSONL.
#
#   sh bench/clean_bench.sh              (or via `make bench`, which runs every bench/*.sh)
#   BENCH_CLEAN_MB=50 BENCH_RUNS=1 sh bench/clean_bench.sh
#
# Best of BENCH_RUNS (3) per row; MB/s is input MB (10^6 bytes) per wall second.
# Each row prints the sha256 of its output; -j1 and -j2 must agree (exit 1 if
# not). Skips (exit 0) when the WCXB corpus is not in ../shared (or
# $WN_SHARED). A benchmark, never a timed test.
set -eu

: "${WINNOW:=./winnow}"
: "${BENCH_CLEAN_MB:=200}"
: "${BENCH_RUNS:=3}"
: "${WN_SHARED:=../shared}"
OUT=bench/out
CORPUS=$WN_SHARED/corpus/wcxb-dev/ground-truth
DATA=$OUT/wcxb-clean-$BENCH_CLEAN_MB.jsonl

if [ ! -d "$CORPUS" ]; then
    echo "clean_bench: $CORPUS not found; skipped" >&2
    exit 0
fi
mkdir -p "$OUT"
if [ ! -f "$DATA" ]; then
    python3 - "$CORPUS" "$BENCH_CLEAN_MB" "$DATA.tmp" <<'PY'
import glob, json, os, sys
corpus, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = []
for p in sorted(glob.glob(os.path.join(corpus, "*.json"))):
    t = json.load(open(p, encoding="utf-8"))["ground_truth"].get("main_content") or ""
    if t.strip():
        lines.append(json.dumps({"id": os.path.basename(p)[:-5], "text": t}, ensure_ascii=False) + "\n")
data = "".join(lines).encode("utf-8")
with open(out, "wb") as f:
    written, rep = 0, 0
    while written < mb * 1000000:
        f.write(data)
        written += len(data)
        rep += 1
PY
    mv "$DATA.tmp" "$DATA"
fi
BYTES=$(wc -c <"$DATA")
DOCS=$(wc -l <"$DATA")
echo "clean_bench: $DATA: $DOCS docs, $BYTES bytes"

now() { date +%s.%N; }

# best wall time of BENCH_RUNS runs of: winnow STAGES -jN; prints "seconds sha"
best() {
    stages=$1 jobs=$2 bestt=""
    i=0
    while [ "$i" -lt "$BENCH_RUNS" ]; do
        t0=$(now)
        "$WINNOW" --stages "$stages" -j "$jobs" -q "$DATA" >"$OUT/clean_bench.out"
        t1=$(now)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$bestt" ] || [ "$(echo "$t < $bestt" | bc -l)" = 1 ]; then bestt=$t; fi
        i=$((i + 1))
    done
    sha=$(sha256sum "$OUT/clean_bench.out" | cut -c1-16)
    echo "$bestt $sha"
}

status=0
printf '%-44s %4s %9s %9s  %s\n' "pipeline" "jobs" "seconds" "MB/s" "output sha256"
for stages in utf8_repair,blank_run utf8_repair,blank_run,clean; do
    prev=""
    for j in 1 2; do
        set -- $(best "$stages" "$j")
        mbs=$(echo "$BYTES / $1 / 1000000" | bc -l)
        printf '%-44s %4s %9.2f %9.1f  %s\n' "$stages" "$j" "$1" "$mbs" "$2"
        if [ -n "$prev" ] && [ "$prev" != "$2" ]; then
            echo "clean_bench: -j1 and -j2 outputs differ for $stages" >&2
            status=1
        fi
        prev=$2
    done
done
rm -f "$OUT/clean_bench.out"
exit $status
