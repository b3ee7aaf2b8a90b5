#!/bin/sh
# bench/run.sh - winnow's throughput next to the I/O floor, in one run.
#
#   make bench                      (builds ./winnow, then runs this)
#   BENCH_MB=50 sh bench/run.sh     (a smaller corpus)
#   BENCH_OTHERS=0 sh bench/run.sh  (only the figures below, not bench/*.sh)
#
# Generates bench/out/corpus-SEED-MB.jsonl.gz once (bench/gen.py), then times
# (bench/timeit.py: best of BENCH_RUNS (3) by wall time, with its CPU time),
# on those same bytes:
#   cat        the compressed bytes to /dev/null (reading the file)
#   zcat       decompression to /dev/null (the floor winnow cannot beat)
#   winnow -j1 and -j2 with --stages utf8_repair,blank_run, output to a file
# MB/s is uncompressed input MB (10^6 bytes) per second for every row, so the
# rows compare directly; docs/s counts input documents. Each winnow row shows
# the sha256 of its output; -j1 and -j2 must be equal (exit 1 if not).
# Afterwards every other bench/*.sh runs, with WINNOW, BENCH_DATA, BENCH_MB,
# BENCH_DOCS and BENCH_RUNS in its environment.
set -eu

: "${WINNOW:=./winnow}"
: "${BENCH_MB:=200}"
: "${BENCH_SEED:=1}"
: "${BENCH_RUNS:=3}"
OUT=bench/out
DATA=$OUT/corpus-$BENCH_SEED-$BENCH_MB.jsonl.gz
STAGES=utf8_repair,blank_run

if [ ! -x "$WINNOW" ]; then
    echo "bench: $WINNOW not found; run make first" >&2
    exit 2
fi
mkdir -p "$OUT"
if [ ! -f "$DATA" ] || [ ! -f "$DATA.meta" ]; then
    echo "bench: generating $DATA ($BENCH_MB MB uncompressed, seed $BENCH_SEED)..." >&2
    python3 bench/gen.py --seed "$BENCH_SEED" --size-mb "$BENCH_MB" --out "$DATA.tmp.gz"
    mv "$DATA.tmp.gz.meta" "$DATA.meta"
    mv "$DATA.tmp.gz" "$DATA"
fi
DOCS=$(sed -n 's/^docs //p' "$DATA.meta")
BYTES=$(sed -n 's/^bytes //p' "$DATA.meta")
GZBYTES=$(wc -c <"$DATA")

# best_of CMD...: runs CMD BENCH_RUNS times (stdout to /dev/null); sets BEST
# to the shortest wall time and CPU to that run's user+system seconds.
best_of() {
    set -- $(python3 bench/timeit.py "$BENCH_RUNS" "$@")
    BEST=$1
    CPU=$2
}

row() { # name hash
    awk -v name="$1" -v s="$BEST" -v cpu="$CPU" -v bytes="$BYTES" -v docs="$DOCS" -v hash="$2" 'BEGIN {
        printf "%-20s %8.3f %8.3f %9.1f %10.0f  %s\n", name, s, cpu, bytes / 1e6 / s, docs / s, hash }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# warm the page cache so the first timed run does not pay for the disk
cat "$DATA" >/dev/null

echo "corpus: $DATA: $DOCS docs, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB uncompressed, $(awk -v b="$GZBYTES" 'BEGIN{printf "%.1f", b/1e6}') MB gzip'd"
echo "best of $BENCH_RUNS runs (by wall time); cpu s = user+system time of that run;"
echo "MB/s and docs/s = uncompressed input MB (docs) per wall second; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf "%-20s %8s %8s %9s %10s  %s\n" "what" "seconds" "cpu s" "MB/s" "docs/s" "output sha256"

best_of cat "$DATA"
row "cat (read .gz)" "-"
best_of gzip -dc "$DATA"
ZCAT=$BEST
ZCAT_CPU=$CPU
row "zcat (decompress)" "-"

best_of "$WINNOW" --stages "$STAGES" -j 1 -q -o "$OUT/out-j1.jsonl" "$DATA"
J1=$BEST
J1_CPU=$CPU
H1=$(sha256sum <"$OUT/out-j1.jsonl" | cut -d' ' -f1)
row "winnow -j1" "$H1"

best_of "$WINNOW" --stages "$STAGES" -j 2 -q -o "$OUT/out-j2.jsonl" "$DATA"
J2=$BEST
H2=$(sha256sum <"$OUT/out-j2.jsonl" | cut -d' ' -f1)
row "winnow -j2" "$H2"

echo "stages: $STAGES; output $(wc -c <"$OUT/out-j1.jsonl" | awk '{printf "%.1f", $1/1e6}') MB"
echo "winnow -j1 time / zcat time: $(ratio "$J1" "$ZCAT")x (target: at most 2x)"
echo "winnow -j2 time / zcat time: $(ratio "$J2" "$ZCAT")x"
echo "winnow -j1 cpu / zcat cpu:   $(ratio "$J1_CPU" "$ZCAT_CPU")x (wall time is only fair on an idle machine)"
status=0
if [ "$H1" = "$H2" ]; then
    echo "output hashes: -j1 and -j2 equal"
else
    echo "output hashes: -j1 and -j2 DIFFER (output must not depend on -j)"
    status=1
fi
rm -f "$OUT/out-j1.jsonl" "$OUT/out-j2.jsonl"

# the other benchmarks (BENCH_OTHERS=0 skips them)
for b in bench/*.sh; do
    [ "${BENCH_OTHERS:-1}" = 0 ] && break
    [ "$b" = bench/run.sh ] && continue
    [ -f "$b" ] || continue
    echo
    echo "== $b"
    WINNOW=$WINNOW BENCH_DATA=$DATA BENCH_MB=$BENCH_MB BENCH_DOCS=$DOCS BENCH_RUNS=$BENCH_RUNS \
        sh "$b" || status=1
done
exit $status
