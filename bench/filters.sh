#!/bin/sh
# bench/filters.sh - throughput of the quality filters (issue #4), in one run
# with the pipeline alone as the baseline.
#
#   sh bench/filters.sh                 (bench/run.sh, i.e. `make bench`, runs it too)
#   FILTER_MB=50 sh bench/filters.sh    (a smaller corpus; default 200)
#   WINNOW=/path/to/old/winnow FILTER_STAGE=0 sh bench/filters.sh
#                                       (another build, through the CLI only)
#
# The corpus is the parity inputs (../shared/parity/datatrove/inputs_real.jsonl,
# 597 real web texts) repeated to at least FILTER_MB MB, written once to
# bench/out/. Then, best of FILTER_RUNS (default 1) each, at -j1 and -j2:
#   pipeline alone     winnow --stages utf8_repair (reading, repair, writing)
#   each filter        winnow filter --filters NAME
#   fineweb profile    winnow filter (gopher_repetition, gopher_quality,
#                      c4_quality, fineweb_quality), as by default and with
#                      --all-filters (every value of every filter)
# MB/s is input MB (10^6 bytes of JSONL) per wall second, docs/s input
# documents; CPU s is the user + system time of every thread of the run, and
# MB/CPU-s the throughput per core (bench/timeit.py). The fineweb rows write
# their output to a file and show its sha256; -j1 and -j2 must be equal.
# Last, bench/filters_bench.c times the filter stage alone (no I/O) on one
# thread, bench/filters_split.c the fineweb profile's time filter by filter
# (as the stage runs it by default, then with every value: SPLIT_ALL=1),
# and the reference's single-core figures from the vectors are shown for
# comparison. Nothing here fails because it is slow.
set -eu

: "${WINNOW:=./winnow}"
: "${FILTER_MB:=200}"
: "${FILTER_RUNS:=1}"
OUT=bench/out

PARITY=
for d in ../shared/parity/datatrove /work/shared/parity/datatrove; do
    if [ -f "$d/inputs_real.jsonl" ]; then PARITY=$d; break; fi
done
if [ -z "$PARITY" ]; then
    echo "filters bench: no ../shared/parity/datatrove; skipped"
    exit 0
fi
if [ ! -x "$WINNOW" ]; then
    echo "filters bench: $WINNOW not found; run make first" >&2
    exit 2
fi
mkdir -p "$OUT"
DATA=$OUT/parity-$FILTER_MB.jsonl
if [ ! -f "$DATA" ]; then
    src=$PARITY/inputs_real.jsonl
    one=$(wc -c <"$src")
    reps=$(awk -v mb="$FILTER_MB" -v one="$one" 'BEGIN { r = int(mb * 1e6 / one); if (r * one < mb * 1e6) r++; print r }')
    : >"$DATA.tmp"
    i=0
    while [ "$i" -lt "$reps" ]; do cat "$src" >>"$DATA.tmp"; i=$((i + 1)); done
    mv "$DATA.tmp" "$DATA"
fi
BYTES=$(wc -c <"$DATA")
DOCS=$(wc -l <"$DATA")

# timed ARGS...: runs "$WINNOW ARGS... -q $DATA" FILTER_RUNS times (bench/timeit.py);
# sets WALL (best wall seconds) and CPU (user + system seconds of that run,
# every thread: the figure "per core" is MB per CPU second)
timed() {
    set -- $(python3 bench/timeit.py "$FILTER_RUNS" "$WINNOW" "$@" -q "$DATA")
    WALL=$1
    CPU=$2
}

row() { # name jobs hash
    awk -v name="$1" -v j="$2" -v s="$WALL" -v c="$CPU" -v bytes="$BYTES" -v docs="$DOCS" -v hash="$3" 'BEGIN {
        printf "%-22s -j%-2s %8.2f %9.2f %10.0f %8.2f %9.2f  %s\n", name, j, s, bytes / 1e6 / s, docs / s, c, bytes / 1e6 / c, hash }'
}

cat "$DATA" >/dev/null
echo "corpus: $DATA: $DOCS docs, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB (the parity inputs repeated)"
echo "best of $FILTER_RUNS run(s) by wall time; MB/s = input MB (JSONL) per second;"
echo "CPU s = user + system time of all threads; MB/CPU-s = throughput per core"
printf "%-22s %-4s %8s %9s %10s %8s %9s  %s\n" "what" "jobs" "wall s" "MB/s" "docs/s" "CPU s" "MB/CPU-s" "output sha256"

for j in 1 2; do
    timed --stages utf8_repair -j "$j" -o /dev/null
    row "pipeline alone" "$j" "-"
done
for f in gopher_quality gopher_repetition c4_quality c4_badwords fineweb_quality; do
    for j in 1 2; do
        timed filter --filters "$f" -j "$j" -o /dev/null
        row "$f" "$j" "-"
    done
done
status=0
# fineweb profile: as run by default (the chain, and gopher_repetition, end
# at the first failing check, as datatrove's do); then with --all-filters
# (every filter and every check: every value recorded). The hash is of the
# kept documents and the rejected ones, which differ between the two modes
# only in the values recorded.
for all in "" --all-filters; do
    name="fineweb profile"
    [ -n "$all" ] && name="fineweb --all-filters"
    for j in 1 2; do
        timed filter --profile fineweb $all -j "$j" -o "$OUT/fineweb.out" --rejected "$OUT/fineweb.rej"
        h=$(cat "$OUT/fineweb.out" "$OUT/fineweb.rej" | sha256sum | cut -d' ' -f1)
        rm -f "$OUT/fineweb.out" "$OUT/fineweb.rej"
        row "$name" "$j" "$h"
        if [ "$j" = 1 ]; then H1=$h; elif [ "$h" != "$H1" ]; then
            echo "output hashes: -j1 and -j2 DIFFER (output must not depend on -j)"
            status=1
        fi
    done
done

echo
echo "reference (datatrove fe81883d, 1 process, from $PARITY/throughput_fe81883d.json):"
awk '/^  "[a-z0-9_]+": [{]/ { name = $1; gsub(/[":]/, "", name) }
     /"mb_per_s"/ { v = $2; gsub(/,/, "", v); printf "  %-22s %8s MB/s\n", name, v }' "$PARITY/throughput_fe81883d.json"

# The filter stage alone, without I/O, one thread (FILTER_STAGE=0 skips it).
if [ "${FILTER_STAGE:-1}" = 0 ]; then exit $status; fi
LIBS="$(pkg-config --libs zlib libzstd libxml-2.0 uchardet libbrotlidec libutf8proc libpcre2-8 libxxhash 2>/dev/null || true) -lcld2 -lstdc++ -lpthread -lm"
if make -s build/libwinnow.a >/dev/null 2>&1 &&
    ${CC:-cc} -O2 -std=gnu11 -Iinclude bench/filters_bench.c build/libwinnow.a $LIBS -o "$OUT/filters_bench" 2>/dev/null; then
    echo
    "$OUT/filters_bench" "$PARITY/inputs_real.jsonl" "$FILTER_RUNS" "$FILTER_MB"
    if ${CC:-cc} -O2 -std=gnu11 -Iinclude -Ilib bench/filters_split.c build/libwinnow.a $LIBS \
        -o "$OUT/filters_split" 2>/dev/null; then
        echo
        "$OUT/filters_split" "$PARITY/inputs_real.jsonl" 5
        echo
        SPLIT_ALL=1 "$OUT/filters_split" "$PARITY/inputs_real.jsonl" 5
    fi
else
    echo "(bench/filters_bench.c did not build; stage-alone figures skipped)"
fi
exit $status
